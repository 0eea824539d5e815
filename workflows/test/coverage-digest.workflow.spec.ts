import { randomUUID } from 'node:crypto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coverageDigestCycleWorkflowId, type CoverageDigestActivities } from '../src/contracts/inspection.js';
import { coverageDigestCycleWorkflow } from '../src/coverage-digest.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv } from './test-server.js';

// The monthly coverage digest (issue 13 §4): sent at the instant the backend gives for the month, then
// the cycle continues as new with the next month — on the time-skipping server.

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
});
afterAll(() => env?.teardown());

it('sends each month at its instant and continues with the next month', async () => {
  const t0 = await env.currentTimeMs();
  const months = ['2027-01', '2027-02', '2027-03'];
  const sends: { month: string; at: number }[] = [];
  const asked: (string | undefined)[] = [];
  const activities: CoverageDigestActivities = {
    async coverageDigestSchedule({ month }) {
      asked.push(month);
      const i = month ? months.indexOf(month) : 0;
      return { month: months[i]!, sendAt: new Date(t0 + (i + 1) * 30 * DAY).toISOString(), nextMonth: months[i + 1] ?? '2027-04' };
    },
    async sendCoverageDigests({ month }) {
      sends.push({ month, at: await env.currentTimeMs() });
      return { sent: 3, agencies: 3 };
    },
  };
  const taskQueue = `coverage-digest-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(coverageDigestCycleWorkflow, { taskQueue, workflowId: coverageDigestCycleWorkflowId('32'), args: [{ provinceCode: '32' }] });
    await env.sleep(29 * DAY);
    expect(sends).toEqual([]);
    await env.sleep(32 * DAY);
    expect(sends.map((s) => s.month)).toEqual(['2027-01', '2027-02']);
    expect(sends[0]!.at).toBeGreaterThanOrEqual(t0 + 30 * DAY);
    expect(asked.slice(0, 3)).toEqual([undefined, '2027-02', '2027-03']);
    await handle.terminate('test done');
  });
});
