import { randomUUID } from 'node:crypto';
import {
  outwardFollowUpTransitionUpdate, outwardFollowUpWorkflowId, type OutwardFollowUpActivities, type OutwardFollowUpWorkflowInput,
} from '../src/contracts/outward-follow-up.js';
import { outwardFollowUpWorkflow } from '../src/outward-follow-up.workflow.js';
import { DAY, deadlineClockHarness } from './support/deadline-clock-harness.js';

// An outward transfer's follow-up clock (issue 18 part 2) on the time-skipping server: the recipient's result is
// due 30 calendar days after the notice, reminders 7 days and 1 day before the due day, overdue once at the
// first instant after it; recording the result ends it (nothing fires afterwards). A notice dated far enough
// back is overdue at once.

const h = deadlineClockHarness<OutwardFollowUpWorkflowInput, OutwardFollowUpActivities>({
  queue: 'outward', workflow: outwardFollowUpWorkflow, update: outwardFollowUpTransitionUpdate, reminders: [8, 2],
  workflowId: (input) => outwardFollowUpWorkflowId(input.outwardTransferId),
  activities: (step) => ({
    remindOutwardFollowUp: ({ outwardTransferId, dueDate }) => step('remind', outwardTransferId, dueDate),
    markOutwardFollowUpOverdue: ({ outwardTransferId, dueDate }) => step('overdue', outwardTransferId, dueDate),
  }),
});

const actor = {
  userId: 'u-xwb1', username: 'xw.bureau', displayName: '玄武医保局', roles: ['county_staff'],
  regionPath: '/32/3201/320102/', organizationId: 'bureau-320102', organizationKind: 'bureau' as const,
};

/** The clock the backend sends (OutwardTransfer.clock): sent now, due day 30 (overdue from the start of day 31), reminded on days 23 and 29. */
const thirtyDays = () => h.clockIn(31, [8, 2]);

it('no result: reminded 7 days and 1 day before the due day, overdue once after it (not before), then nothing more', async () => {
  const { calls, activities } = h.recording();
  const input: OutwardFollowUpWorkflowInput = { outwardTransferId: randomUUID(), actor, clock: await thirtyDays() };
  await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(23 * DAY - 60_000);
    expect(calls).toEqual([]);
    await h.sleep(2 * 60_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    await h.sleep(6 * DAY);
    expect(calls.map((c) => c.kind)).toEqual(['remind', 'remind']);
    await h.sleep(2 * DAY - 5 * 60_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind', 'remind']);
    await h.sleep(10 * 60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['remind', input.clock.dueDate], ['remind', input.clock.dueDate], ['overdue', input.clock.dueDate]]);
    await h.sleep(20 * DAY);
    expect(calls).toHaveLength(3);
    await h.end(handle, 'result-recorded');
    expect(await handle.result()).toMatchObject({ ended: true, reminded: input.clock.remindAt, overdue: [input.clock.dueDate] });
  });
  expect(calls.every((c) => c.id === input.outwardTransferId)).toBe(true);
});

it('result recorded on day 10: no reminder, no overdue; a second end is refused', async () => {
  const { calls, activities } = h.recording();
  const input: OutwardFollowUpWorkflowInput = { outwardTransferId: randomUUID(), actor, clock: await thirtyDays() };
  const result = await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(10 * DAY);
    await h.end(handle, 'result-recorded');
    const state = await handle.result();
    await expect(h.end(handle, 'again')).rejects.toThrow();
    return state;
  });
  expect(result).toMatchObject({ ended: true, reminded: [], overdue: [] });
  expect(calls).toEqual([]);
});

it('a notice dated before the follow-up window: overdue at once, no reminder', async () => {
  const { calls, activities } = h.recording();
  const input: OutwardFollowUpWorkflowInput = { outwardTransferId: randomUUID(), actor, clock: await h.clockIn(-1, [8, 2]) };
  expect(input.clock.remindAt).toEqual([]);
  await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['overdue', input.clock.dueDate]]);
    await h.end(handle, 'result-recorded');
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [input.clock.dueDate] });
  });
});
