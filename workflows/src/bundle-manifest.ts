// The workflow bundle built at build time (issue 19): `npm run build` compiles the workflows and then
// bundles dist/workflows.js with the Temporal SDK's bundleWorkflowCode into dist/workflow-bundle.js
// (scripts/build-bundle.ts), beside a manifest holding the hash of the sources it was built from. The
// worker loads the bundle instead of bundling at every start (seconds of webpack), after checking the
// manifest against the sources when they are present. Not part of the workflow sandbox: workflows.ts
// does not import this file.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkflowBundleManifest {
  /** SHA-256 of the workflow sources (workflowSourcesHash) the bundle was built from. */
  sourcesHash: string;
  builtAt: string;
}

/** Where the package's files are, from this module (in src/ when run by a test, dist/ when built). */
export function workflowsPackagePaths(): { srcDir: string; bundle: string; manifest: string; entry: string } {
  const root = fileURLToPath(new URL('..', import.meta.url));
  return {
    srcDir: join(root, 'src'),
    bundle: join(root, 'dist', 'workflow-bundle.js'),
    manifest: join(root, 'dist', 'workflow-bundle.json'),
    entry: join(root, 'dist', 'workflows.js'),
  };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return tsFiles(path);
    return d.isFile() && d.name.endsWith('.ts') ? [path] : [];
  });
}

/** SHA-256 over every .ts file under srcDir: its path (relative, with /) and its content, in path order. */
export function workflowSourcesHash(srcDir: string): string {
  const hash = createHash('sha256');
  const files = tsFiles(srcDir).map((f) => ({ f, rel: relative(srcDir, f).split(sep).join('/') })).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const { f, rel } of files) {
    hash.update(rel).update('\0').update(readFileSync(f)).update('\0');
  }
  return hash.digest('hex');
}

export type WorkflowBundleState =
  | { kind: 'current'; codePath: string }
  /** built, but the sources are not here to compare (an image with dist/ only) */
  | { kind: 'unchecked'; codePath: string }
  | { kind: 'missing'; bundle: string }
  | { kind: 'stale'; bundle: string; builtFrom: string; sources: string };

/** Whether the built bundle can be loaded: present, and built from the sources beside it (if any). */
export function workflowBundleState(paths = workflowsPackagePaths()): WorkflowBundleState {
  if (!existsSync(paths.bundle) || !existsSync(paths.manifest)) return { kind: 'missing', bundle: paths.bundle };
  const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8')) as WorkflowBundleManifest;
  if (!existsSync(paths.srcDir)) return { kind: 'unchecked', codePath: paths.bundle };
  const sources = workflowSourcesHash(paths.srcDir);
  if (manifest.sourcesHash !== sources) return { kind: 'stale', bundle: paths.bundle, builtFrom: manifest.sourcesHash, sources };
  return { kind: 'current', codePath: paths.bundle };
}
