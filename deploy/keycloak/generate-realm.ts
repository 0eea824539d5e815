// Renders deploy/keycloak/fundsup-realm.json from demo-accounts.ts.
//   node deploy/keycloak/generate-realm.ts          rewrite the JSON
//   node deploy/keycloak/generate-realm.ts --check  exit 1 if the JSON is stale
//
// The realm deliberately has no `clientScopes` list: when an import carries
// one, Keycloak skips creating its built-in scopes (basic, profile, email,
// roles, web-origins, acr), which silently drops `sub`, `realm_access` and
// friends from tokens. Custom mappers therefore live on the clients.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  API_AUDIENCE,
  API_CLIENT_ID,
  DEMO_ACCOUNTS,
  E2E_CLIENT_ID,
  ORGANIZATIONS,
  REALM,
  ROLES,
  WEB_CLIENT_ID,
} from './demo-accounts.ts';

export const REALM_FILE = fileURLToPath(new URL('./fundsup-realm.json', import.meta.url));

const SPA_ORIGINS = [
  'http://localhost:3000',
  'http://127.0.0.1:3000',
  'http://localhost:3010',
  'http://127.0.0.1:3010',
];

type Json = Record<string, unknown>;

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
    displayNameHtml: '医保基金监管平台',
    sslRequired: 'external',
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    duplicateEmailsAllowed: false,
    resetPasswordAllowed: false,
    editUsernameAllowed: false,
    // Tests log in repeatedly, sometimes with wrong passwords on purpose.
    bruteForceProtected: false,
    accessTokenLifespan: 900,
    ssoSessionIdleTimeout: 3600,
    ssoSessionMaxLifespan: 36000,
    internationalizationEnabled: true,
    supportedLocales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    roles: {
      realm: ROLES.map((r) => ({
        name: r.name,
        description: `${r.labelZh} / ${r.labelEn}`,
        composite: false,
        clientRole: false,
      })),
    },
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
      credentials: [{ type: 'password', value: a.password, temporary: false }],
      requiredActions: [],
      realmRoles: [`default-roles-${REALM}`, a.role],
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
        description: 'Resource server; exists only to be the access-token audience.',
        enabled: true,
        protocol: 'openid-connect',
        bearerOnly: true,
        publicClient: false,
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
