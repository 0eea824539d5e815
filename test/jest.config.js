import { readFileSync } from 'node:fs';

// Cross-process journeys against the running stack that ./suite test starts: the API on
// SUITE_BASE_URL, the real Temporal dev server, the real Keycloak, and Debian's Chromium.
const swc = JSON.parse(readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
delete swc.$schema;

export default {
  displayName: 'e2e',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  testMatch: ['<rootDir>/api/**/*.spec.ts', '<rootDir>/browser/**/*.spec.ts'],
  testTimeout: 60_000,
};
