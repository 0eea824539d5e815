import { readFileSync } from 'node:fs';

// The security layer of ./suite test (issue 15): runs after api+browser against the same started
// stack (the API on SUITE_BASE_URL, the real Keycloak, the stack's PostgreSQL on DATABASE_URL).
// Cross-tenant probes generated from the OpenAPI document, forged and expired tokens, a bounded
// OpenAPI fuzzing run, the brute-force lockout and the audit entry of refused commands. Each spec
// records its counts with support/report.ts; ./suite test prints them after the layers' table.
const swc = JSON.parse(readFileSync(new URL('../.swcrc', import.meta.url), 'utf8'));
delete swc.$schema;

export default {
  displayName: 'security',
  rootDir: '..',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  testMatch: ['<rootDir>/security/**/*.spec.ts'],
  testTimeout: 120_000,
};
