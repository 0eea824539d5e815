import type { JWTVerifyGetKey } from 'jose';
import { jest } from '@jest/globals';
import { TokenVerifier } from '../../src/platform/auth/token-verifier.js';
import { sessionEnded, type SessionCheck } from '../../src/platform/auth/session-check.js';
import type { AppConfig } from '../../src/platform/config/config.js';
import { DomainError } from '../../src/kernel/errors.js';
import { TEST_AUDIENCE, TEST_ISSUER, TestKeys, USERS } from '../support/tokens.js';

// Layer 1 of tenancy and identity, on its own: the token becomes the actor, or nothing.

let keys: TestKeys;
let verifier: TokenVerifier;

beforeAll(async () => {
  keys = await TestKeys.create();
  const config = { oidcPublicIssuerUrl: TEST_ISSUER, oidcAudience: TEST_AUDIENCE } as AppConfig;
  verifier = new TokenVerifier(config, keys.getKey);
});

async function rejection(token: Promise<string> | string): Promise<string> {
  try {
    await verifier.verify(await token);
    return 'accepted';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind}:${e.text.en}` : String(e);
  }
}

it('turns a valid token into the actor with its region and organization', async () => {
  const actor = await verifier.verify(await keys.token(USERS.hospital));
  expect(actor).toEqual({
    userId: 'u-hosp',
    username: 'xw.hospital',
    displayName: 'xw.hospital',
    roles: ['institution_clerk'],
    regionPath: '/32/3201/320102/',
    organizationId: 'inst-320102-0001',
    organizationKind: 'institution',
  });
});

it('writes a Chinese name family name first', async () => {
  const actor = await verifier.verify(await keys.token(USERS.province, { claims: { name: '敏 徐', family_name: '徐', given_name: '敏' } }));
  expect(actor.displayName).toBe('徐敏');
});

it('drops roles the suite does not know', async () => {
  const actor = await verifier.verify(await keys.token({ ...USERS.province, roles: ['province_official', 'offline_access', 'uma_authorization'] }));
  expect(actor.roles).toEqual(['province_official']);
});

it.each([
  ['another issuer', () => keys.token(USERS.province, { issuer: 'http://evil.local/realms/fundsup' }), /unexpected "iss"/],
  ['another audience', () => keys.token(USERS.province, { audience: 'account' }), /unexpected "aud"/],
  ['an expired token', () => keys.token(USERS.province, { expiresIn: '-10m' }), /"exp"/],
  ['a token signed by another key', async () => (await TestKeys.create()).token(USERS.province), /signature|no applicable key/],
  ['garbage', async () => 'not.a.token', /invalid/],
])('rejects %s', async (_label, make, pattern) => {
  const result = await rejection(make());
  expect(result).toMatch(/^unauthenticated:/);
  expect(result).toMatch(pattern);
});

it('rejects a token without region or organization claims', async () => {
  expect(await rejection(keys.token(USERS.province, { claims: { region_path: undefined } }))).toMatch(/lacks the region/);
  expect(await rejection(keys.token(USERS.province, { claims: { region_path: '/32/../' } }))).toMatch(/lacks the region/);
  expect(await rejection(keys.token(USERS.province, { claims: { org_kind: 'hacker' } }))).toMatch(/lacks the region/);
});

describe('a token verified once (issue 19)', () => {
  const config = { oidcPublicIssuerUrl: TEST_ISSUER, oidcAudience: TEST_AUDIENCE } as AppConfig;

  /** A verifier whose key lookups (one per signature verification) are counted. */
  function counting(sessions?: SessionCheck) {
    const calls = { keys: 0 };
    const getKey: JWTVerifyGetKey = (header, input) => (calls.keys++, keys.getKey(header, input));
    return { calls, verifier: new TokenVerifier(config, getKey, sessions) };
  }

  it('verifies a token\'s signature once while it lives; another token anew', async () => {
    const { calls, verifier } = counting();
    const token = await keys.token(USERS.hospital);
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toEqual(first);
    expect(await verifier.verify(token)).toEqual(first);
    expect(calls.keys).toBe(1);
    await verifier.verify(await keys.token(USERS.province));
    expect(calls.keys).toBe(2);
  });

  it('still asks the session check on every request: a session ended after the first request is refused', async () => {
    let alive = true;
    const asked: string[] = [];
    const sessions: SessionCheck = {
      async ensureAlive(token) {
        asked.push(token);
        if (!alive) throw sessionEnded();
      },
    };
    const { calls, verifier } = counting(sessions);
    const token = await keys.token(USERS.hospital, { claims: { sid: 'sess-1' } });
    await verifier.verify(token);
    alive = false;
    await expect(verifier.verify(token)).rejects.toMatchObject({ kind: 'unauthenticated', code: 'session_ended' });
    expect(asked).toEqual([token, token]);
    expect(calls.keys).toBe(1);
  });

  it('refuses the token once it has expired (the remembered verification ends with it)', async () => {
    const { calls, verifier } = counting();
    const token = await keys.token(USERS.hospital, { expiresIn: '60s' });
    await verifier.verify(token);
    // only the clock moves (past exp and the 5 s clock tolerance); timers and promises run as usual
    jest.useFakeTimers({ now: Date.now() + 120_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'clearImmediate'] });
    try {
      const result = await verifier.verify(token).then(() => 'accepted', (e: DomainError) => `${e.kind}:${e.text.en}`);
      expect(result).toMatch(/^unauthenticated:.*"exp"/);
      expect(calls.keys).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('hands each request its own actor: a change to one does not reach the next', async () => {
    const { verifier } = counting();
    const token = await keys.token(USERS.hospital);
    const a = await verifier.verify(token);
    (a as { regionPath: string }).regionPath = '/';
    (a.roles as string[]).push('province_official');
    const b = await verifier.verify(token);
    expect(b.regionPath).toBe('/32/3201/320102/');
    expect(b.roles).toEqual(['institution_clerk']);
  });
});
