import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import {
  enforcementCaseStateQuery, enforcementCaseTransitionUpdate, type EnforcementCaseActivities, type EnforcementCaseWorkflowInput,
} from './contracts/enforcement.js';
import type { DeadlineState } from './contracts/deadline-clock.js';
import { runDeadlineClock, validClock } from './deadline-clock.js';
import { nowIso } from './time.js';

const activities = proxyActivities<EnforcementCaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One enforcement case's closure clock (issue 18), run by runDeadlineClock: started at 立案, a new clock
 * on an approved extension, ended by the decision. Reminders run `remindEnforcementCase`; the due
 * instant `markEnforcementCaseOverdue`.
 */
export async function enforcementCaseWorkflow(input: EnforcementCaseWorkflowInput): Promise<DeadlineState> {
  const invalid = validClock(input?.clock);
  if (invalid) throw ApplicationFailure.nonRetryable(`enforcement case input: ${invalid}`, 'InvalidEnforcementCaseWorkflowInput');
  const step = { actor: input.actor, caseId: input.caseId };
  return runDeadlineClock('enforcement case', input.clock, enforcementCaseTransitionUpdate, enforcementCaseStateQuery, {
    remind: (dueDate) => activities.remindEnforcementCase({ ...step, dueDate, at: nowIso() }),
    overdue: (dueDate) => activities.markEnforcementCaseOverdue({ ...step, dueDate, at: nowIso() }),
  });
}
