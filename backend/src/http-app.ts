import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ValidationError } from 'class-validator';
import type { JWTVerifyGetKey } from 'jose';
import express from 'express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './platform/config/config.js';
import { JsonLogger } from './platform/logging/logger.js';
import { DEFAULT_DATE_MIN, DEFAULT_DATE_YEARS_AHEAD, InputCheckPipe, defaultInputLimits } from './platform/http/input-check.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { DomainError } from './kernel/errors.js';
import { withResponseSchemas } from './platform/http/openapi.js';
import { API_SCHEMAS } from './platform/http/api-schemas.generated.js';
import { VERIFY_UPLOAD_LIMIT, VERIFY_UPLOAD_PATH } from './contexts/spot-checks/api/spot-checks.http.controller.js';
import { TokenVerifier } from './platform/auth/token-verifier.js';
import { publicRoutes, requestGate } from './platform/http/request-gate.js';
import { trustProxySetting } from './platform/http/trust-proxy.js';

/** Bilingual field errors for request bodies. */
function validationError(errors: ValidationError[]): DomainError {
  const fields = errors.map((e) => ({ field: e.property, rules: Object.keys(e.constraints ?? {}) }));
  const names = fields.map((f) => f.field).join(', ');
  return DomainError.validation(
    'invalid_request',
    { zh: `请求参数不正确：${names}`, en: `invalid request fields: ${names}` },
    { fields: errors.map((e) => ({ field: e.property, constraints: e.constraints ?? {} })) },
  );
}

export async function createHttpApp(config: AppConfig, opts: { tokenKeys?: JWTVerifyGetKey; logger?: JsonLogger } = {}): Promise<INestApplication> {
  const logger = opts.logger ?? new JsonLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, tokenKeys: opts.tokenKeys, http: true }),
    { logger, bufferLogs: false },
  );
  app.use(logger.middleware());
  app.disable('x-powered-by');
  app.use(securityHeaders({ oidcPublicIssuerUrl: config.oidcPublicIssuerUrl, hstsMaxAge: config.hstsMaxAge ?? 180 * 24 * 3600 }));
  if (config.trustProxy) app.set('trust proxy', trustProxySetting(config.trustProxy));
  // Ahead of every body parser: a non-public /api route needs a valid token before its body is
  // read, and requests are rate-limited by user, or by address when anonymous (issue 15 §4).
  app.use(requestGate({
    verifier: app.get(TokenVerifier),
    publicRoutes: () => publicRoutes(app),
    publicPrefixes: ['/api/docs'],
    limits: config.rateLimits,
  }));
  // An uploaded draw record (POST /api/spot-checks/verify) can be a few MB, beyond the default JSON
  // limit. Parsed here first, for that path only (a named wrapper: Nest skips its own JSON parser
  // when one called jsonParser is registered already); the global parser then finds the body read.
  const largeRecordParser = express.json({ limit: VERIFY_UPLOAD_LIMIT });
  app.use(VERIFY_UPLOAD_PATH, function verifyUploadParser(req: express.Request, res: express.Response, next: express.NextFunction) {
    largeRecordParser(req, res, next);
  });
  app.setGlobalPrefix('api');
  // InputCheckPipe first: text PostgreSQL cannot store, nesting, __proto__ keys and dates out of
  // their window are refused (400, naming the field) before the DTOs are even built (issue 15 §2–3).
  const dateMin = config.inputDateMin ?? DEFAULT_DATE_MIN;
  const yearsAhead = config.inputDateYearsAhead ?? DEFAULT_DATE_YEARS_AHEAD;
  app.useGlobalPipes(
    new InputCheckPipe(() => defaultInputLimits(new Date(), yearsAhead, dateMin)),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationError }),
  );
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('医保基金监管平台 API / Medical Insurance Fund Supervision API')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  // Response schemas come from the route methods' return types (ADR 0014, deploy/generate-api-types.ts).
  SwaggerModule.setup('api/docs', app, () => withResponseSchemas(SwaggerModule.createDocument(app, doc), API_SCHEMAS), { jsonDocumentUrl: 'api/docs/json' });

  // The built Angular app, served from the same origin; unknown non-API paths get index.html.
  const dir = config.frontendDir ? resolve(config.frontendDir) : null;
  if (dir && existsSync(join(dir, 'index.html'))) {
    // Not for /api: the static files are looked up on disk (a stat per request) before the routes.
    const files = express.static(dir, { index: false, maxAge: '1h' });
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.path.startsWith('/api/')) return next();
      return files(req, res, next);
    });
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.sendFile(join(dir, 'index.html'));
    });
  }
  return app;
}
