// Renders deploy/keycloak/fundsup-realm.json from demo-accounts.ts.
//   node deploy/keycloak/generate-realm.ts          rewrite the JSON
//   node deploy/keycloak/generate-realm.ts --check  exit 1 if the JSON is stale
//
// The realm deliberately has no `clientScopes` list: when an import carries
// one, Keycloak skips creating its built-in scopes (basic, profile, email,
// roles, web-origins, acr), which silently drops `sub`, `realm_access` and
// friends from tokens. Custom mappers therefore live on the clients.
//
// Sign-in security (issue 15 §1, §5; README "Sign-in security"). Where a number has an outside
// source it is named next to it; where it is Keycloak's own default, that is said instead.
import { createHash, pbkdf2Sync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  API_AUDIENCE,
  API_CLIENT_DEV_SECRET,
  API_CLIENT_ID,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  E2E_CLIENT_ID,
  LEGAL_REVIEWERS,
  LEGAL_REVIEWER_ROLE,
  ORGANIZATIONS,
  OTP_ROLE,
  REALM,
  ROLES,
  WEB_CLIENT_ID,
} from './demo-accounts.ts';

export const REALM_FILE = fileURLToPath(new URL('./fundsup-realm.json', import.meta.url));

/**
 * Stands for the deployment's public URL of the app (where the public tip page is) in the realm
 * file; the launcher replaces it when it imports the realm (realmForImport): http://localhost:3000
 * for the dev stack, :3010 for the test stack, FUNDSUP_PUBLIC_URL when set.
 */
export const PUBLIC_URL_PLACEHOLDER = '__FUNDSUP_PUBLIC_URL__';

/** The realm file's text with the placeholder replaced by the deployment's public URL (no trailing slash). */
export function realmForImport(realmText: string, publicUrl: string): string {
  const url = publicUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s"'<>]+$/.test(url)) throw new Error(`the public URL ${JSON.stringify(publicUrl)} is not an http(s) URL`);
  if (!realmText.includes(PUBLIC_URL_PLACEHOLDER)) throw new Error(`the realm file has no ${PUBLIC_URL_PLACEHOLDER}: regenerate it (node deploy/keycloak/generate-realm.ts)`);
  return realmText.split(PUBLIC_URL_PLACEHOLDER).join(url);
}

const SPA_ORIGINS = [
  'http://localhost:3000',
  'http://127.0.0.1:3000',
  'http://localhost:3010',
  'http://127.0.0.1:3010',
];

type Json = Record<string, unknown>;

/**
 * The realm's password policy, applied by Keycloak whenever a password is set or changed.
 * - length(15): NIST SP 800-63B-4 §3.1.1.2 — a password used as the only factor is at least 15
 *   characters (OTP below is off by default, so the password is the only factor).
 * - maxLength(64): the same section — verifiers should permit at least 64 characters.
 * - notContainsUsername, notEmail: the same section's check against context-specific words (the
 *   username); GB/T 22239-2019 8.1.4.1 a) asks for 口令复杂度 without giving numbers.
 * - passwordHistory(24): CIS Benchmarks (Microsoft Windows, 1.1.1 "Enforce password history":
 *   24 or more) — a change (GB/T 22239-2019 8.1.4.1 a) 定期更换) must not return to a recent one.
 * No composition rules (NIST SP 800-63B-4 advises against them) and no forced periodic change:
 * an operator who needs one adds `forceExpiredPasswordChange(90)` (it would also expire the demo
 * accounts of a long-lived local Keycloak).
 */
export const PASSWORD_POLICY = 'length(15) and maxLength(64) and notContainsUsername and notEmail and passwordHistory(24)';

/**
 * Brute-force detection (temporary lockout whose wait grows with the failures, never permanent,
 * so an attacker cannot lock a user out for good; GB/T 22239-2019 8.1.4.1 b) 限制非法登录次数).
 */
export const BRUTE_FORCE = {
  bruteForceProtected: true,
  permanentLockout: false,
  maxTemporaryLockouts: 0,
  bruteForceStrategy: 'MULTIPLE',
  // CIS Benchmarks (Microsoft Windows, 1.2.2 "Account lockout threshold": 5 or fewer).
  failureFactor: 5,
  // Keycloak's defaults: each further 5 failures add a minute of wait.
  waitIncrementSeconds: 60,
  // CIS Benchmarks (1.2.1 "Account lockout duration": 15 minutes or more) as the longest wait.
  maxFailureWaitSeconds: 900,
  // Keycloak's defaults: two failures within a second lock the user for a minute; failures are
  // forgotten 12 hours after the last one.
  quickLoginCheckMilliSeconds: 1000,
  minimumQuickLoginWaitSeconds: 60,
  maxDeltaTimeSeconds: 43_200,
} as const;

/**
 * Access tokens live 5 minutes (issue 15 §5: at most 5). The browser refreshes them before they
 * expire; the API also asks Keycloak whether the token's session is alive (cached 30 s), so a
 * logout or a disabled user is refused within that bound, not only at expiry.
 */
export const ACCESS_TOKEN_LIFESPAN_SECONDS = 300;

