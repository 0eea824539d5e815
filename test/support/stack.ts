import { DEMO_ACCOUNTS, DEMO_PASSWORD, E2E_CLIENT_ID } from '../../deploy/keycloak/demo-accounts.ts';

export { DEMO_ACCOUNTS };

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: these tests run against the stack that ./suite test starts`);
  return v;
}

export const BASE_URL = () => env('SUITE_BASE_URL');
export const ISSUER = () => env('OIDC_ISSUER_URL');
export const TEMPORAL_ADDRESS = () => env('TEMPORAL_ADDRESS');

const tokens = new Map<string, string>();

/** Seconds the token has left (its `exp` against this clock). */
function secondsLeft(token: string): number {
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
  return exp - Date.now() / 1000;
}

/**
 * A real access token from Keycloak for a demo user (password grant on the dev/test-only client),
 * reused while it has a minute left: access tokens live 5 minutes, a test file can run longer.
 */
export async function tokenFor(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached && secondsLeft(cached) > 60) return cached;
  const res = await fetch(`${ISSUER()}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: E2E_CLIENT_ID, username, password: DEMO_PASSWORD, scope: 'openid' }),
  });
  if (!res.ok) throw new Error(`Keycloak refused ${username}: ${res.status} ${await res.text()}`);
  const { access_token } = (await res.json()) as { access_token: string };
  tokens.set(username, access_token);
  return access_token;
}

export async function api(username: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (username) headers.authorization = `Bearer ${await tokenFor(username)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${BASE_URL()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function eventually<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown = null;
  for (;;) {
    const v = await fn().catch((e) => {
      last = e;
      return null;
    });
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last error: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
