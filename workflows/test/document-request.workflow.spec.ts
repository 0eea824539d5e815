import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  documentRequestStateQuery,
  documentRequestTransitionUpdate,
  documentRequestWorkflowId,
  type DocumentRequestActivities,
  type DocumentRequestWorkflowInput,
} from '../src/contracts/inspection.js';
import { documentRequestWorkflow } from '../src/document-request.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv } from './test-server.js';

// A document request of an inspection (调取资料, issue 13 §3): answered before its due day, it is
// done without an overdue flag; not answered, it is flagged overdue once at the first instant after
// the due day and done when the backend relays the (late) answer — on the time-skipping server.

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
  const calls: { at: number; requestId: string; username: string }[] = [];
  const activities: DocumentRequestActivities = {
    async markDocumentRequestOverdue({ requestId, actor: a }) { calls.push({ at: await env.currentTimeMs(), requestId, username: a.username }); },
  };
  return { calls, activities };
}

async function input(dueInDays: number): Promise<DocumentRequestWorkflowInput> {
  const t = await env.currentTimeMs();
  return { requestId: randomUUID(), inspectionId: randomUUID(), actor, dueAt: new Date(t + dueInDays * DAY).toISOString() };
}

async function run<T>(activities: DocumentRequestActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `document-request-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(fn(taskQueue));
}

it('answered before the due day: done, never overdue', async () => {
  const { calls, activities } = recording();
  const args = await input(5);
  const result = await run(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(documentRequestWorkflow, { taskQueue, workflowId: documentRequestWorkflowId(args.requestId), args: [args] });
    await env.sleep(2 * DAY);
    const err = await handle.executeUpdate(documentRequestTransitionUpdate, { args: [{ action: 'bogus' } as never] }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await handle.query(documentRequestStateQuery)).toEqual({ answered: false, overdue: false });
    await handle.executeUpdate(documentRequestTransitionUpdate, { args: [{ action: 'answered', at: new Date().toISOString() }], updateId: 'outbox-1' });
    return handle.result();
  });
  expect(result).toEqual({ answered: true, overdue: false });
  expect(calls).toEqual([]);
});

it('not answered: overdue once after the due day, done when the late answer is relayed', async () => {
  const { calls, activities } = recording();
  const args = await input(3);
  const result = await run(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(documentRequestWorkflow, { taskQueue, workflowId: documentRequestWorkflowId(args.requestId), args: [args] });
    await env.sleep(2 * DAY);
    expect(await handle.query(documentRequestStateQuery)).toEqual({ answered: false, overdue: false });
    await env.sleep(10 * DAY);
    expect(await handle.query(documentRequestStateQuery)).toEqual({ answered: false, overdue: true });
    // The same update relayed twice (the outbox message id is the update id) changes nothing more.
    const at = new Date().toISOString();
    await handle.executeUpdate(documentRequestTransitionUpdate, { args: [{ action: 'answered', at }], updateId: 'outbox-7' });
    await handle.executeUpdate(documentRequestTransitionUpdate, { args: [{ action: 'answered', at }], updateId: 'outbox-7' });
    return handle.result();
  });
  expect(result).toEqual({ answered: true, overdue: true });
  expect(calls).toHaveLength(1);
  expect(calls[0]!.at).toBeGreaterThanOrEqual(Date.parse(args.dueAt));
  expect(calls[0]).toMatchObject({ requestId: args.requestId, username: 'xw.staff' });
});

it('an unreadable due instant fails the workflow without retrying', async () => {
  const { activities } = recording();
  const args = { ...(await input(1)), dueAt: 'tomorrow' };
  const err = await run(activities, async (taskQueue) =>
    env.client.workflow.execute(documentRequestWorkflow, { taskQueue, workflowId: documentRequestWorkflowId(args.requestId), args: [args] }).then(() => null, (e: unknown) => e));
  expect(String((err as { cause?: { message?: string } }).cause?.message)).toContain('dueAt is not an instant');
});
