import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isRole, type Actor, type OrganizationKind } from '../../kernel/actor.js';
import { isRegionPath } from '../../kernel/region-path.js';
import { DomainError } from '../../kernel/errors.js';
import { SESSION_CHECK, type SessionCheck } from './session-check.js';

/** Where signing keys come from: Keycloak's JWKS in the app; a local test key in tests. */
export const TOKEN_KEYS = Symbol('TOKEN_KEYS');

export function remoteKeys(config: AppConfig): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(`${config.oidcIssuerUrl}/protocol/openid-connect/certs`), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
}

interface SuiteClaims extends JWTPayload {
  preferred_username?: string;
  name?: string;
  realm_access?: { roles?: string[] };
  region_path?: string;
  org_id?: string;
  org_kind?: string;
  email?: string;
  family_name?: string;
  given_name?: string;
  sid?: string;
}

/** Most signature-verified tokens remembered (least recently used forgotten first: it only costs a new verification). */
export const VERIFIED_TOKENS_MAX = 10_000;
/** The longest a verification is reused, whatever the token's expiry (Keycloak's access tokens live 5 minutes). */
export const VERIFIED_TOKEN_MAX_MS = 5 * 60_000;

interface Verified {
  claims: SuiteClaims;
  actor: Actor;
  /** Date.now() after which the verification is not reused: the token's expiry, at most VERIFIED_TOKEN_MAX_MS after it was verified. */
  until: number;
}

const unauthenticated = (en: string, zh: string) =>
  new DomainError('unauthenticated', 'invalid_token', { zh, en });

/**
 * Validates a bearer token (signature against the issuer's keys, issuer, audience, expiry) and
 * turns it into the actor. Claims the suite depends on must be present and well-formed. With a
 * session check (the app's, unless TOKEN_SESSION_CHECK=off), the token's session must also still be
 * alive at the identity provider: a logout or a disabled user is refused within its cache bound.
 */
@Injectable()
export class TokenVerifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_KEYS) private readonly keys: JWTVerifyGetKey,
    @Optional() @Inject(SESSION_CHECK) private readonly sessions?: SessionCheck,
  ) {}

  /**
   * Tokens already verified (signature, issuer, audience, claims), by the SHA-256 of the token, until
   * the token expires (issue 19: a signed-in user's every request verified the same RS256 signature
   * again). The session check still runs on every request: a revoked session or a disabled user is
   * refused within its own bound (TOKEN_SESSION_CACHE_SECONDS), not the token's lifetime.
   */
  private readonly verified = new Map<string, Verified>();

  async verify(token: string): Promise<Actor> {
    const key = createHash('sha256').update(token).digest('base64');
    const now = Date.now();
    let hit = this.verified.get(key);
    if (hit) {
      this.verified.delete(key);
      if (hit.until > now) this.verified.set(key, hit); // most recently used last
      else hit = undefined;
    }
    const { claims, actor } = hit ?? (await this.verifySignature(token, key, now));
    // Last: only a token that would otherwise be accepted costs a question to the identity provider.
    await this.sessions?.ensureAlive(token, claims);
    return { ...actor, roles: [...actor.roles] };
  }

  private async verifySignature(token: string, key: string, now: number): Promise<Verified> {
    let claims: SuiteClaims;
    try {
      const { payload } = await jwtVerify<SuiteClaims>(token, this.keys, {
        issuer: this.config.oidcPublicIssuerUrl,
        audience: this.config.oidcAudience,
        algorithms: ['RS256', 'ES256', 'PS256'],
        clockTolerance: 5,
      });
      claims = payload;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw unauthenticated(`invalid token: ${reason}`, `登录凭证无效或已过期：${reason}`);
    }
    const roles = (claims.realm_access?.roles ?? []).filter(isRole);
    const kind = claims.org_kind as OrganizationKind | undefined;
    if (!claims.sub || !isRegionPath(claims.region_path) || !claims.org_id || !kind ||
        !['bureau', 'agency', 'institution'].includes(kind)) {
      throw unauthenticated(
        'token lacks the region, organization or subject of the user',
        '登录凭证缺少用户所属地区、单位或身份信息，请联系管理员',
      );
    }
    const actor: Actor = {
      userId: claims.sub,
      username: claims.preferred_username ?? claims.sub,
      // Chinese names read family name first, without a space (Keycloak's `name` is "given family").
      displayName: claims.family_name && claims.given_name
        ? `${claims.family_name}${claims.given_name}`
        : (claims.name ?? claims.preferred_username ?? claims.sub),
      roles,
      regionPath: claims.region_path,
      organizationId: claims.org_id,
      organizationKind: kind,
      ...(claims.email ? { email: claims.email } : {}),
    };
    const verified = { claims, actor, until: Math.min((claims.exp ?? 0) * 1000, now + VERIFIED_TOKEN_MAX_MS) };
    // a token without an expiry is verified every time
    if (verified.until > now) {
      this.verified.set(key, verified);
      if (this.verified.size > VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
    }
    return verified;
  }
}
