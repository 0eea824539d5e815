import { readFileSync } from 'node:fs';

// NestJS 12 and MikroORM 7 are ESM-only: Jest runs in ESM mode (--experimental-vm-modules) and
// @swc/jest compiles TypeScript with the same decorator settings as the build.
const swc = JSON.parse(readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
delete swc.$schema;

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@fundsup/workflows/contracts$': '<rootDir>/../workflows/src/contracts/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    // Integration tests need DATABASE_URL (a PostgreSQL superuser URL); ./suite test provides one.
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'], slowTestThreshold: 20,
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'] },
    // The whole chain on real PostgreSQL and Temporal's time-skipping server: command → outbox →
    // relay → workflow → durable timers → activities → commands.
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'] },
    // Benchmarks: not part of ./suite test (they report, they do not pass or fail on speed).
    { ...common, displayName: 'bench', testMatch: ['<rootDir>/bench/**/*.bench.ts'] },
  ],
};
