import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  leadStateQuery,
  leadTransitionUpdate,
  leadWorkflowId,
  type LeadActivities,
  type LeadClock,
  type LeadWorkflowInput,
} from '../src/contracts/lead.js';
import { leadWorkflow } from '../src/lead.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv, History } from './test-server.js';

// A lead's clock (线索限时办结, issue 17) on the time-skipping server: reminders before the due day, the
// overdue flag (the backend tells the assigner) once per due day, an approved extension that replaces
// the clock (a fresh count for the new day), a stopped clock while the result is reported, a return
// after the day passed (flagged at once), and the end.

const DAY = 86_400_000;
const FIXTURE = new URL('./histories/lead-overdue-extension-end.json', import.meta.url);
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
});
afterAll(() => env?.teardown());

const actor = {
  userId: 'u-nhsa', username: 'nhsa.overseer', displayName: '国家医保局', roles: ['national_overseer'],
  regionPath: '/', organizationId: 'bureau-000000', organizationKind: 'bureau' as const,
};

type Call = { kind: 'remind' | 'overdue'; at: number; dueDate: string; leadId: string };
function recording() {
  const calls: Call[] = [];
  const activities: LeadActivities = {
    async remindLead({ leadId, dueDate }) { calls.push({ kind: 'remind', at: await env.currentTimeMs(), dueDate, leadId }); },
    async markLeadOverdue({ leadId, dueDate }) { calls.push({ kind: 'overdue', at: await env.currentTimeMs(), dueDate, leadId }); },
  };
  return { calls, activities };
}

/** A clock due `days` from now, with reminders `before` days ahead of it. */
async function clockIn(days: number, before: number[] = [5, 1]): Promise<LeadClock> {
  const now = await env.currentTimeMs();
  const dueAt = now + days * DAY;
  return {
    dueAt: new Date(dueAt).toISOString(), dueDate: new Date(dueAt - DAY).toISOString().slice(0, 10),
    remindAt: before.map((b) => dueAt - b * DAY).filter((t) => t > now).map((t) => new Date(t).toISOString()),
  };
}

async function run<T>(activities: LeadActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `lead-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(fn(taskQueue));
}

const start = (taskQueue: string, input: LeadWorkflowInput) =>
  env.client.workflow.start(leadWorkflow, { taskQueue, workflowId: leadWorkflowId(input.leadId), args: [input] });

it('closed in time: reminders before the due day, no overdue flag; ended by the acceptance', async () => {
  const { calls, activities } = recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await clockIn(20) };
  const result = await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    await env.sleep(17 * DAY);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    // Closed and reported: the clock stops; nothing fires past the due day.
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: { dueAt: null, dueDate: null, remindAt: [] } }], updateId: 'outbox-1' });
    await env.sleep(30 * DAY);
    expect((await handle.query(leadStateQuery)).overdue).toEqual([]);
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }], updateId: 'outbox-2' });
    return handle.result();
  });
  expect(result).toMatchObject({ ended: true, overdue: [] });
  expect(calls.map((c) => c.kind)).toEqual(['remind']);
  expect(calls.every((c) => c.leadId === input.leadId && c.dueDate === input.clock.dueDate)).toBe(true);
});

it('overdue: flagged once at the first instant after the due day; an approved extension starts a fresh count', async () => {
  const { calls, activities } = recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await clockIn(10) };
  const result = await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    await env.sleep(10 * DAY - 60_000);
    expect(calls.filter((c) => c.kind === 'overdue')).toEqual([]);
    await env.sleep(2 * 60_000);
    expect(calls.filter((c) => c.kind === 'overdue')).toHaveLength(1);
    expect(calls.at(-1)!.at).toBeGreaterThanOrEqual(Date.parse(input.clock.dueAt!));
    await env.sleep(5 * DAY);
    expect(calls.filter((c) => c.kind === 'overdue')).toHaveLength(1);
    // The assigner approves an extension of 8 more days.
    const extended = await clockIn(8, [1]);
    const state = await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: extended }], updateId: 'outbox-3' });
    expect(state.dueAt).toBe(extended.dueAt);
    // The same update relayed again (the outbox message id is the update id) changes nothing more.
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: extended }], updateId: 'outbox-3' });
    await env.sleep(9 * DAY);
    expect(calls.filter((c) => c.kind === 'overdue').map((c) => c.dueDate)).toEqual([input.clock.dueDate, extended.dueDate]);
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }], updateId: 'outbox-4' });
    const ended = await handle.result();
    // RECORD_HISTORIES=1 refreshes the replay fixture below after a deliberate workflow change.
    if (process.env.RECORD_HISTORIES === '1') {
      mkdirSync(new URL('./histories/', import.meta.url), { recursive: true });
      writeFileSync(FIXTURE, JSON.stringify(History.fromObject(await handle.fetchHistory()).toJSON(), null, 1));
    }
    return ended;
  });
  expect(result.overdue).toHaveLength(2);
  expect(calls.filter((c) => c.kind === 'remind').map((c) => c.dueDate)).toEqual([input.clock.dueDate, input.clock.dueDate, (result.overdue[1])]);
});

it('a result returned after the due day passed (clock stopped meanwhile) is flagged at once; a day is flagged only once', async () => {
  const { calls, activities } = recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await clockIn(6, []) };
  await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    await env.sleep(2 * DAY);
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: { dueAt: null, dueDate: null, remindAt: [] } }], updateId: 'closed' });
    await env.sleep(10 * DAY);
    expect(calls).toEqual([]);
    // Returned as unsatisfactory: the same due day, already past.
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: input.clock }], updateId: 'returned' });
    await env.sleep(60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['overdue', input.clock.dueDate]]);
    // Closed and returned again: the day was flagged already.
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: { dueAt: null, dueDate: null, remindAt: [] } }], updateId: 'closed-2' });
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'clock', at: new Date().toISOString(), clock: input.clock }], updateId: 'returned-2' });
    await env.sleep(DAY);
    expect(calls).toHaveLength(1);
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }], updateId: 'end' });
    await handle.result();
  });
});

it('refuses a malformed clock, an unknown action, anything after the end', async () => {
  const { activities } = recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await clockIn(30) };
  await run(activities, async (taskQueue) => {
    const handle = await start(taskQueue, input);
    const refused = (args: unknown) => handle.executeUpdate(leadTransitionUpdate, { args: [args as never] }).then(() => null, (e: unknown) => e);
    expect(await refused({ action: 'clock', at: 'x', clock: { dueAt: 'tomorrow', dueDate: null, remindAt: [] } })).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await refused({ action: 'bogus' })).toBeInstanceOf(WorkflowUpdateFailedError);
    await handle.executeUpdate(leadTransitionUpdate, { args: [{ action: 'ended', at: new Date().toISOString() }] });
    expect((await handle.result()).ended).toBe(true);
  });
  const bad = { ...input, leadId: randomUUID(), clock: { dueAt: 'soon', dueDate: null, remindAt: [] } };
  const err = await run(activities, (taskQueue) =>
    env.client.workflow.execute(leadWorkflow, { taskQueue, workflowId: leadWorkflowId(bad.leadId), args: [bad] }).then(() => null, (e: unknown) => e));
  expect(String((err as { cause?: { message?: string } }).cause?.message)).toContain('dueAt is not an instant');
});

it('replays the recorded history of "overdue → extension → overdue again → end" (determinism guard)', async () => {
  const history = History.fromObject(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle }, history, 'lead-replay')).resolves.toBeUndefined();
});
