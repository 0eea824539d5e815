import type { Actor } from '../../src/kernel/actor.js';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';

export const TEST_ISSUER = 'http://test-issuer.local/realms/fundsup';
export const TEST_AUDIENCE = 'fundsup-api';

export interface TestUser {
  sub: string;
  username: string;
  roles: string[];
  regionPath: string;
  orgId: string;
  orgKind: 'bureau' | 'agency' | 'institution';
}

/** The demo accounts of the realm, as tests use them (same orgs and region paths as the seed). */
export const USERS = {
  nation: { sub: 'u-nhsa', username: 'nhsa.overseer', roles: ['national_overseer'], regionPath: '/', orgId: 'bureau-000000', orgKind: 'bureau' },
  province: { sub: 'u-js', username: 'js.official', roles: ['province_official'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' },
  nanjing: { sub: 'u-nj', username: 'nj.agency', roles: ['city_agency_staff'], regionPath: '/32/3201/', orgId: 'agency-3201', orgKind: 'agency' },
  suzhou: { sub: 'u-sz', username: 'sz.agency', roles: ['city_agency_staff'], regionPath: '/32/3205/', orgId: 'agency-3205', orgKind: 'agency' },
  xuanwu: { sub: 'u-xw', username: 'xw.staff', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'agency-320102', orgKind: 'agency' },
  gusu: { sub: 'u-gs', username: 'gs.staff', roles: ['county_staff'], regionPath: '/32/3205/320508/', orgId: 'agency-320508', orgKind: 'agency' },
  hospital: { sub: 'u-hosp', username: 'xw.hospital', roles: ['institution_clerk'], regionPath: '/32/3201/320102/', orgId: 'inst-320102-0001', orgKind: 'institution' },
  clinic: { sub: 'u-clinic', username: 'xw.clinic', roles: ['institution_clerk'], regionPath: '/32/3201/320102/', orgId: 'inst-320102-0002', orgKind: 'institution' },
  pharmacy: { sub: 'u-pharm', username: 'gs.pharmacy', roles: ['institution_clerk'], regionPath: '/32/3205/320508/', orgId: 'inst-320508-0001', orgKind: 'institution' },
  // the second province (Zhejiang 33 → Hangzhou 3301 → Xihu 330106)
  zhejiang: { sub: 'u-zj', username: 'zj.official', roles: ['province_official'], regionPath: '/33/', orgId: 'bureau-33', orgKind: 'bureau' },
  hangzhou: { sub: 'u-hz', username: 'hz.agency', roles: ['city_agency_staff'], regionPath: '/33/3301/', orgId: 'agency-3301', orgKind: 'agency' },
  xihu: { sub: 'u-xh', username: 'xh.staff', roles: ['county_staff'], regionPath: '/33/3301/330106/', orgId: 'agency-330106', orgKind: 'agency' },
  xihuHospital: { sub: 'u-xh-hosp', username: 'xh.hospital', roles: ['institution_clerk'], regionPath: '/33/3301/330106/', orgId: 'inst-330106-0001', orgKind: 'institution' },
} satisfies Record<string, TestUser>;

/** A Nanjing city bureau official (the bureau beside the Nanjing agency; no demo account). */
export const NJ_BUREAU: TestUser = { sub: 'u-njb', username: 'nj.bureau', roles: ['city_agency_staff'], regionPath: '/32/3201/', orgId: 'bureau-3201', orgKind: 'bureau' };

/** The actor a command runs as for a test user (its display name is the username). */
export const actorOf = (u: TestUser): Actor => ({
  userId: u.sub, username: u.username, displayName: u.username, roles: u.roles as Actor['roles'],
  regionPath: u.regionPath, organizationId: u.orgId, organizationKind: u.orgKind,
});

/** A local signing key standing in for Keycloak's, for tests that do not need the real one. */
export class TestKeys {
  private constructor(
    private readonly privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'],
    readonly jwks: { keys: JWK[] },
  ) {}

  static async create(): Promise<TestKeys> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    return new TestKeys(privateKey, { keys: [jwk] });
  }

  get getKey(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks);
  }

  async token(user: TestUser, overrides: { issuer?: string; audience?: string; expiresIn?: string; claims?: Record<string, unknown> } = {}) {
    return new SignJWT({
      preferred_username: user.username,
      name: user.username,
      realm_access: { roles: user.roles },
      region_path: user.regionPath,
      org_id: user.orgId,
      org_kind: user.orgKind,
      ...overrides.claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(user.sub)
      .setIssuer(overrides.issuer ?? TEST_ISSUER)
      .setAudience(overrides.audience ?? TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(overrides.expiresIn ?? '5m')
      .sign(this.privateKey);
  }
}
