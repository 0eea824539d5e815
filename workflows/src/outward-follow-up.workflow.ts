import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import {
  outwardFollowUpStateQuery, outwardFollowUpTransitionUpdate, type OutwardFollowUpActivities, type OutwardFollowUpWorkflowInput,
} from './contracts/outward-follow-up.js';
import type { DeadlineState } from './contracts/deadline-clock.js';
import { runDeadlineClock, validClock } from './deadline-clock.js';
import { nowIso } from './time.js';

const activities = proxyActivities<OutwardFollowUpActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One outward transfer's follow-up clock (issue 18), run by runDeadlineClock: started when the transfer is
 * sent, ended when the recipient's result is recorded. Each reminder runs `remindOutwardFollowUp`; the due
 * instant `markOutwardFollowUpOverdue`.
 */
export async function outwardFollowUpWorkflow(input: OutwardFollowUpWorkflowInput): Promise<DeadlineState> {
  const invalid = validClock(input?.clock);
  if (invalid) throw ApplicationFailure.nonRetryable(`outward follow-up input: ${invalid}`, 'InvalidOutwardFollowUpWorkflowInput');
  const step = { actor: input.actor, outwardTransferId: input.outwardTransferId };
  return runDeadlineClock('outward follow-up', input.clock, outwardFollowUpTransitionUpdate, outwardFollowUpStateQuery, {
    remind: (dueDate) => activities.remindOutwardFollowUp({ ...step, dueDate, at: nowIso() }),
    overdue: (dueDate) => activities.markOutwardFollowUpOverdue({ ...step, dueDate, at: nowIso() }),
  });
}
