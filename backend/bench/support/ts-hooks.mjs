// Runs the backend's TypeScript sources in a plain node process (a benchmark's child process), the way
// Jest runs them: @swc/core with backend/.swcrc, `./x.js` imports resolved to `./x.ts`, and
// @fundsup/workflows/contracts to its source (jest.config.js moduleNameMapper). Usage:
//   node --import ./bench/support/ts-hooks.mjs ./bench/support/<child>.ts
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from '@swc/core';

const swc = JSON.parse(readFileSync(new URL('../../.swcrc', import.meta.url), 'utf8'));
delete swc.$schema;
const contracts = pathToFileURL(fileURLToPath(new URL('../../../workflows/src/contracts/index.ts', import.meta.url))).href;

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === '@fundsup/workflows/contracts') return { url: contracts, shortCircuit: true, format: 'module' };
    if (context.parentURL?.endsWith('.ts') && /^\.{1,2}\/.*\.js$/.test(specifier)) {
      const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
      if (existsSync(ts)) return { url: ts.href, shortCircuit: true, format: 'module' };
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
    const file = fileURLToPath(url);
    const { code } = transformSync(readFileSync(file, 'utf8'), { ...swc, filename: file });
    return { format: 'module', source: code, shortCircuit: true };
  },
});
