import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  agencyInspectionStateQuery,
  agencyInspectionTransitionUpdate,
  type AgencyInspectionActivities,
  type AgencyInspectionWorkflowInput,
  type AgencyInspectionWorkflowState,
} from './contracts/inspection.js';
import { instantOf, waitUntil } from './time.js';

// As for the other workflows: the activities run the backend's idempotent commands, retried with no
// attempt limit.
const activities = proxyActivities<AgencyInspectionActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One agency inspection from its scheduling to its result (seed 003 一(一); docs/api/agency-inspections.md):
 * reminds the team before the planned date, flags it overdue (once) when the result has not been
 * sent by the end of that day, and completes when the backend relays that it was sent. History is
 * bounded: two timers, two activities, one update.
 */
export async function agencyInspectionWorkflow(input: AgencyInspectionWorkflowInput): Promise<AgencyInspectionWorkflowState> {
  const state: AgencyInspectionWorkflowState = { sent: false, reminded: false, overdue: false };
  const snapshot = (): AgencyInspectionWorkflowState => ({ ...state });
  setHandler(agencyInspectionTransitionUpdate, () => {
    state.sent = true;
    return snapshot();
  }, {
    validator: (t) => {
      if ((t as { action?: unknown } | null)?.action !== 'sent') throw new Error(`agency inspection transition refused: unknown action '${String((t as { action?: unknown } | null)?.action)}'`);
    },
  });
  setHandler(agencyInspectionStateQuery, snapshot);

  const dueAt = instantOf(input.dueAt, 'dueAt', 'agency inspection input', 'InvalidInspectionInput');
  const remindAt = input.remindAt == null ? null : instantOf(input.remindAt, 'remindAt', 'agency inspection input', 'InvalidInspectionInput');
  const step = { actor: input.actor, inspectionId: input.inspectionId };
  const sent = () => state.sent;
  if (remindAt !== null && remindAt < dueAt && !(await waitUntil(sent, remindAt))) {
    await activities.remindInspection({ ...step, at: new Date().toISOString() });
    state.reminded = true;
  }
  if (!(await waitUntil(sent, dueAt))) {
    await activities.markInspectionOverdue({ ...step, at: new Date().toISOString() });
    state.overdue = true;
    await condition(sent);
  }
  return snapshot();
}
