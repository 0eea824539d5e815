import { createHash } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { DomainError } from '../../kernel/errors.js';

/**
 * Whether the session behind a signature-valid token is still alive at the identity provider:
 * a token outlives a logout or the disabling of its user until it expires; asking Keycloak
 * (token introspection, RFC 7662) refuses it within the cache bound instead (issue 15 §5).
 */
export const SESSION_CHECK = Symbol('SESSION_CHECK');

export interface SessionCheck {
  /** Resolves when the token's session is alive; throws a DomainError otherwise. */
  ensureAlive(token: string, claims: SessionClaims): Promise<void>;
}

export interface SessionClaims {
  sub?: string;
  /** Keycloak's session id: every token of one sign-in shares it, so one answer serves them all. */
  sid?: string;
  jti?: string;
  /** Expiry (seconds since the epoch). */
  exp?: number;
}

/**
 * A token this close to its expiry (or past it, within the verifier's clock tolerance) may be
 * answered "inactive" by the identity provider because it expired there, not because its session
 * ended: it is asked about on its own, never on behalf of its session.
 */
export const NEAR_EXPIRY_MS = 15_000;

/** Asks the identity provider whether the token is active; throws when it cannot be asked. */
export type Introspect = (token: string) => Promise<boolean>;

export interface SessionCheckOptions {
  /**
   * How long a "session alive" answer is reused: the longest a logout or a disabled user goes
   * unnoticed (TOKEN_SESSION_CACHE_SECONDS, default 30: one introspection per signed-in user per
   * 30 s, while a revoked session is refused within half a minute rather than the token's 5).
   */
  cacheMs: number;
  /** Upper bound on remembered sessions (oldest forgotten first; forgetting only costs a new question). */
  maxEntries?: number;
  now?: () => number;
}

const ENDED_REMEMBER_MS = 60 * 60_000;

export const sessionEnded = () =>
  new DomainError('unauthenticated', 'session_ended', {
    zh: '登录会话已结束（已退出登录或账号已停用），请重新登录',
    en: 'the sign-in session has ended (signed out or account disabled): sign in again',
  });

const identityUnreachable = (reason: string) =>
  DomainError.unavailable('identity_unreachable', {
    zh: `暂时无法向统一身份认证服务确认登录状态，请稍后重试（${reason}）`,
    en: `the identity provider cannot confirm the sign-in session right now; try again shortly (${reason})`,
  });

/**
 * The cache key: the session when the token names one, else the token itself (hashed). A token near
 * or past its expiry (`now` given) is its own key: the provider's "inactive" for it may only mean
 * "expired", which must not end (for an hour) the session that its refreshed tokens still share.
 */
export function sessionKey(token: string, claims: SessionClaims, now?: number): string {
  const nearExpiry = now !== undefined && claims.exp !== undefined && claims.exp * 1000 - now < NEAR_EXPIRY_MS;
  if (claims.sid && !nearExpiry) return `sid:${claims.sid}`;
  return `tok:${createHash('sha256').update(token).digest('base64url')}`;
}

/**
 * Caches the identity provider's answers per session: "alive" for `cacheMs`, "ended" for an hour
 * (an ended session never comes back). Concurrent requests of one session share one question.
 * When the provider cannot be asked the request is refused (503): the suite fails closed.
 */
export class CachedSessionCheck implements SessionCheck {
  private readonly alive = new Map<string, number>();
  private readonly ended = new Map<string, number>();
  private readonly asking = new Map<string, Promise<boolean>>();
  private readonly now: () => number;
  private readonly maxEntries: number;
  /** Questions sent to the identity provider (for tests and the benchmark). */
  questions = 0;

  constructor(
    private readonly introspect: Introspect,
    private readonly options: SessionCheckOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  async ensureAlive(token: string, claims: SessionClaims): Promise<void> {
    const now = this.now();
    const key = sessionKey(token, claims, now);
    const endedAt = this.ended.get(key);
    if (endedAt !== undefined) {
      if (now - endedAt < ENDED_REMEMBER_MS) throw sessionEnded();
      this.ended.delete(key);
    }
    const checkedAt = this.alive.get(key);
    if (checkedAt !== undefined && now - checkedAt < this.options.cacheMs) return;

    let active: boolean;
    try {
      active = await this.ask(key, token);
    } catch (err) {
      throw identityUnreachable(err instanceof Error ? err.message : String(err));
    }
    if (!active) {
      this.alive.delete(key);
      this.remember(this.ended, key, this.now());
      throw sessionEnded();
    }
  }

  private ask(key: string, token: string): Promise<boolean> {
    const pending = this.asking.get(key);
    if (pending) return pending;
    const askedAt = this.now();
    this.questions++;
    const question = this.introspect(token)
      .then((active) => {
        // An answer is as old as its question: a logout while it was under way is caught next time.
        if (active) this.remember(this.alive, key, askedAt);
        return active;
      })
      .finally(() => this.asking.delete(key));
    this.asking.set(key, question);
    return question;
  }

  private remember(map: Map<string, number>, key: string, at: number): void {
    map.delete(key);
    map.set(key, at);
    while (map.size > this.maxEntries) {
      const oldest = map.keys().next().value as string;
      map.delete(oldest);
    }
  }
}

/** Keycloak's introspection endpoint, authenticated as the API's confidential client. */
export function keycloakIntrospection(
  issuerUrl: string,
  client: { clientId: string; clientSecret: string },
  fetchImpl: typeof fetch = fetch,
): Introspect {
  const url = `${issuerUrl.replace(/\/+$/, '')}/protocol/openid-connect/token/introspect`;
  // RFC 6749 §2.3.1: client id and secret are form-urlencoded before Basic encoding.
  const basic = Buffer.from(
    `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`,
  ).toString('base64');
  return async (token) => {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`introspection answered HTTP ${res.status}`);
    const body = (await res.json()) as { active?: unknown };
    if (typeof body.active !== 'boolean') throw new Error('introspection answer has no "active"');
    return body.active;
  };
}

/** AppConfig['sessionCheck'], restated so that this file does not import the configuration. */
export interface SessionCheckSettings {
  clientId: string;
  clientSecret: string | null;
  cacheSeconds: number;
}

/** The app's session check from its configuration: none when off; no start without a secret. */
export function sessionCheckProviders(issuerUrl: string, settings: SessionCheckSettings | null | undefined): Provider[] {
  if (!settings) return [];
  if (!settings.clientSecret) {
    throw new Error(
      'OIDC_API_CLIENT_SECRET is not set: the API asks Keycloak whether sessions are still alive with the ' +
        `${settings.clientId} client's secret (README "Sign-in security"); TOKEN_SESSION_CHECK=off accepts tokens until they expire`,
    );
  }
  const introspect = keycloakIntrospection(issuerUrl, { clientId: settings.clientId, clientSecret: settings.clientSecret });
  return [{ provide: SESSION_CHECK, useValue: new CachedSessionCheck(introspect, { cacheMs: settings.cacheSeconds * 1000 }) }];
}
