import { PassThrough } from 'node:stream';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { DriverException } from '@mikro-orm/core';
import type { NextFunction, Request, Response } from 'express';
import { ErrorFilter } from '../../src/platform/http/error.filter.js';
import { defaultInputLimits, inputProblem } from '../../src/platform/http/input-check.js';
import { securityHeaders, spaContentSecurityPolicy } from '../../src/platform/http/security-headers.js';
import { JsonLogger, loggedQuery } from '../../src/platform/logging/logger.js';
import { appDatabasePasswordFromEnv, ConfigError } from '../../src/platform/config/config.js';
import { storableJson } from '../../src/platform/audit/audit-trail.js';
import { isDataException, likePrefix, storableText } from '../../src/platform/database/sql.js';
import { tooMany } from '../../src/platform/http/request-gate.js';

// Issue 15 §3 and §6, piece by piece: the error filter's data-exception catch-all, the input check,
// the security headers, the query in the request log, the production password rule.

function filterResult(err: unknown): { status: number; body: any; headers: Record<string, string> } {
  const out: { status: number; body: any; headers: Record<string, string> } = { status: 0, body: null, headers: {} };
  const res = {
    status: (s: number) => ((out.status = s), res), json: (b: unknown) => ((out.body = b), res),
    setHeader: (name: string, value: string) => ((out.headers[name] = value), res),
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(err, host);
  return out;
}

beforeAll(() => Logger.overrideLogger(false));

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('a rate limit thrown by a handler', () => {
  // The public tip receipt's limiter throws tooMany(); the gate's own 429 set Retry-After, the
  // filter did not (found by public-routes.spec in the full run).
  it('is a 429 with Retry-After in the header as in the body', () => {
    const { status, body, headers } = filterResult(tooMany(42));
    expect(status).toBe(429);
    expect(body.error.details.retryAfterSeconds).toBe(42);
    expect(headers['retry-after']).toBe('42');
  });
});

describe('database errors caused by a request value', () => {
  it.each([
    ['22P02', 'invalid input syntax for type uuid: ""'],
    ['22003', 'integer out of range'],
    ['22007', 'invalid input syntax for type date: "2026-13-01"'],
    ['22008', 'date/time field value out of range: "2026-02-30"'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
  ])('SQLSTATE %s is a 400 invalid_value with a bilingual message, not a 500', (code, message) => {
    for (const err of [pgError(code, message), new DriverException(pgError(code, message))]) {
      const { status, body } = filterResult(err);
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_value');
      expect(body.error.message.zh).toMatch(/无效/);
      expect(body.error.message.en).toMatch(/invalid/);
      expect(JSON.stringify(body)).not.toContain(message);
    }
  });

  it('other database errors stay 500 (a server fault is not the caller’s)', () => {
    expect(filterResult(pgError('23505', 'duplicate key')).status).toBe(500);
    expect(filterResult(pgError('57014', 'canceling statement')).status).toBe(500);
    expect(isDataException(new Error('plain'))).toBe(false);
  });
});

describe('inputProblem', () => {
  const limits = { maxDepth: 32, dateMin: '1900-01-01', dateMax: '2036-12-31' };
  it('accepts ordinary input', () => {
    expect(inputProblem({ title: '关于报送年度监管方案的通知', due: '2026-12-31', at: '2026-12-07T10:00:00.000Z', items: [{ n: 1 }], emoji: '😀' }, '', limits)).toBeNull();
    expect(inputProblem('2026-05', 'month', limits)).toBeNull();
    expect(inputProblem('会议于9999-02-30召开', 'comment', limits)).toBeNull(); // text that merely contains a date
    expect(inputProblem('2026-02-30', 'due', limits)).toBeNull(); // an impossible day is the domain's to name
  });
  it.each([
    [{ a: 'x\u0000' }, 'unstorable_text', 'a'],
    [{ a: ['ok', 'x\ud800y'] }, 'unstorable_text', 'a[1]'],
    [{ a: 'x\udc00' }, 'unstorable_text', 'a'],
    [{ a: { 'k\u0000': 1 } }, 'unstorable_text', 'a.k\u0000'],
    [JSON.parse('{"a":{"__proto__":{"x":1}}}'), 'forbidden_key', 'a.__proto__'],
    [{ constructor: 1 }, 'forbidden_key', 'constructor'],
    [{ due: '9999-12-31' }, 'date_out_of_range', 'due'],
    [{ due: '1899-12-31' }, 'date_out_of_range', 'due'],
    [{ at: '10000-01-01T00:00:00Z' }, 'date_out_of_range', 'at'],
  ])('%j → %s naming %s', (value, code, field) => {
    const problem = inputProblem(value, '', limits);
    expect(problem?.code).toBe(code);
    expect(problem?.details).toMatchObject({ field });
    expect(problem?.text.zh).toContain(field);
    expect(problem?.text.en).toContain(field);
  });
  it('refuses nesting beyond the limit without recursing (10,000 deep), naming the top field', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const problem = inputProblem({ title: deep }, '', limits);
    expect(problem?.code).toBe('input_too_deep');
    expect(problem?.details).toMatchObject({ field: 'title' });
    expect(inputProblem({ a: { b: { c: 1 } } }, '', { ...limits, maxDepth: 3 })).toBeNull();
    expect(inputProblem({ a: { b: { c: {} } } }, '', { ...limits, maxDepth: 3 })?.code).toBe('input_too_deep');
  });
  it('the default window ends ten years after this year', () => {
    expect(defaultInputLimits(new Date('2026-12-07T00:00:00Z'))).toEqual({ maxDepth: 32, dateMin: '1900-01-01', dateMax: '2036-12-31' });
  });
});

describe('the audit trail’s storable text', () => {
  it('replaces NUL and unpaired surrogates, keeps pairs', () => {
    expect(storableText('a\u0000b\ud800c\udc00😀')).toBe('a\ufffdb\ufffdc\ufffd😀');
    expect(JSON.parse(storableJson({ 'k\u0000': ['x\u0000'], n: 1, nested: { s: '\ud83d' } }))).toEqual({ 'k\ufffd': ['x\ufffd'], n: 1, nested: { s: '\ufffd' } });
  });
});

describe('likePrefix', () => {
  it('escapes LIKE wildcards and the escape character, then matches any rest', () => {
    expect(likePrefix('/32/3201/')).toBe('/32/3201/%');
    expect(likePrefix('%')).toBe('\\%%');
    expect(likePrefix('/3_/')).toBe('/3\\_/%');
    expect(likePrefix('a\\b')).toBe('a\\\\b%');
  });
});

describe('security headers', () => {
  function headersFor(path: string, secure: boolean, hstsMaxAge = 15552000) {
    const set = new Map<string, string>();
    const res = { setHeader: (k: string, v: string) => set.set(k.toLowerCase(), v) } as unknown as Response;
    let called = false;
    securityHeaders({ oidcPublicIssuerUrl: 'https://sso.example.gov.cn/realms/fundsup', hstsMaxAge })(
      { path, secure } as Request, res, (() => { called = true; }) as NextFunction);
    expect(called).toBe(true);
    return set;
  }
  it('every response: nosniff and a referrer policy; HSTS only over TLS and when configured', () => {
    const plain = headersFor('/api/health', false);
    expect(plain.get('x-content-type-options')).toBe('nosniff');
    expect(plain.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(plain.has('strict-transport-security')).toBe(false);
    expect(headersFor('/api/health', true).get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
    expect(headersFor('/api/health', true, 0).has('strict-transport-security')).toBe(false);
  });
  it('the SPA gets a CSP that allows its own scripts and the identity provider, and no framing', () => {
    const spa = headersFor('/plans', false);
    expect(spa.get('content-security-policy')).toBe(spaContentSecurityPolicy('https://sso.example.gov.cn/realms/fundsup'));
    expect(spa.get('content-security-policy')).toContain("script-src 'self'");
    expect(spa.get('content-security-policy')).toContain("connect-src 'self' https://sso.example.gov.cn");
    expect(spa.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headersFor('/api/docs', false).has('content-security-policy')).toBe(false);
  });
});

describe('the request log', () => {
  it('records the query string, secrets redacted', () => {
    expect(loggedQuery('/api/inspections')).toEqual({});
    expect(loggedQuery('/api/inspections?page=1e300&cityCode=3201')).toEqual({ query: 'page=1e300&cityCode=3201' });
    expect(loggedQuery('/api/x?access_token=abc&code=xyz&state=s&regionCode=32&X-Amz-Signature=f')).toEqual({
      query: 'access_token=[redacted]&code=[redacted]&state=[redacted]&regionCode=32&X-Amz-Signature=[redacted]',
    });
    expect(loggedQuery(`/api/x?q=${'a'.repeat(5000)}`).query).toHaveLength(2001);
  });
  it('the middleware writes it into the request line', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter(Boolean)));
    const logger = new JsonLogger('info', stream);
    const finish: (() => void)[] = [];
    const req = { originalUrl: '/api/self-inspections?campaignId=&token=t', method: 'GET', header: () => undefined } as unknown as Request;
    const res = { setHeader: () => undefined, on: (_e: string, f: () => void) => finish.push(f), statusCode: 400 } as unknown as Response;
    logger.middleware()(req, res, () => undefined);
    finish.forEach((f) => f());
    await new Promise((r) => setImmediate(r));
    const line = JSON.parse(lines.find((l) => l.includes('"request"'))!);
    expect(line).toMatchObject({ path: '/api/self-inspections', query: 'campaignId=&token=[redacted]', status: 400 });
  });
});

describe('the application database password', () => {
  it('has a development default only outside production', () => {
    expect(appDatabasePasswordFromEnv({})).toBe('fundsup_app_dev');
    expect(appDatabasePasswordFromEnv({ NODE_ENV: 'production', APP_DATABASE_PASSWORD: 's3cret' })).toBe('s3cret');
    expect(() => appDatabasePasswordFromEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => appDatabasePasswordFromEnv({ NODE_ENV: 'production' })).toThrow(/^APP_DATABASE_PASSWORD is not set/);
  });
});
