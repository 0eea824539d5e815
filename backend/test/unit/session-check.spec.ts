import { DomainError } from '../../src/kernel/errors.js';
import {
  CachedSessionCheck,
  keycloakIntrospection,
  sessionCheckProviders,
  sessionKey,
} from '../../src/platform/auth/session-check.js';
import { TokenVerifier } from '../../src/platform/auth/token-verifier.js';
import type { AppConfig } from '../../src/platform/config/config.js';
import { TEST_AUDIENCE, TEST_ISSUER, TestKeys, USERS } from '../support/tokens.js';

// Issue 15 §5: a token outlived its session (logout, disabled user) until it expired. The API now
// asks the identity provider, caching "alive" per session for a bounded time. The clock is a
// variable here: no test waits.

/** An identity provider whose sessions the test ends at will. */
class FakeProvider {
  readonly ended = new Set<string>();
  failing = false;
  questions: string[] = [];
  readonly introspect = async (token: string): Promise<boolean> => {
    this.questions.push(token);
    if (this.failing) throw new Error('connect ECONNREFUSED');
    return !this.ended.has(token.split(':')[0]);
  };
}

let now: number;
let provider: FakeProvider;
let check: CachedSessionCheck;

beforeEach(() => {
  now = 1_000_000;
  provider = new FakeProvider();
  check = new CachedSessionCheck(provider.introspect, { cacheMs: 30_000, now: () => now });
});

/** Tokens here are "<sid>:<n>"; the fake provider ends a session by sid. */
const alive = (sid: string, n = 1) => check.ensureAlive(`${sid}:${n}`, { sid });

