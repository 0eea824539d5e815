// Proves the running Keycloak serves the realm the app expects: logs in every
// demo user through the password grant of the e2e client and checks the claims
// the backend authorises on.
//   node deploy/stack/check-realm.ts [issuerUrl]   (default: $OIDC_ISSUER_URL)
// Prints `N passed, N failed` and exits non-zero on any failure.
import { fileURLToPath } from 'node:url';
import {
  API_AUDIENCE,
  DEMO_ACCOUNTS,
  E2E_CLIENT_ID,
  WEB_CLIENT_ID,
} from '../keycloak/demo-accounts.ts';
import type { DemoAccount } from '../keycloak/demo-accounts.ts';

export interface RealmCheckResult {
  passed: number;
  failed: number;
  failures: string[];
}

function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error('token is not a JWS compact serialization');
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function passwordGrant(issuer: string, account: DemoAccount): Promise<Record<string, unknown>> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: E2E_CLIENT_ID,
      username: account.username,
      password: account.password,
      scope: 'openid',
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new Error(`token endpoint ${res.status}: ${String(body.error)} ${String(body.error_description ?? '')}`);
  }
  return body;
}

function checkClaims(issuer: string, account: DemoAccount, token: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const expectEq = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) problems.push(`${what} = ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  };
  expectEq('iss', token.iss, issuer);
  expectEq('preferred_username', token.preferred_username, account.username);
  expectEq('org_id', token.org_id, account.orgId);
  expectEq('region_path', token.region_path, account.regionPath);
  expectEq('org_kind', token.org_kind, account.orgKind);
  expectEq('email', token.email, account.email);

  const aud = Array.isArray(token.aud) ? token.aud : [token.aud];
  if (!aud.includes(API_AUDIENCE)) problems.push(`aud ${JSON.stringify(token.aud)} lacks ${API_AUDIENCE}`);

  const realmAccess = token.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realmAccess?.roles) ? (realmAccess.roles as string[]) : [];
  if (!roles.includes(account.role)) problems.push(`realm_access.roles ${JSON.stringify(roles)} lacks ${account.role}`);
  const appRoles = new Set(DEMO_ACCOUNTS.map((a) => a.role));
  const extra = roles.filter((r) => appRoles.has(r as DemoAccount['role']) && r !== account.role);
  if (extra.length > 0) problems.push(`unexpected app roles ${JSON.stringify(extra)}`);
  return problems;
}

export async function checkRealm(
  issuerUrl: string,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<RealmCheckResult> {
  const issuer = issuerUrl.replace(/\/+$/, '');
  const result: RealmCheckResult = { passed: 0, failed: 0, failures: [] };
  const record = (name: string, problems: string[]) => {
    if (problems.length === 0) {
      result.passed++;
      log(`ok   ${name}`);
    } else {
      result.failed++;
      const line = `${name}: ${problems.join('; ')}`;
      result.failures.push(line);
      log(`FAIL ${line}`);
    }
  };

  // The SPA client must stay PKCE-only; a public client accepting the password
  // grant would be a production hole.
  const webGrant = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: WEB_CLIENT_ID,
      username: DEMO_ACCOUNTS[0].username,
      password: DEMO_ACCOUNTS[0].password,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  record(`${WEB_CLIENT_ID} rejects password grant`, webGrant.status >= 400 ? [] : [`status ${webGrant.status}`]);

  for (const account of DEMO_ACCOUNTS) {
    try {
      const tokens = await passwordGrant(issuer, account);
      const access = decodeJwtPayload(String(tokens.access_token));
      const problems = checkClaims(issuer, account, access);
      const id = decodeJwtPayload(String(tokens.id_token));
      if (id.org_id !== account.orgId) problems.push(`id_token org_id = ${JSON.stringify(id.org_id)}`);
      if (id.region_path !== account.regionPath) problems.push(`id_token region_path = ${JSON.stringify(id.region_path)}`);
      if (id.org_name !== account.orgName) problems.push(`id_token org_name = ${JSON.stringify(id.org_name)}`);
      record(account.username, problems);
    } catch (err) {
      record(account.username, [(err as Error).message]);
    }
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const issuer = process.argv[2] ?? process.env.OIDC_ISSUER_URL;
  if (!issuer) {
    process.stderr.write('usage: node deploy/stack/check-realm.ts <issuerUrl>  (or set OIDC_ISSUER_URL)\n');
    process.exit(2);
  }
  const result = await checkRealm(issuer).catch((err: Error) => {
    process.stderr.write(`error: cannot reach ${issuer}: ${err.message}\n`);
    process.exit(1);
  });
  process.stdout.write(`${result.passed} passed, ${result.failed} failed\n`);
  process.exit(result.failed === 0 ? 0 : 1);
}
