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
  // A process's heap grows with every spec file it runs (each loads Angular and ng-zorro as ESM
  // modules anew): run in band, the ~90 files reached node's 4 GB limit in a full run and the layer
  // crashed. ./suite test runs this layer on workers; one above this after a file is replaced.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 20000,
};
