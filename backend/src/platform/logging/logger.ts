import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { pino, type Logger } from 'pino';

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Query parameters whose values are secrets (tokens, an OIDC callback's code and state, passwords,
 * signed-URL signatures): logged as [redacted]. Exact names, so that regionCode or cityCode stay.
 */
const SECRET_PARAM = /^(code|state|session_state|key|api_?key|signature|x-amz-(signature|credential|security-token)|.*(token|password|passwd|secret))$/i;
const MAX_QUERY_LOGGED = 2000;

/**
 * The query string of a request as the log records it, so that a failure can be reproduced from the
 * log (issue 15 §6): as sent, except the values of secret-looking parameters, and cut at 2,000
 * characters. Nothing when there is no query.
 */
export function loggedQuery(originalUrl: string): { query?: string } {
  const at = originalUrl.indexOf('?');
  if (at < 0 || at === originalUrl.length - 1) return {};
  const query = originalUrl
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replaceAll('+', ' '));
      } catch {
        // an undecodable name is logged as sent
      }
      return eq >= 0 && SECRET_PARAM.test(name) ? `${rawName}=[redacted]` : pair;
    })
    .join('&');
  return { query: query.length > MAX_QUERY_LOGGED ? `${query.slice(0, MAX_QUERY_LOGGED)}…` : query };
}

/** Structured JSON logs; every line written while serving a request carries its request id. */
export class JsonLogger implements LoggerService {
  private readonly logger: Logger;

  constructor(level = process.env.LOG_LEVEL ?? 'info', destination?: NodeJS.WritableStream) {
    this.logger = pino(
      {
        level,
        base: { service: process.env.FUNDSUP_PROCESS ?? 'api' },
        mixin: () => {
          const ctx = requestContext.getStore();
          return ctx ? { requestId: ctx.requestId } : {};
        },
      },
      destination as pino.DestinationStream | undefined,
    );
  }

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }

  /** Express middleware: request id from X-Request-Id or a new one, echoed back; one line per request. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const incoming = req.header('x-request-id');
      const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', requestId);
      const started = process.hrtime.bigint();
      requestContext.run({ requestId }, () => {
        res.on('finish', () => {
          if (!req.originalUrl.startsWith('/api/')) return;
          this.logger.info(
            {
              requestId,
              method: req.method,
              path: req.originalUrl.split('?')[0],
              ...loggedQuery(req.originalUrl),
              status: res.statusCode,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            },
            'request',
          );
        });
        next();
      });
    };
  }
}
