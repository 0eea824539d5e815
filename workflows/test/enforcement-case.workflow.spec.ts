import { randomUUID } from 'node:crypto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  enforcementCaseTransitionUpdate,
  enforcementCaseWorkflowId,
  type EnforcementCaseActivities,
  type EnforcementCaseWorkflowInput,
} from '../src/contracts/enforcement.js';
import type { DeadlineClock } from '../src/contracts/deadline-clock.js';
import { enforcementCaseWorkflow } from '../src/enforcement-case.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv } from './test-server.js';

// An enforcement case's closure clock (issue 18) on the time-skipping server: 90 days from 立案 with
// reminders 15, 5 and 1 days before; overdue once at the first instant after the due day; a leader's
// extension replaces the clock; the decision ends it (nothing fires afterwards).

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
});
afterAll(() => env?.teardown());

const actor = {
  userId: 'u-xwld', username: 'xw.leader', displayName: '周文斌', roles: ['leader'],
  regionPath: '/32/3201/320102/', organizationId: 'bureau-320102', organizationKind: 'bureau' as const,
};

type Call = { kind: 'remind' | 'overdue'; at: number; dueDate: string; caseId: string };
function recording() {
  const calls: Call[] = [];
  const activities: EnforcementCaseActivities = {
    async remindEnforcementCase({ caseId, dueDate }) { calls.push({ kind: 'remind', at: await env.currentTimeMs(), dueDate, caseId }); },
    async markEnforcementCaseOverdue({ caseId, dueDate }) { calls.push({ kind: 'overdue', at: await env.currentTimeMs(), dueDate, caseId }); },
  };
  return { calls, activities };
}

async function clockIn(days: number, before: number[] = [15, 5, 1]): Promise<DeadlineClock> {
  const now = await env.currentTimeMs();
  const dueAt = now + days * DAY;
  return {
    dueAt: new Date(dueAt).toISOString(), dueDate: new Date(dueAt - DAY).toISOString().slice(0, 10),
    remindAt: before.map((b) => dueAt - b * DAY).filter((t) => t > now).map((t) => new Date(t).toISOString()),
  };
}

async function run<T>(activities: EnforcementCaseActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `enforcement-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(fn(taskQueue));
}

const start = (taskQueue: string, input: EnforcementCaseWorkflowInput) =>
  env.client.workflow.start(enforcementCaseWorkflow, { taskQueue, workflowId: enforcementCaseWorkflowId(input.caseId), args: [input] });

it('decided in time: three reminders (15, 5, 1 days before), no overdue; the decision ends the clock', async () => {
  const { calls, activities } = recording();
  const input: EnforcementCaseWorkflowInput = { caseId: randomUUID(), actor, clock: await clockIn(90) };
  const result = await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    await env.sleep(74 * DAY);
    expect(calls).toEqual([]);
    await env.sleep(2 * DAY);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    await env.sleep(13 * DAY + 3_600_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind', 'remind', 'remind']);
    await handle.executeUpdate(enforcementCaseTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }], updateId: 'decided' });
    return handle.result();
  });
  expect(result).toMatchObject({ ended: true, overdue: [] });
  expect(calls.every((c) => c.caseId === input.caseId && c.dueDate === input.clock.dueDate)).toBe(true);
});

it('overdue once after the due day; a leader\'s extension starts a fresh count; the decision ends it', async () => {
  const { calls, activities } = recording();
  const input: EnforcementCaseWorkflowInput = { caseId: randomUUID(), actor, clock: await clockIn(90, []) };
  await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    await env.sleep(90 * DAY - 60_000);
    expect(calls).toEqual([]);
    await env.sleep(2 * 60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['overdue', input.clock.dueDate]]);
    await env.sleep(3 * DAY);
    expect(calls).toHaveLength(1);
    const extended = await clockIn(30, [5]);
    const state = await handle.executeUpdate(enforcementCaseTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: extended }], updateId: 'extended' });
    expect(state.dueAt).toBe(extended.dueAt);
    await env.sleep(31 * DAY);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['overdue', input.clock.dueDate], ['remind', extended.dueDate], ['overdue', extended.dueDate]]);
    await handle.executeUpdate(enforcementCaseTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }], updateId: 'decided' });
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [input.clock.dueDate, extended.dueDate] });
  });
});
