// ESM mode: package.json is "type": "module", and Angular/ng-zorro ship ESM only, so native ESM
// loading of node_modules is both simpler and much faster than transpiling them to CommonJS.
import presets from 'jest-preset-angular/presets/index.js';

/** @type {import('jest').Config} */
export default {
  ...presets.createEsmPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  rootDir: import.meta.dirname,
  roots: ['<rootDir>/src'],
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  // Keep the 2-core CI machine responsive.
  maxWorkers: 2,
  testTimeout: 20000,
};
