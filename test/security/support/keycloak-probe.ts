import { randomBytes } from 'node:crypto';
import { E2E_CLIENT_ID } from '../../../deploy/keycloak/demo-accounts.ts';
import { KC_ADMIN_PASSWORD, KC_ADMIN_USER } from '../../../deploy/stack/config.ts';
import { ISSUER } from '../../support/stack.ts';

// Throw-away users for the sign-in security cases (issue 15 §1, §5): created through Keycloak's
// admin API for one test and deleted after it, so lockouts, logouts and disabling never touch the
// demo personas other tests sign in as. Admin credentials: the launcher's (KEYCLOAK_ADMIN_USER /
// KEYCLOAK_ADMIN_PASSWORD for another Keycloak).

const ADMIN_BASE = () => new URL(ISSUER()).origin;
const REALM = () => ISSUER().replace(/.*\/realms\//, '').replace(/\/+$/, '');

async function adminToken(): Promise<string> {
  const res = await fetch(`${ADMIN_BASE()}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KEYCLOAK_ADMIN_USER ?? KC_ADMIN_USER,
      password: process.env.KEYCLOAK_ADMIN_PASSWORD ?? KC_ADMIN_PASSWORD,
    }),
  });
  if (!res.ok) throw new Error(`Keycloak admin login refused: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** An admin REST call on the suite's realm; returns the response whatever its status. */
export async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${ADMIN_BASE()}/admin/realms/${REALM()}${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function adminOk(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await admin(method, path, body);
  if (!res.ok) throw new Error(`Keycloak admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

/** A password the realm's policy accepts (long, random, unrelated to the username). */
export const compliantPassword = () => `Pw-${randomBytes(18).toString('base64url')}`;

export interface ProbeUser {
  id: string;
  username: string;
  password: string;
}

/** A user of the Xuanwu county agency (an organisation the directory knows, so /api/me answers 200). */
export async function createProbeUser(purpose: string): Promise<ProbeUser> {
  const username = `sec-probe-${purpose}-${randomBytes(4).toString('hex')}`;
  await adminOk('POST', '/users', {
    username,
    enabled: true,
    email: `${username}@probe.fundsup.local`,
    emailVerified: true,
    firstName: 'Probe',
    lastName: purpose,
    groups: ['/agency-320102'],
  });
  const [user] = (await (await adminOk('GET', `/users?exact=true&username=${encodeURIComponent(username)}`)).json()) as { id: string }[];
  const password = compliantPassword();
  await setPassword(user.id, password);
  return { id: user.id, username, password };
}

/** Sets a password through the admin API (Keycloak applies the realm's policy); the response as is. */
export function setPassword(userId: string, password: string): Promise<Response> {
  return admin('PUT', `/users/${userId}/reset-password`, { type: 'password', value: password, temporary: false });
}

export async function deleteProbeUser(user: ProbeUser | undefined): Promise<void> {
  if (user) await admin('DELETE', `/users/${user.id}`);
}

export async function setEnabled(user: ProbeUser, enabled: boolean): Promise<void> {
  await adminOk('PUT', `/users/${user.id}`, { enabled });
}

/** The password grant of the dev/test-only client; the token endpoint's status and body. */
export async function passwordGrant(username: string, password: string): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${ISSUER()}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: E2E_CLIENT_ID, username, password, scope: 'openid' }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, string> };
}

/** Ends the session behind a refresh token, as the web app's logout does (back-channel). */
export async function logout(refreshToken: string): Promise<number> {
  const res = await fetch(`${ISSUER()}/protocol/openid-connect/logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: E2E_CLIENT_ID, refresh_token: refreshToken }),
  });
  return res.status;
}
