import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../../kernel/actor.js';
import { DomainError } from '../../kernel/errors.js';
import { IS_PUBLIC } from '../auth/decorators.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { RateLimits } from '../config/config.js';
import { STATUS } from './error.filter.js';

export type { RateLimits };

/**
 * Token buckets by key, in this process's memory (several API instances each keep their own: the
 * effective limit is the configured one times the number of instances behind the balancer).
 * Bounded: beyond `maxKeys` the least recently used keys are dropped (an untouched bucket refills
 * to full anyway).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one request's token: 0 when allowed, otherwise the whole seconds to wait before retrying. */
  take(key: string): number {
    const perMs = this.perMinute / 60_000;
    const t = this.now();
    const prev = this.buckets.get(key);
    const tokens = prev ? Math.min(this.burst, prev.tokens + (t - prev.at) * perMs) : this.burst;
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: t });
      return perMs > 0 ? Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) : 60;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: t });
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return 0;
  }
}

/**
 * The anonymous rate limit's key for a client address: an IPv4 address as it is, an IPv6 address by
 * its /64 — one subscriber or host gets a whole /64, so keying single addresses would give each
 * client 2^64 buckets (no limit at all) and let it flush every other client's bucket from the map.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head, tail] = ip.split('%')[0]!.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => (g || '0').replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Routes by method and path: exact paths, and paths with parameters (`:id`, `*rest`) as patterns.
 * Matched without regard to case, as Express (so Nest) routes by default: /API/HEALTH is /api/health.
 */
export class RouteTable {
  private readonly exact = new Set<string>();
  private readonly patterns: { method: string; re: RegExp }[] = [];

  add(method: string, path: string): this {
    if (!/[:*{]/.test(path)) {
      path = path.toLowerCase();
      this.exact.add(`${method} ${path}`);
      return this;
    }
    if (/[{}()]/.test(path)) throw new Error(`public route ${path}: optional or grouped segments are not supported by the request gate`);
    const escape = (seg: string) => seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const source = path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.startsWith('*') ? '.+' : escape(seg))).join('/');
    this.patterns.push({ method, re: new RegExp(`^${source}$`, 'i') });
    return this;
  }

  has(method: string, path: string): boolean {
    path = path.toLowerCase();
    if (this.exact.has(`${method} ${path}`) || this.exact.has(`ALL ${path}`)) return true;
    return this.patterns.some((p) => (p.method === method || p.method === 'ALL') && p.re.test(path));
  }
}

