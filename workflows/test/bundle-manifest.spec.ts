import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowBundleState, workflowSourcesHash, workflowsPackagePaths } from '../src/bundle-manifest.js';

// Issue 19: the worker loads dist/workflow-bundle.js built at build time; it must be the bundle of
// the sources in this checkout (the build — `npm run build`, which ./suite runs — writes it).
test('the built workflow bundle is current with the workflow sources', () => {
  const state = workflowBundleState();
  expect(state).toEqual({ kind: 'current', codePath: workflowsPackagePaths().bundle });
});

describe('the bundle manifest against a package folder', () => {
  let root: string;
  const paths = () => ({
    srcDir: join(root, 'src'), bundle: join(root, 'dist', 'workflow-bundle.js'),
    manifest: join(root, 'dist', 'workflow-bundle.json'), entry: join(root, 'dist', 'workflows.js'),
  });
  const build = () => {
    writeFileSync(paths().bundle, '// bundle');
    writeFileSync(paths().manifest, JSON.stringify({ sourcesHash: workflowSourcesHash(paths().srcDir), builtAt: new Date().toISOString() }));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'workflow-bundle-'));
    mkdirSync(join(root, 'src', 'contracts'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src', 'a.workflow.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src', 'contracts', 'b.ts'), 'export type B = string;\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('no bundle built: missing', () => {
    expect(workflowBundleState(paths()).kind).toBe('missing');
  });

  test('built from these sources: current', () => {
    build();
    expect(workflowBundleState(paths())).toEqual({ kind: 'current', codePath: paths().bundle });
  });

  test('a source edited, added or renamed after the build (a nested one too): stale', () => {
    build();
    writeFileSync(join(root, 'src', 'contracts', 'b.ts'), 'export type B = number;\n');
    expect(workflowBundleState(paths()).kind).toBe('stale');
    build();
    writeFileSync(join(root, 'src', 'c.workflow.ts'), 'export const c = 1;\n');
    expect(workflowBundleState(paths()).kind).toBe('stale');
    build();
    const before = workflowSourcesHash(paths().srcDir);
    rmSync(join(root, 'src', 'c.workflow.ts'));
    writeFileSync(join(root, 'src', 'd.workflow.ts'), 'export const c = 1;\n');
    expect(workflowSourcesHash(paths().srcDir)).not.toBe(before);
    expect(workflowBundleState(paths()).kind).toBe('stale');
  });

  test('files other than TypeScript sources do not count', () => {
    build();
    writeFileSync(join(root, 'src', 'notes.md'), 'x');
    expect(workflowBundleState(paths()).kind).toBe('current');
  });

  test('no sources beside the bundle (an image with dist only): loaded unchecked', () => {
    build();
    rmSync(paths().srcDir, { recursive: true });
    expect(workflowBundleState(paths())).toEqual({ kind: 'unchecked', codePath: paths().bundle });
  });
});
