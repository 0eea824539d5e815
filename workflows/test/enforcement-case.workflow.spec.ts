import { randomUUID } from 'node:crypto';
import {
  enforcementCaseTransitionUpdate,
  enforcementCaseWorkflowId,
  type EnforcementCaseActivities,
  type EnforcementCaseWorkflowInput,
} from '../src/contracts/enforcement.js';
import { enforcementCaseWorkflow } from '../src/enforcement-case.workflow.js';
import { DAY, deadlineClockHarness } from './support/deadline-clock-harness.js';

// An enforcement case's closure clock (issue 18) on the time-skipping server: 90 days from 立案 with
// reminders 15, 5 and 1 days before; overdue once at the first instant after the due day; a leader's
// extension replaces the clock; the decision ends it (nothing fires afterwards).

const h = deadlineClockHarness<EnforcementCaseWorkflowInput, EnforcementCaseActivities>({
  queue: 'enforcement', workflow: enforcementCaseWorkflow, update: enforcementCaseTransitionUpdate, reminders: [15, 5, 1],
  workflowId: (input) => enforcementCaseWorkflowId(input.caseId),
  activities: (step) => ({
    remindEnforcementCase: ({ caseId, dueDate }) => step('remind', caseId, dueDate),
    markEnforcementCaseOverdue: ({ caseId, dueDate }) => step('overdue', caseId, dueDate),
  }),
});

const actor = {
  userId: 'u-xwld', username: 'xw.leader', displayName: '周文斌', roles: ['leader'],
  regionPath: '/32/3201/320102/', organizationId: 'bureau-320102', organizationKind: 'bureau' as const,
};

it('decided in time: three reminders (15, 5, 1 days before), no overdue; the decision ends the clock', async () => {
  const { calls, activities } = h.recording();
  const input: EnforcementCaseWorkflowInput = { caseId: randomUUID(), actor, clock: await h.clockIn(90) };
  const result = await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(74 * DAY);
    expect(calls).toEqual([]);
    await h.sleep(2 * DAY);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    await h.sleep(13 * DAY + 3_600_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind', 'remind', 'remind']);
    await h.end(handle, 'decided');
    return handle.result();
  });
  expect(result).toMatchObject({ ended: true, overdue: [] });
  expect(calls.every((c) => c.id === input.caseId && c.dueDate === input.clock.dueDate)).toBe(true);
});

it('overdue once after the due day; a leader\'s extension starts a fresh count; the decision ends it', async () => {
  const { calls, activities } = h.recording();
  const input: EnforcementCaseWorkflowInput = { caseId: randomUUID(), actor, clock: await h.clockIn(90, []) };
  await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(90 * DAY - 60_000);
    expect(calls).toEqual([]);
    await h.sleep(2 * 60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['overdue', input.clock.dueDate]]);
    await h.sleep(3 * DAY);
    expect(calls).toHaveLength(1);
    const extended = await h.clockIn(30, [5]);
    const state = await h.setClock(handle, extended, 'extended');
    expect(state.dueAt).toBe(extended.dueAt);
    await h.sleep(31 * DAY);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['overdue', input.clock.dueDate], ['remind', extended.dueDate], ['overdue', extended.dueDate]]);
    await h.end(handle, 'decided');
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [input.clock.dueDate, extended.dueDate] });
  });
});
