import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import {
  leadStateQuery,
  leadTransitionUpdate,
  leadWorkflowId,
  type LeadActivities,
  type LeadWorkflowInput,
} from '../src/contracts/lead.js';
import { leadWorkflow } from '../src/lead.workflow.js';
import { History } from './test-server.js';
import { DAY, deadlineClockHarness, STOPPED_CLOCK } from './support/deadline-clock-harness.js';

// A lead's clock (线索限时办结, issue 17) on the time-skipping server: reminders before the due day, the
// overdue flag (the backend tells the assigner) once per due day, an approved extension that replaces
// the clock (a fresh count for the new day), a stopped clock while the result is reported, a return
// after the day passed (flagged at once), and the end.

const FIXTURE = new URL('./histories/lead-overdue-extension-end.json', import.meta.url);

const h = deadlineClockHarness<LeadWorkflowInput, LeadActivities>({
  queue: 'lead', workflow: leadWorkflow, update: leadTransitionUpdate, reminders: [5, 1],
  workflowId: (input) => leadWorkflowId(input.leadId),
  activities: (step) => ({
    remindLead: ({ leadId, dueDate }) => step('remind', leadId, dueDate),
    markLeadOverdue: ({ leadId, dueDate }) => step('overdue', leadId, dueDate),
  }),
});

const actor = {
  userId: 'u-nhsa', username: 'nhsa.overseer', displayName: '国家医保局', roles: ['national_overseer'],
  regionPath: '/', organizationId: 'bureau-000000', organizationKind: 'bureau' as const,
};

it('closed in time: reminders before the due day, no overdue flag; ended by the acceptance', async () => {
  const { calls, activities } = h.recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await h.clockIn(20) };
  const result = await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(17 * DAY);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    // Closed and reported: the clock stops; nothing fires past the due day.
    await h.setClock(handle, STOPPED_CLOCK, 'outbox-1');
    await h.sleep(30 * DAY);
    expect((await handle.query(leadStateQuery)).overdue).toEqual([]);
    await h.end(handle, 'outbox-2');
    return handle.result();
  });
  expect(result).toMatchObject({ ended: true, overdue: [] });
  expect(calls.map((c) => c.kind)).toEqual(['remind']);
  expect(calls.every((c) => c.id === input.leadId && c.dueDate === input.clock.dueDate)).toBe(true);
});

it('overdue: flagged once at the first instant after the due day; an approved extension starts a fresh count', async () => {
  const { calls, activities } = h.recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await h.clockIn(10) };
  const result = await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(10 * DAY - 60_000);
    expect(calls.filter((c) => c.kind === 'overdue')).toEqual([]);
    await h.sleep(2 * 60_000);
    expect(calls.filter((c) => c.kind === 'overdue')).toHaveLength(1);
    expect(calls.at(-1)!.at).toBeGreaterThanOrEqual(Date.parse(input.clock.dueAt!));
    await h.sleep(5 * DAY);
    expect(calls.filter((c) => c.kind === 'overdue')).toHaveLength(1);
    // The assigner approves an extension of 8 more days.
    const extended = await h.clockIn(8, [1]);
    const state = await h.setClock(handle, extended, 'outbox-3');
    expect(state.dueAt).toBe(extended.dueAt);
    // The same update relayed again (the outbox message id is the update id) changes nothing more.
    await h.setClock(handle, extended, 'outbox-3');
    await h.sleep(9 * DAY);
    expect(calls.filter((c) => c.kind === 'overdue').map((c) => c.dueDate)).toEqual([input.clock.dueDate, extended.dueDate]);
    await h.end(handle, 'outbox-4');
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
  const { calls, activities } = h.recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await h.clockIn(6, []) };
  await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(2 * DAY);
    await h.setClock(handle, STOPPED_CLOCK, 'closed');
    await h.sleep(10 * DAY);
    expect(calls).toEqual([]);
    // Returned as unsatisfactory: the same due day, already past.
    await h.setClock(handle, input.clock, 'returned');
    await h.sleep(60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['overdue', input.clock.dueDate]]);
    // Closed and returned again: the day was flagged already.
    await h.setClock(handle, STOPPED_CLOCK, 'closed-2');
    await h.setClock(handle, input.clock, 'returned-2');
    await h.sleep(DAY);
    expect(calls).toHaveLength(1);
    await h.end(handle, 'end');
    await handle.result();
  });
});

it('refuses a malformed clock, an unknown action, anything after the end', async () => {
  const { activities } = h.recording();
  const input: LeadWorkflowInput = { leadId: randomUUID(), actor, clock: await h.clockIn(30) };
  await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    const refused = (args: unknown) => handle.executeUpdate(leadTransitionUpdate, { args: [args as never] }).then(() => null, (e: unknown) => e);
    expect(await refused({ action: 'clock', at: 'x', clock: { dueAt: 'tomorrow', dueDate: null, remindAt: [] } })).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await refused({ action: 'bogus' })).toBeInstanceOf(WorkflowUpdateFailedError);
    await h.end(handle);
    expect((await handle.result()).ended).toBe(true);
  });
  const bad = { ...input, leadId: randomUUID(), clock: { dueAt: 'soon', dueDate: null, remindAt: [] } };
  const err = await h.run(activities, (taskQueue) =>
    h.env.client.workflow.execute(leadWorkflow, { taskQueue, workflowId: leadWorkflowId(bad.leadId), args: [bad] }).then(() => null, (e: unknown) => e));
  expect(String((err as { cause?: { message?: string } }).cause?.message)).toContain('dueAt is not an instant');
});

it('replays the recorded history of "overdue → extension → overdue again → end" (determinism guard)', async () => {
  const history = History.fromObject(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle: h.workflowBundle }, history, 'lead-replay')).resolves.toBeUndefined();
});