/** The routes marked @Public() ("GET /api/health"), read from the controllers' metadata. */
export function publicRoutes(app: INestApplication, prefix = 'api'): RouteTable {
  const routes = new RouteTable();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!ctrl) continue;
      const classPublic = Reflect.getMetadata(IS_PUBLIC, ctrl) === true;
      const base = [Reflect.getMetadata(PATH_METADATA, ctrl) ?? ''].flat() as string[];
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (method === undefined) continue;
        if (!classPublic && Reflect.getMetadata(IS_PUBLIC, handler) !== true) continue;
        for (const b of base) {
          for (const p of [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[]) {
            const path = `/${[prefix, b, p].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            routes.add(RequestMethod[method], path);
          }
        }
      }
    }
  }
  return routes;
}

function bearer(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * For an answer sent before the request's body was read: what the client keeps sending after the
 * answer is discarded (never parsed or kept; Node drains an unread body itself), and the connection
 * is dropped after a second or a megabyte of it. Closing at once would reset the connection before
 * the client has read the answer.
 */
export function closeAfterAnswer(req: Request, res: Response): void {
  if (!hasBody(req)) return;
  res.once('finish', () => {
    let discarded = 0;
    const stop = () => req.socket.destroy();
    const timer = setTimeout(stop, 1_000);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > 1024 * 1024) stop();
    });
    req.once('end', () => clearTimeout(timer));
    req.resume();
  });
}

/** Answers with the API's error body without reading the request's body. */
export function refuse(req: Request, res: Response, err: DomainError, headers: Record<string, string> = {}): void {
  closeAfterAnswer(req, res);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(STATUS[err.kind]).json({ error: { code: err.code, message: err.text, details: err.details } });
}

/** The bilingual 429 with the seconds to wait (also the tips' own per-address limits). */
export function tooMany(retryAfterSeconds: number): DomainError {
  return new DomainError('rate_limited', 'rate_limited', {
    zh: `请求过于频繁，请 ${retryAfterSeconds} 秒后重试`,
    en: `too many requests; retry in ${retryAfterSeconds} s`,
  }, { retryAfterSeconds });
}

const MISSING_TOKEN = new DomainError('unauthenticated', 'missing_token', {
  zh: '未登录：请求缺少 Bearer 登录凭证',
  en: 'not signed in: the request has no bearer token',
});

export interface GateOptions {
  verifier: TokenVerifier;
  /** Public routes ("GET /api/health"); resolved on the first request, once the controllers are known. */
  publicRoutes: () => RouteTable;
  /** Path prefixes served without a token that are no controller routes (the OpenAPI page). */
  publicPrefixes?: string[];
  limits?: RateLimits | null;
}

/**
 * Runs ahead of the body parsers on every `/api` request: a route that is not public needs a valid
 * bearer token before a byte of the body is read (the global AuthGuard checks roles afterwards), and
 * requests are rate-limited — by client address when anonymous, by user once signed in. Refusals are
 * the API's bilingual error body: 401, or 429 with Retry-After.
 */
export function requestGate(opts: GateOptions) {
  const anonymous = opts.limits ? new TokenBuckets(opts.limits.anonymousPerMinute, opts.limits.anonymousBurst) : null;
  const users = opts.limits ? new TokenBuckets(opts.limits.userPerMinute, opts.limits.userBurst) : null;
  let routes: RouteTable | undefined;
  const prefixes = (opts.publicPrefixes ?? []).map((p) => p.toLowerCase());

  /** Counts an anonymous request against its address; false (and answered 429) when over the limit. */
  const anonymousAllowed = (req: Request, res: Response): boolean => {
    const wait = anonymous?.take(`ip:${addressKey(req.ip ?? req.socket.remoteAddress ?? '?')}`) ?? 0;
    if (wait === 0) return true;
    refuse(req, res, tooMany(wait), { 'retry-after': String(wait) });
    return false;
  };

  return function requestGateMiddleware(req: Request & { actor?: Actor }, res: Response, next: NextFunction): void {
    // Lower case: Express routes paths (and `app.use` mounts such as the draw record's 32 MB parser)
    // without regard to case, so /API/spot-checks/verify is that route and must pass the gate too.
    const path = req.path.replace(/(.)\/$/, '$1').toLowerCase();
    if (path !== '/api' && !path.startsWith('/api/')) return next();
    routes ??= opts.publicRoutes();
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (routes.has(method, path) || prefixes.some((p) => path === p || path.startsWith(`${p}/`))) {
      if (anonymousAllowed(req, res)) next();
      return;
    }
    const token = bearer(req);
    if (!token) {
      if (anonymousAllowed(req, res)) refuse(req, res, MISSING_TOKEN);
      return;
    }
    opts.verifier.verify(token).then(
      (actor) => {
        // The guard reads it instead of verifying the same token a second time (issue 15's gate runs first).
        (req as Request & { actor?: Actor }).actor = actor;
        const wait = users?.take(`user:${actor.userId}`) ?? 0;
        if (wait > 0) return refuse(req, res, tooMany(wait), { 'retry-after': String(wait) });
        next();
      },
      (err: unknown) => {
        if (!anonymousAllowed(req, res)) return;
        if (err instanceof DomainError) return refuse(req, res, err);
        next(err);
      },
    );
  };
}