async function outcome(p: Promise<void>): Promise<string> {
  try {
    await p;
    return 'alive';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind}:${e.code}` : String(e);
  }
}

it('asks once per session within the bound, for every token of that session', async () => {
  await alive('s1', 1);
  now += 29_999;
  await alive('s1', 2);
  expect(provider.questions).toEqual(['s1:1']);
});

it('refuses a token whose session ended, at the latest one bound after the last "alive"', async () => {
  await alive('s1');
  provider.ended.add('s1');
  now += 29_999;
  expect(await outcome(alive('s1'))).toBe('alive'); // within the bound: the cached answer
  now += 1;
  expect(await outcome(alive('s1'))).toBe('unauthenticated:session_ended');
});

it('remembers an ended session without asking again', async () => {
  provider.ended.add('s1');
  expect(await outcome(alive('s1', 1))).toBe('unauthenticated:session_ended');
  now += 10 * 60_000;
  expect(await outcome(alive('s1', 2))).toBe('unauthenticated:session_ended');
  expect(provider.questions).toEqual(['s1:1']);
});

it('keeps sessions apart', async () => {
  provider.ended.add('s2');
  expect(await outcome(alive('s1'))).toBe('alive');
  expect(await outcome(alive('s2'))).toBe('unauthenticated:session_ended');
});

it('shares one question among concurrent requests of a session', async () => {
  await Promise.all([alive('s1'), alive('s1'), alive('s1')]);
  expect(provider.questions).toHaveLength(1);
});

it('fails closed with a 503-kind error when the identity provider cannot be asked, and asks again next time', async () => {
  provider.failing = true;
  expect(await outcome(alive('s1'))).toBe('unavailable:identity_unreachable');
  provider.failing = false;
  expect(await outcome(alive('s1'))).toBe('alive');
  expect(provider.questions).toHaveLength(2);
});

it('a question answered after a logout does not extend the bound past its own asking time', async () => {
  let release!: (v: boolean) => void;
  const slow = new CachedSessionCheck(() => new Promise<boolean>((r) => (release = r)), { cacheMs: 30_000, now: () => now });
  const pending = slow.ensureAlive('s1:1', { sid: 's1' });
  now += 20_000; // the answer arrives 20 s later
  release(true);
  await pending;
  now += 10_000; // 30 s after the question: asked again
  const second = slow.ensureAlive('s1:2', { sid: 's1' });
  release(false);
  expect(await outcome(second)).toBe('unauthenticated:session_ended');
});

it('forgets the oldest sessions beyond its size bound (forgetting only costs a new question)', async () => {
  const small = new CachedSessionCheck(provider.introspect, { cacheMs: 30_000, maxEntries: 2, now: () => now });
  for (const sid of ['a', 'b', 'c']) await small.ensureAlive(`${sid}:1`, { sid });
  await small.ensureAlive('b:2', { sid: 'b' });
  await small.ensureAlive('c:2', { sid: 'c' });
  expect(provider.questions).toEqual(['a:1', 'b:1', 'c:1']);
  await small.ensureAlive('a:2', { sid: 'a' });
  expect(provider.questions).toEqual(['a:1', 'b:1', 'c:1', 'a:2']);
});

it('keys on the session id, or on the token itself when it names none', () => {
  expect(sessionKey('t1', { sid: 's1' })).toBe(sessionKey('t2', { sid: 's1' }));
  expect(sessionKey('t1', {})).not.toBe(sessionKey('t2', {}));
});

describe('keycloakIntrospection', () => {
  it('posts the token as the API client (Basic, form-encoded) and reads "active"', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fake = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ active: false }), { status: 200 });
    }) as unknown as typeof fetch;
    const introspect = keycloakIntrospection('http://kc/realms/r/', { clientId: 'fundsup-api', clientSecret: 's e:c' }, fake);
    expect(await introspect('tok')).toBe(false);
    expect(calls[0].url).toBe('http://kc/realms/r/protocol/openid-connect/token/introspect');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(Buffer.from(headers.authorization.replace('Basic ', ''), 'base64').toString()).toBe('fundsup-api:s%20e%3Ac');
    expect(String(calls[0].init.body)).toBe('token=tok&token_type_hint=access_token');
  });

  it.each([
    ['an HTTP error', () => new Response('{}', { status: 401 }), /HTTP 401/],
    ['an answer without "active"', () => new Response('{}', { status: 200 }), /no "active"/],
  ])('throws on %s (so the check fails closed)', async (_label, answer, pattern) => {
    const fake = (async () => answer()) as unknown as typeof fetch;
    await expect(keycloakIntrospection('http://kc/realms/r', { clientId: 'a', clientSecret: 'b' }, fake)('tok')).rejects.toThrow(pattern);
  });
});

describe('in the token verifier', () => {
  let keys: TestKeys;
  beforeAll(async () => {
    keys = await TestKeys.create();
  });
  const config = { oidcPublicIssuerUrl: TEST_ISSUER, oidcAudience: TEST_AUDIENCE } as AppConfig;

  it('refuses a valid token whose session the provider says has ended', async () => {
    const ended = new CachedSessionCheck(async () => false, { cacheMs: 30_000 });
    const verifier = new TokenVerifier(config, keys.getKey, ended);
    const token = await keys.token(USERS.hospital, { claims: { sid: 'sess-1' } });
    await expect(verifier.verify(token)).rejects.toMatchObject({ kind: 'unauthenticated', code: 'session_ended' });
  });

  it('does not ask about a token it refuses anyway', async () => {
    const asked: string[] = [];
    const sessions = new CachedSessionCheck(async (t) => (asked.push(t), true), { cacheMs: 30_000 });
    const verifier = new TokenVerifier(config, keys.getKey, sessions);
    await expect(verifier.verify(await keys.token(USERS.hospital, { expiresIn: '-10m' }))).rejects.toBeInstanceOf(DomainError);
    expect(asked).toEqual([]);
  });

  it('will not start with the check on and no client secret', () => {
    const settings = { clientId: 'fundsup-api', clientSecret: null, cacheSeconds: 30 };
    expect(() => sessionCheckProviders('http://kc/realms/r', settings)).toThrow(/OIDC_API_CLIENT_SECRET/);
    expect(sessionCheckProviders('http://kc/realms/r', null)).toEqual([]);
    expect(sessionCheckProviders('http://kc/realms/r', { ...settings, clientSecret: 's' })).toHaveLength(1);
  });
});

describe('a token at its expiry', () => {
  // The provider says "inactive" for an expired token although its session lives on: the verifier
  // accepts tokens up to 5 s past exp (clock tolerance), and the two clocks may differ by seconds.
  const expiredAtProvider = new Set<string>();
  let kc: CachedSessionCheck;
  beforeEach(() => {
    expiredAtProvider.clear();
    kc = new CachedSessionCheck(async (token) => !expiredAtProvider.has(token), { cacheMs: 30_000, now: () => now });
  });

  it('answered inactive does not end its session for the session\'s fresh tokens', async () => {
    expiredAtProvider.add('old');
    const old = kc.ensureAlive('old', { sid: 's1', exp: Math.floor(now / 1000) - 2 });
    expect(await outcome(old)).toBe('unauthenticated:session_ended');
    // the browser refreshes and retries with a new token of the same session
    expect(await outcome(kc.ensureAlive('new', { sid: 's1', exp: Math.floor(now / 1000) + 300 }))).toBe('alive');
  });

  it('a live session still ends for all its tokens when a token with time left is answered inactive', async () => {
    expiredAtProvider.add('t1');
    expect(await outcome(kc.ensureAlive('t1', { sid: 's2', exp: Math.floor(now / 1000) + 300 }))).toBe('unauthenticated:session_ended');
    expect(await outcome(kc.ensureAlive('t2', { sid: 's2', exp: Math.floor(now / 1000) + 300 }))).toBe('unauthenticated:session_ended');
  });
});
