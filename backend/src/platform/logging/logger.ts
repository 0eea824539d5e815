import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { pino, type Logger } from 'pino';

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

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
