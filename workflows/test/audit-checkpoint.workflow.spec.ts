import { randomUUID } from 'node:crypto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { AUDIT_CHECKPOINT_CYCLE_WORKFLOW_ID, type AuditCheckpointActivities } from '../src/contracts/audit.js';
import { auditCheckpointCycleWorkflow } from '../src/audit-checkpoint.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv } from './test-server.js';

// The audit trail's daily checkpoint (issue 15 §7): published at the instant the backend gives, then
// the cycle continues as new for the next day — on the time-skipping server.

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
});
afterAll(() => env?.teardown());

it('publishes once a day at the scheduled instant and continues as new', async () => {
  const t0 = await env.currentTimeMs();
  const published: number[] = [];
  const activities: AuditCheckpointActivities = {
    async auditCheckpointSchedule({ at }) {
      // the next 10 minutes past a whole day after t0
      const days = Math.floor((Date.parse(at) - t0) / DAY) + 1;
      return { publishAt: new Date(t0 + days * DAY + 10 * 60_000).toISOString() };
    },
    async publishAuditCheckpoint({ at }) {
      published.push(await env.currentTimeMs());
      return { seq: published.length, hash: 'h'.repeat(64), at };
    },
  };
  const taskQueue = `audit-checkpoint-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(auditCheckpointCycleWorkflow, { taskQueue, workflowId: AUDIT_CHECKPOINT_CYCLE_WORKFLOW_ID });
    await env.sleep(DAY / 2);
    expect(published).toEqual([]);
    await env.sleep(3 * DAY);
    expect(published).toHaveLength(3);
    expect(published[0]!).toBeGreaterThanOrEqual(t0 + DAY + 10 * 60_000);
    expect(published[1]! - published[0]!).toBeGreaterThanOrEqual(DAY - 60_000);
    await handle.terminate('test done');
  });
});
