import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  spotCheckStateQuery,
  spotCheckTransitionUpdate,
  type SpotCheckActivities,
  type SpotCheckTransition,
  type SpotCheckWorkflowInput,
  type SpotCheckWorkflowState,
} from './contracts/campaign.js';
import { instantOf, waitUntil, isInstant } from './time.js';

// As for the other workflows: the activities run the backend's idempotent commands, retried with no
// attempt limit; while one is being retried, updates keep being applied.
const activities = proxyActivities<SpotCheckActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Why the transition is refused, or null. Pure (validators never run on replay). */
function refusal(t: SpotCheckTransition, state: SpotCheckWorkflowState): string | null {
  const action = (t as { action?: unknown } | null)?.action;
  if (action !== 'inspection_sent') return `spot-check transition refused: unknown action '${String(action)}'`;
  if (typeof t.inspectionId !== 'string' || t.inspectionId === '') {
    return `spot-check transition refused: cannot 'inspection_sent': inspectionId must be a non-empty string (${JSON.stringify(t.inspectionId)})`;
  }
  if (!isInstant(t.at)) {
    return `spot-check transition refused: cannot 'inspection_sent' inspection '${t.inspectionId}': at is not an instant (${JSON.stringify(t.at)})`;
  }
  if (state.done) {
    return `spot-check transition refused: cannot 'inspection_sent' inspection '${t.inspectionId}': all ${state.inspections} inspections have been sent`;
  }
  return null;
}

/**
 * One province spot-check after its draw (抽查, seed 003 一(一)): reminds the province before the due
 * date (3 working days before, computed by the backend), flags the inspections not sent by then as
 * overdue (once), and mirrors each `inspection_sent` the backend relays. It completes as soon as every
 * drawn inspection has been sent — before the due date (then nothing is flagged) or after it (the
 * overdue flag stays: it records lateness).
 *
 * History is bounded: two timers, two activities at most, one update per inspection (a province
 * draws tens to a few hundred providers).
 */
export async function spotCheckWorkflow(input: SpotCheckWorkflowInput): Promise<SpotCheckWorkflowState> {
  const state: SpotCheckWorkflowState = { sent: 0, inspections: input.inspections, overdue: false, done: input.inspections <= 0 };
  const sentIds = new Set<string>();
  const snapshot = (): SpotCheckWorkflowState => ({ ...state });

  // Handlers are set before the first await so that updates delivered with the start are applied.
  setHandler(
    spotCheckTransitionUpdate,
    // Synchronous, so nothing can run between the validator's check and the change. Relay retries
    // carry the same update id: Temporal returns the first outcome without running this again.
    (t) => {
      // An inspection is sent once: the same id again (a retry under another update id) changes nothing.
      if (!sentIds.has(t.inspectionId)) {
        sentIds.add(t.inspectionId);
        state.sent = sentIds.size;
        if (state.sent >= state.inspections) state.done = true;
      }
      return snapshot();
    },
    {
      validator: (t) => {
        const reason = refusal(t, state);
        if (reason) throw new Error(reason);
      },
    },
  );
  setHandler(spotCheckStateQuery, snapshot);

  const dueAt = instantOf(input.dueAt, 'dueAt', 'spot-check input', 'InvalidSpotCheckInput');
  const remindAt = input.remindAt == null ? null : instantOf(input.remindAt, 'remindAt', 'spot-check input', 'InvalidSpotCheckInput');
  const step = { actor: input.actor, spotCheckId: input.spotCheckId };
  const allSent = () => state.done;

  if (remindAt !== null && remindAt < dueAt && !(await waitUntil(allSent, remindAt))) {
    await activities.remindSpotCheckDue(step);
  }
  if (!(await waitUntil(allSent, dueAt))) {
    await activities.markSpotCheckOverdue(step);
    // Records lateness: stays set when the remaining inspections are sent.
    state.overdue = true;
    await condition(allSent);
  }
  return snapshot();
}
