import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type ErrorKind } from '../../kernel/errors.js';
import { isDataException } from '../database/sql.js';

export const STATUS: Record<ErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

export interface ErrorBody {
  error: { code: string; message: { zh: string; en: string }; details?: unknown };
}

/** Every error leaves the API in one bilingual shape; internals are logged, never shown. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let status: number;
    let body: ErrorBody;
    if (err instanceof DomainError) {
      status = STATUS[err.kind];
      body = { error: { code: err.code, message: err.text, details: err.details } };
      // A rate limit says when to come back in the header too (RFC 9110 §10.2.3), as the request gate does.
      const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.kind === 'rate_limited' && typeof wait === 'number' && wait > 0) res.setHeader('retry-after', String(Math.ceil(wait)));
    } else if (err instanceof HttpException) {
      status = err.getStatus();
      const en = err.message;
      body = {
        error: {
          code: status === 404 ? 'route_not_found' : status === 413 ? 'payload_too_large' : 'http_error',
          message: {
            zh: status === 404 ? '请求的地址不存在' : status === 413 ? '上传内容超过大小限制' : `请求无法处理（${status}）`,
            en,
          },
        },
      };
    } else if (isDataException(err)) {
      // A value the database's column type cannot hold (SQLSTATE class 22) comes from the request:
      // the caller's to correct, never a 500. Logged, since a DTO should have caught it first.
      status = HttpStatus.BAD_REQUEST;
      this.log.warn(`data exception ${(err as { code?: string }).code}: ${err instanceof Error ? err.message : String(err)}`);
      body = {
        error: {
          code: 'invalid_value',
          message: {
            zh: '请求中的某个值无效或超出范围（编号、数字、日期或文本格式不正确），操作未生效',
            en: 'a value in the request is invalid or out of range (a malformed id, number, date or text); nothing was changed',
          },
        },
      };
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      this.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      body = {
        error: {
          code: 'internal_error',
          message: { zh: '系统内部错误，操作未生效，请稍后重试', en: 'internal error; nothing was changed, please retry later' },
        },
      };
    }
    res.status(status).json(body);
  }
}
