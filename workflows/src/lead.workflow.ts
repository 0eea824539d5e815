import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { leadStateQuery, leadTransitionUpdate, type LeadActivities, type LeadWorkflowInput, type LeadWorkflowState } from './contracts/lead.js';
import { runDeadlineClock, validClock } from './deadline-clock.js';
import { nowIso } from './time.js';

// As for the other workflows: the activities run the backend's idempotent commands (keyed by the lead
// and the due day), retried with no attempt limit.
const activities = proxyActivities<LeadActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One lead's clock (线索限时办结, issue 17), run by runDeadlineClock. The backend sends the clock as it
 * stands after every change (registration, assignment down the tree, an approved extension, a close, a
 * return): the due instant, its day and the reminder instants before it, or a stopped clock while the
 * lead is closed or reported. Reminders run `remindLead`; the due instant `markLeadOverdue` (the backend
 * flags it and tells the assigner). 'ended' (dismissed, accepted, or an own lead closed) completes it.
 */
export async function leadWorkflow(input: LeadWorkflowInput): Promise<LeadWorkflowState> {
  const invalid = validClock(input?.clock);
  if (invalid) throw ApplicationFailure.nonRetryable(`lead input: ${invalid}`, 'InvalidLeadWorkflowInput');
  const step = { actor: input.actor, leadId: input.leadId };
  return runDeadlineClock('lead', input.clock, leadTransitionUpdate, leadStateQuery, {
    remind: (dueDate) => activities.remindLead({ ...step, dueDate, at: nowIso() }),
    overdue: (dueDate) => activities.markLeadOverdue({ ...step, dueDate, at: nowIso() }),
  });
}
