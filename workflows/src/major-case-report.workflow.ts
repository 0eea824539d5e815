import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import {
  majorCaseReportStateQuery, majorCaseReportTransitionUpdate, type MajorCaseReportActivities, type MajorCaseReportWorkflowInput,
} from './contracts/major-case-report.js';
import type { DeadlineState } from './contracts/deadline-clock.js';
import { runDeadlineClock, validClock } from './deadline-clock.js';
import { nowIso } from './time.js';

const activities = proxyActivities<MajorCaseReportActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One major-case report's 7-day clock (issue 18), run by runDeadlineClock: started when the report opens,
 * ended by the bureau's submission. The day-5 reminder runs `remindMajorCaseReport`; the due instant
 * `markMajorCaseReportOverdue`.
 */
export async function majorCaseReportWorkflow(input: MajorCaseReportWorkflowInput): Promise<DeadlineState> {
  const invalid = validClock(input?.clock);
  if (invalid) throw ApplicationFailure.nonRetryable(`major-case report input: ${invalid}`, 'InvalidMajorCaseReportWorkflowInput');
  const step = { actor: input.actor, reportId: input.reportId };
  return runDeadlineClock('major-case report', input.clock, majorCaseReportTransitionUpdate, majorCaseReportStateQuery, {
    remind: (dueDate) => activities.remindMajorCaseReport({ ...step, dueDate, at: nowIso() }),
    overdue: (dueDate) => activities.markMajorCaseReportOverdue({ ...step, dueDate, at: nowIso() }),
  });
}
