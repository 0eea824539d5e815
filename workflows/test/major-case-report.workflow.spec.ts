import { randomUUID } from 'node:crypto';
import {
  majorCaseReportTransitionUpdate, majorCaseReportWorkflowId, type MajorCaseReportActivities, type MajorCaseReportWorkflowInput,
} from '../src/contracts/major-case-report.js';
import { majorCaseReportWorkflow } from '../src/major-case-report.workflow.js';
import { DAY, deadlineClockHarness } from './support/deadline-clock-harness.js';

// A major-case report's clock (issue 18 part 2) on the time-skipping server: due 7 calendar days after the
// police transfer, the reminder on day 5, overdue once at the first instant after day 7; the bureau's
// submission ends it (nothing fires afterwards).

const h = deadlineClockHarness<MajorCaseReportWorkflowInput, MajorCaseReportActivities>({
  queue: 'mcr', workflow: majorCaseReportWorkflow, update: majorCaseReportTransitionUpdate, reminders: [3],
  workflowId: (input) => majorCaseReportWorkflowId(input.reportId),
  activities: (step) => ({
    remindMajorCaseReport: ({ reportId, dueDate }) => step('remind', reportId, dueDate),
    markMajorCaseReportOverdue: ({ reportId, dueDate }) => step('overdue', reportId, dueDate),
  }),
});

const actor = {
  userId: 'u-xwb1', username: 'xw.bureau', displayName: '玄武医保局', roles: ['county_staff'],
  regionPath: '/32/3201/320102/', organizationId: 'bureau-320102', organizationKind: 'bureau' as const,
};

/** The clock the backend sends (MajorCaseReport.clock): opened now, due day 7 (overdue from the start of day 8), reminded on day 5. */
const sevenDays = () => h.clockIn(8, [3]);

it('not submitted: reminded on day 5, overdue once after day 7 (not before), then nothing more', async () => {
  const { calls, activities } = h.recording();
  const input: MajorCaseReportWorkflowInput = { reportId: randomUUID(), actor, clock: await sevenDays() };
  await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(5 * DAY - 60_000);
    expect(calls).toEqual([]);
    await h.sleep(2 * 60_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    await h.sleep(3 * DAY - 5 * 60_000);
    expect(calls.map((c) => c.kind)).toEqual(['remind']);
    await h.sleep(10 * 60_000);
    expect(calls.map((c) => [c.kind, c.dueDate])).toEqual([['remind', input.clock.dueDate], ['overdue', input.clock.dueDate]]);
    await h.sleep(5 * DAY);
    expect(calls).toHaveLength(2);
    await h.end(handle, 'submitted');
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [input.clock.dueDate] });
  });
  expect(calls.every((c) => c.id === input.reportId)).toBe(true);
});

it('submitted on day 3: no reminder, no overdue', async () => {
  const { calls, activities } = h.recording();
  const input: MajorCaseReportWorkflowInput = { reportId: randomUUID(), actor, clock: await sevenDays() };
  const result = await h.run(activities, async (taskQueue) => {
    const handle = await h.start(taskQueue, input);
    await h.sleep(3 * DAY);
    await h.end(handle, 'submitted');
    return handle.result();
  });
  expect(result).toMatchObject({ ended: true, reminded: [], overdue: [] });
  expect(calls).toEqual([]);
});