/** The OTP sub-flow an operator turns on (DISABLED → CONDITIONAL): README "Sign-in security". */
export const OTP_FLOW = 'fundsup OTP for leaders and legal reviewers';
export const BROWSER_FLOW = 'fundsup browser';

/**
 * The demo password as Keycloak stores it (PBKDF2-SHA512, Keycloak's own format). Imported
 * pre-hashed, it is not checked against PASSWORD_POLICY, which it could not satisfy; a fixed salt
 * keeps the realm file reproducible (the password is public anyway).
 */
let demoCredentialCache: Json | undefined;
function demoCredential(): Json {
  if (demoCredentialCache) return demoCredentialCache;
  const iterations = 210_000;
  const salt = createHash('sha256').update(`fundsup-demo:${DEMO_PASSWORD}`).digest().subarray(0, 16);
  const hash = pbkdf2Sync(DEMO_PASSWORD, salt, iterations, 64, 'sha512');
  demoCredentialCache = {
    type: 'password',
    userLabel: 'demo',
    secretData: JSON.stringify({ value: hash.toString('base64'), salt: salt.toString('base64'), additionalParameters: {} }),
    credentialData: JSON.stringify({ hashIterations: iterations, algorithm: 'pbkdf2-sha512', additionalParameters: {} }),
  };
  return demoCredentialCache;
}

function execution(authenticator: string, requirement: string, priority: number, extra: Json = {}): Json {
  return { authenticator, authenticatorFlow: false, requirement, priority, userSetupAllowed: false, ...extra };
}

function subFlow(flowAlias: string, requirement: string, priority: number): Json {
  return { authenticatorFlow: true, requirement, priority, flowAlias, userSetupAllowed: false };
}

/**
 * The browser flow: cookie, or username and password followed by an OTP sub-flow for holders of
 * OTP_ROLE. The sub-flow ships DISABLED so the demo signs in with a password alone.
 */
function authenticationFlows(): Json[] {
  return [
    {
      alias: BROWSER_FLOW,
      description: 'Browser sign-in: cookie, or password then (when turned on) OTP for leaders and legal reviewers',
      providerId: 'basic-flow',
      topLevel: true,
      builtIn: false,
      authenticationExecutions: [
        execution('auth-cookie', 'ALTERNATIVE', 10),
        subFlow(`${BROWSER_FLOW} forms`, 'ALTERNATIVE', 20),
      ],
    },
    {
      alias: `${BROWSER_FLOW} forms`,
      description: 'Username and password, then the OTP sub-flow',
      providerId: 'basic-flow',
      topLevel: false,
      builtIn: false,
      authenticationExecutions: [
        execution('auth-username-password-form', 'REQUIRED', 10),
        subFlow(OTP_FLOW, 'DISABLED', 20),
      ],
    },
    {
      alias: OTP_FLOW,
      description: `OTP for holders of the ${OTP_ROLE} role (leaders, legal reviewers); set to CONDITIONAL to turn on`,
      providerId: 'basic-flow',
      topLevel: false,
      builtIn: false,
      authenticationExecutions: [
        execution('conditional-user-role', 'REQUIRED', 10, { authenticatorConfig: `${OTP_ROLE} holders` }),
        execution('auth-otp-form', 'REQUIRED', 20),
      ],
    },
  ];
}

function attributeMapper(claim: string, tokens: { access: boolean }): Json {
  return {
    name: claim,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-usermodel-attribute-mapper',
    consentRequired: false,
    config: {
      'user.attribute': claim,
      'claim.name': claim,
      'jsonType.label': 'String',
      multivalued: 'false',
      // Values come from the organisation group, not the user; with
      // aggregation off Keycloak takes the first group that defines the
      // attribute, which is deterministic since each user has one org group.
      'aggregate.attrs': 'false',
      'access.token.claim': String(tokens.access),
      'id.token.claim': 'true',
      'userinfo.token.claim': 'true',
      'introspection.token.claim': 'true',
    },
  };
}

function orgClaimMappers(): Json[] {
  return [
    attributeMapper('org_id', { access: true }),
    attributeMapper('region_path', { access: true }),
    attributeMapper('org_kind', { access: true }),
    // Display name only: kept out of access tokens to keep them small.
    attributeMapper('org_name', { access: false }),
    {
      name: `${API_AUDIENCE}-audience`,
      protocol: 'openid-connect',
      protocolMapper: 'oidc-audience-mapper',
      consentRequired: false,
      config: {
        'included.client.audience': API_AUDIENCE,
        'access.token.claim': 'true',
        'id.token.claim': 'false',
        'introspection.token.claim': 'true',
      },
    },
  ];
}

