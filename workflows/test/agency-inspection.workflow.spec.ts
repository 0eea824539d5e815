import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  agencyInspectionStateQuery,
  agencyInspectionTransitionUpdate,
  agencyInspectionWorkflowId,
  type AgencyInspectionActivities,
  type AgencyInspectionWorkflowInput,
} from '../src/contracts/inspection.js';
import { agencyInspectionWorkflow } from '../src/agency-inspection.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv } from './test-server.js';

// An agency's own inspection (issue 13): reminded before the planned date, flagged overdue once after
// it when not sent, done when the backend relays that it was sent — on the time-skipping server.

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
});
afterAll(() => env?.teardown());

const actor = {
  userId: 'u-xw', username: 'xw.staff', displayName: '玄武区医保中心稽核科', roles: ['county_staff'],
  regionPath: '/32/3201/320102/', organizationId: 'agency-320102', organizationKind: 'agency' as const,
};

function recording() {
  const calls: { name: 'remind' | 'overdue'; at: number; inspectionId: string }[] = [];
  const activities: AgencyInspectionActivities = {
    async remindInspection({ inspectionId }) { calls.push({ name: 'remind', at: await env.currentTimeMs(), inspectionId }); },
    async markInspectionOverdue({ inspectionId }) { calls.push({ name: 'overdue', at: await env.currentTimeMs(), inspectionId }); },
  };
  return { calls, activities };
}

async function input(days: { remind: number | null; due: number }): Promise<AgencyInspectionWorkflowInput> {
  const t = await env.currentTimeMs();
  return {
    inspectionId: randomUUID(), actor,
    remindAt: days.remind === null ? null : new Date(t + days.remind * DAY).toISOString(), dueAt: new Date(t + days.due * DAY).toISOString(),
  };
}

async function run<T>(activities: AgencyInspectionActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `agency-inspection-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(fn(taskQueue));
}

it('sent before the planned date: done, neither reminded nor overdue', async () => {
  const { calls, activities } = recording();
  const args = await input({ remind: 5, due: 7 });
  const result = await run(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(agencyInspectionWorkflow, { taskQueue, workflowId: agencyInspectionWorkflowId(args.inspectionId), args: [args] });
    await env.sleep(DAY);
    const err = await handle.executeUpdate(agencyInspectionTransitionUpdate, { args: [{ action: 'bogus' } as never] }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await handle.query(agencyInspectionStateQuery)).toEqual({ sent: false, reminded: false, overdue: false });
    await handle.executeUpdate(agencyInspectionTransitionUpdate, { args: [{ action: 'sent', at: new Date().toISOString() }], updateId: 'outbox-1' });
    return handle.result();
  });
  expect(result).toEqual({ sent: true, reminded: false, overdue: false });
  expect(calls).toEqual([]);
});

it('not sent: reminded at its instant, overdue once after the planned date, done when sent late', async () => {
  const { calls, activities } = recording();
  const args = await input({ remind: 3, due: 5 });
  const result = await run(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(agencyInspectionWorkflow, { taskQueue, workflowId: agencyInspectionWorkflowId(args.inspectionId), args: [args] });
    await env.sleep(8 * DAY);
    expect(await handle.query(agencyInspectionStateQuery)).toEqual({ sent: false, reminded: true, overdue: true });
    await handle.executeUpdate(agencyInspectionTransitionUpdate, { args: [{ action: 'sent', at: new Date().toISOString() }] });
    return handle.result();
  });
  expect(result).toEqual({ sent: true, reminded: true, overdue: true });
  expect(calls.map((c) => c.name)).toEqual(['remind', 'overdue']);
  expect(calls[0]!.at).toBeGreaterThanOrEqual(Date.parse(args.remindAt!));
  expect(calls[1]!.at).toBeGreaterThanOrEqual(Date.parse(args.dueAt));
  expect(calls.every((c) => c.inspectionId === args.inspectionId)).toBe(true);
});
