import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { BASE_URL, ISSUER, tokenFor } from '../support/stack.ts';
import { KC_ADMIN_PASSWORD, KC_ADMIN_USER } from '../../deploy/stack/config.ts';
import { report } from './support/report.ts';

// Tokens the API must refuse (401), each beside the one it forges, which the API must accept: a
// refusal is then proven to come from the case's defect and not from something else. To sign tokens
// the API can verify, the test adds an RSA key of its own to the realm through Keycloak's admin API
// (published in the JWKS at a lower priority than the realm's key, so Keycloak keeps signing with its
// own) and removes it afterwards.

const ADMIN_BASE = () => new URL(ISSUER()).origin;
const REALM = () => ISSUER().replace(/.*\/realms\//, '');

async function adminToken(): Promise<string> {
  const res = await fetch(`${ADMIN_BASE()}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: KC_ADMIN_USER, password: KC_ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`Keycloak admin login refused: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${ADMIN_BASE()}/admin/realms/${REALM()}${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`Keycloak admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

type JWTPayload = Record<string, unknown>;

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function rs256(claims: JWTPayload, header: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', ...header })}.${b64url(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

const decode = (token: string): JWTPayload => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

async function status(token: string): Promise<number> {
  const res = await fetch(`${BASE_URL()}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

describe('tokens the API refuses', () => {
  let componentId: string | undefined;
  let kid: string;
  let sign: (claims: JWTPayload) => string;
  let realClaims: JWTPayload;
  let realToken: string;
  let requests = 0;
  const counted = async (token: string) => {
    requests++;
    return status(token);
  };

  const now = () => Math.floor(Date.now() / 1000);
  const valid = (): JWTPayload => ({ ...realClaims, iat: now(), exp: now() + 300, jti: randomUUID() });

  beforeAll(async () => {
    realToken = await tokenFor('js.official');
    realClaims = decode(realToken);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const realm = (await (await admin('GET', '')).json()) as { id: string };
    const name = `security-test-${randomUUID()}`;
    const created = await admin('POST', '/components', {
      name,
      providerId: 'rsa',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: realm.id,
      config: { priority: ['1'], enabled: ['true'], active: ['true'], algorithm: ['RS256'], privateKey: [pkcs8] },
    });
    componentId = created.headers.get('location')!.split('/').pop();
    const keys = (await (await admin('GET', '/keys')).json()) as { keys: { kid: string; providerId: string }[] };
    kid = keys.keys.find((k) => k.providerId === componentId)!.kid;
    sign = (claims) => rs256(claims, { kid }, privateKey);
    // The API fetches the realm's keys again for an unknown kid, but at most every 30 s (jose's
    // cooldown): wait until it knows the new key.
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 2000))) {
      await status(realToken); // the session check's answer for the token's sid, which the signed ones share
      if ((await status(sign(valid()))) === 200) break;
    }
  }, 90_000);

  afterAll(async () => {
    if (componentId) await admin('DELETE', `/components/${componentId}`);
    report('tokens', { requests });
  });


  it('accepts a Keycloak token and a token signed with a key the realm publishes (the controls)', async () => {
    expect(await counted(realToken)).toBe(200);
    expect(await counted(sign(valid()))).toBe(200);
  });

  it('refuses a forged signature: the claims of a real token signed with a key Keycloak does not publish', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(await counted(rs256(valid(), { kid }, privateKey))).toBe(401);
    expect(await counted(rs256(valid(), { kid: 'unknown' }, privateKey))).toBe(401);
    // the real token with its payload changed (a wider region) and its signature kept
    const [h, , s] = realToken.split('.');
    expect(await counted(`${h}.${b64url({ ...realClaims, region_path: '/' })}.${s}`)).toBe(401);
  });

  it('refuses an expired token', async () => {
    expect(await counted(sign({ ...valid(), iat: now() - 3600, exp: now() - 60 }))).toBe(401);
  });

  it('refuses a token for another audience', async () => {
    expect(await counted(sign({ ...valid(), aud: 'account' }))).toBe(401);
    const noAudience = valid();
    delete noAudience.aud;
    expect(await counted(sign(noAudience))).toBe(401);
  });

  it('refuses a token of another issuer', async () => {
    expect(await counted(sign({ ...valid(), iss: `${ADMIN_BASE()}/realms/master` }))).toBe(401);
    expect(await counted(sign({ ...valid(), iss: 'https://attacker.example/realms/fundsup' }))).toBe(401);
  });

  it('refuses alg:none, with and without a signature', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(valid())}`;
    expect(await counted(`${unsigned}.`)).toBe(401);
    expect(await counted(`${unsigned}.${realToken.split('.')[2]}`)).toBe(401);
    // HS256 keyed with the realm's public key material (the classic algorithm confusion)
    expect(await counted(`${b64url({ alg: 'HS256', typ: 'JWT', kid })}.${b64url(valid())}.${b64url('x')}`)).toBe(401);
  });

  it('refuses garbage', async () => {
    for (const token of ['', 'x', 'a.b.c', `${b64url('{')}.${b64url('{')}.`, 'Bearer', realToken.slice(0, -10), `${realToken}x`]) {
      expect(await counted(token)).toBe(401);
    }
  });

  it('refuses a token lacking the region, organization or subject claims (signed by a published key)', async () => {
    for (const claim of ['region_path', 'org_id', 'org_kind', 'sub'] as const) {
      const claims: JWTPayload = valid();
      delete claims[claim];
      expect(await counted(sign(claims))).toBe(401);
    }
    expect(await counted(sign({ ...valid(), region_path: '/32/%/' }))).toBe(401);
  });
});
