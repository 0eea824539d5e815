// Bundles the compiled workflows (dist/workflows.js) for the worker at build time (issue 19), run by
// `npm run build` after tsc: dist/workflow-bundle.js and its manifest dist/workflow-bundle.json, which
// holds the hash of the sources (src/bundle-manifest.ts). The worker loads this file instead of running
// webpack at every start.
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPackagePaths, workflowSourcesHash, type WorkflowBundleManifest } from '../src/bundle-manifest.ts';

const paths = workflowsPackagePaths();
const started = performance.now();
// the sources' hash first: an edit made while webpack runs leaves a manifest that does not match
const sourcesHash = workflowSourcesHash(paths.srcDir);
const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} };
const { code } = await bundleWorkflowCode({ workflowsPath: paths.entry, logger: quiet });
writeFileSync(paths.bundle, code);
const manifest: WorkflowBundleManifest = { sourcesHash, builtAt: new Date().toISOString() };
writeFileSync(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`workflow bundle: ${paths.bundle} (${(code.length / 1024).toFixed(0)} KB, ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
