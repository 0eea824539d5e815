import { randomUUID } from 'node:crypto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  majorCaseReportTransitionUpdate, majorCaseReportWorkflowId, type MajorCaseReportActivities, type MajorCaseReportWorkflowInput,
} from '../src/contracts/major-case-report.js';
import type { DeadlineClock } from '../src/contracts/deadline-clock.js';
import { majorCaseReportWorkflow } from '../src/major-case-report.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv } from './test-server.js';

// A major-case report's clock (issue 18 part 2) on the time-skipping server: due 7 calendar days after the
// police transfer, the reminder on day 5, overdue once at the first instant after day 7; the bureau's
// submission ends it (nothing fires afterwards).

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
});
afterAll(() => env?.teardown());

const actor = {
  userId: 'u-xwb1', username: 'xw.bureau', displayName: '玄武医保局', roles: ['county_staff'],
  regionPath: '/32/3201/320102/', organizationId: 'bureau-320102', organizationKind: 'bureau' as const,
};

type Call = { kind: 'remind' | 'overdue'; at: number; dueDate: string; reportId: string };
function recording() {
  const calls: Call[] = [];
  const activities: MajorCaseReportActivities = {
    async remindMajorCaseReport({ reportId, dueDate }) { calls.push({ kind: 'remind', at: await env.currentTimeMs(), dueDate, reportId }); },
    async markMajorCaseReportOverdue({ reportId, dueDate }) { calls.push({ kind: 'overdue', at: await env.currentTimeMs(), dueDate, reportId }); },
  };
  return { calls, activities };
}

/** The clock the backend sends (MajorCaseReport.clock): opened now, due 7 days on, reminded on day 5. */
async function sevenDays(): Promise<DeadlineClock> {
  const now = await env.currentTimeMs();
  const dueAt = now + 8 * DAY;
  return { dueAt: new Date(dueAt).toISOString(), dueDate: new Date(now + 7 * DAY).toISOString().slice(0, 10), remindAt: [new Date(now + 5 * DAY).toISOString()] };
}

async function run<T>(activities: MajorCaseReportActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `mcr-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(fn(taskQueue));
}

const start = (taskQueue: string, input: MajorCaseReportWorkflowInput) =>
  env.client.workflow.start(majorCaseReportWorkflow, { taskQueue, workflowId: majorCaseReportWorkflowId(input.reportId), args: [input] });

it('not submitted: reminded on day 5, overdue once after day 7 (not before), then nothing more', async () => {
  const { calls, activities } = recording();
  const input: MajorCaseReportWorkflowInput = { reportId: randomUUID(), actor, clock: await sevenDays() };
  await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    await env.sleep(5 * DAY - 60_000);
    expect(calls).toEqual([]);
    await env.sleep(2 * 60_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    await env.sleep(3 * DAY - 5 * 60_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    await env.sleep(10 * 60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['remind', input.clock.dueDate], ['overdue', input.clock.dueDate]]);
    await env.sleep(5 * DAY);
    expect(calls).toHaveLength(2);
    await handle.executeUpdate(majorCaseReportTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }], updateId: 'submitted' });
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [input.clock.dueDate] });
  });
  expect(calls.every((c) => c.reportId === input.reportId)).toBe(true);
});

it('submitted on day 3: no reminder, no overdue', async () => {
  const { calls, activities } = recording();
  const input: MajorCaseReportWorkflowInput = { reportId: randomUUID(), actor, clock: await sevenDays() };
  const result = await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    await env.sleep(3 * DAY);
    await handle.executeUpdate(majorCaseReportTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }], updateId: 'submitted' });
    return handle.result();
  });
  expect(result).toMatchObject({ ended: true, reminded: [], overdue: [] });
  expect(calls).toEqual([]);
});