export function buildRealm(): Json {
  const redirectUris = SPA_ORIGINS.flatMap((o) => [o, `${o}/*`]);
  return {
    realm: REALM,
    enabled: true,
    displayName: '医保基金监管',
    // The login page's heading, with the public tip page (issue 17: 举报 reachable from the login page,
    // no sign-in). Keycloak sanitizes it and keeps the link; the origin is the deployment's app,
    // filled in at import (realmForImport).
    displayNameHtml: `医保基金监管平台<div class="fundsup-public-tip"><a href="${PUBLIC_URL_PLACEHOLDER}/public/tips">公众举报 · Report misuse of the fund</a></div>`,
    sslRequired: 'external',
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    duplicateEmailsAllowed: false,
    resetPasswordAllowed: false,
    editUsernameAllowed: false,
    ...BRUTE_FORCE,
    passwordPolicy: PASSWORD_POLICY,
    accessTokenLifespan: ACCESS_TOKEN_LIFESPAN_SECONDS,
    ssoSessionIdleTimeout: 3600,
    ssoSessionMaxLifespan: 36000,
    internationalizationEnabled: true,
    supportedLocales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    roles: {
      realm: [
        ...ROLES.map((r) => ({
          name: r.name,
          description: `${r.labelZh} / ${r.labelEn}`,
          // A leader always holds OTP_ROLE: a new leader gets the OTP step without anyone remembering to.
          ...(r.name === 'leader'
            ? { composite: true, composites: { realm: [OTP_ROLE] } }
            : { composite: false }),
          clientRole: false,
        })),
        {
          name: OTP_ROLE,
          description: '登录需动态口令（启用后） / OTP at sign-in (when turned on)',
          composite: false,
          clientRole: false,
        },
        {
          name: LEGAL_REVIEWER_ROLE,
          description: '法制审核人员（行政执法） / Legal reviewer (enforcement cases)',
          composite: true,
          composites: { realm: [OTP_ROLE] },
          clientRole: false,
        },
      ],
    },
    browserFlow: BROWSER_FLOW,
    authenticationFlows: authenticationFlows(),
    authenticatorConfig: [
      { alias: `${OTP_ROLE} holders`, config: { condUserRole: OTP_ROLE, negate: 'false' } },
    ],
    otpPolicyType: 'totp',
    otpPolicyAlgorithm: 'HmacSHA1',
    otpPolicyDigits: 6,
    otpPolicyPeriod: 30,
    groups: ORGANIZATIONS.map((o) => ({
      name: o.orgId,
      path: `/${o.orgId}`,
      attributes: {
        org_id: [o.orgId],
        org_name: [o.name],
        org_kind: [o.kind],
        region_path: [o.regionPath],
      },
      realmRoles: [],
      clientRoles: {},
      subGroups: [],
    })),
    users: DEMO_ACCOUNTS.map((a) => ({
      username: a.username,
      enabled: true,
      email: a.email,
      emailVerified: true,
      firstName: a.firstName,
      lastName: a.lastName,
      attributes: { locale: ['zh-CN'] },
      credentials: [demoCredential()],
      requiredActions: [],
      realmRoles: [`default-roles-${REALM}`, a.role, ...(LEGAL_REVIEWERS.includes(a.username) ? [LEGAL_REVIEWER_ROLE, OTP_ROLE] : [])],
      groups: [`/${a.orgId}`],
    })),
    clients: [
      {
        clientId: WEB_CLIENT_ID,
        name: '医保基金监管 Web',
        description: 'Browser SPA (authorization code + PKCE S256).',
        enabled: true,
        protocol: 'openid-connect',
        publicClient: true,
        standardFlowEnabled: true,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        frontchannelLogout: true,
        redirectUris,
        webOrigins: SPA_ORIGINS,
        attributes: {
          'pkce.code.challenge.method': 'S256',
          'post.logout.redirect.uris': redirectUris.join('##'),
        },
        protocolMappers: orgClaimMappers(),
      },
      {
        clientId: API_CLIENT_ID,
        name: '医保基金监管 API',
        description:
          'Resource server: the access-token audience, and the confidential client the API introspects tokens with (no flows).',
        enabled: true,
        protocol: 'openid-connect',
        bearerOnly: false,
        publicClient: false,
        clientAuthenticatorType: 'client-secret',
        // DEV/TEST ONLY: regenerate in production (README "Sign-in security").
        secret: API_CLIENT_DEV_SECRET,
        standardFlowEnabled: false,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
      },
      {
        clientId: E2E_CLIENT_ID,
        name: 'E2E tests (dev/test only)',
        description:
          'DEV/TEST ONLY — password grant for automated tests. DELETE THIS CLIENT IN PRODUCTION. 仅用于开发/测试，生产环境必须删除。',
        enabled: true,
        protocol: 'openid-connect',
        publicClient: true,
        standardFlowEnabled: false,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: true,
        serviceAccountsEnabled: false,
        protocolMappers: orgClaimMappers(),
      },
    ],
  };
}

export function renderRealm(): string {
  return `${JSON.stringify(buildRealm(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rendered = renderRealm();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(REALM_FILE, 'utf8');
    } catch {
      // a missing file is just stale
    }
    if (current !== rendered) {
      process.stderr.write(
        'fundsup-realm.json is out of date: run node deploy/keycloak/generate-realm.ts\n',
      );
      process.exit(1);
    }
    process.stderr.write('fundsup-realm.json is up to date\n');
  } else {
    writeFileSync(REALM_FILE, rendered);
    process.stderr.write(`wrote ${REALM_FILE}\n`);
  }
}
