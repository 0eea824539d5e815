import { proxyActivities, setHandler } from '@temporalio/workflow';
import {
  annualPlanStateQuery,
  PLAN_STATUS_AFTER,
  PLAN_TRANSITIONS,
  planTransitionUpdate,
  planWithdrawnSignal,
  type AnnualPlanActivities,
  type AnnualPlanWorkflowInput,
  type AnnualPlanWorkflowState,
  type PlanStatus,
  type PlanTransition,
} from './contracts/annual-plan.js';
import { instantOf, waitUntil } from './time.js';

// The activities run the backend's commands, which are idempotent (keyed by plan and step), so
// retrying them is always safe. No attempt limit: each step must eventually happen (the year must
// close); while one is being retried, plan transitions keep being applied. A step delayed past the
// next instant simply makes that instant fire at once afterwards.
const activities = proxyActivities<AnnualPlanActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Statuses in which the plan has reached the level above (reminders and overdue no longer apply). */
const SUBMITTED_OR_LATER: readonly PlanStatus[] = ['submitted', 'forwarded', 'filed', 'closed'];

/**
 * Why the transition is refused in the given situation, or null when it is allowed. Pure: the
 * update validator uses it (validators run only when an update arrives, never on replay).
 */
function refusal(
  transition: PlanTransition,
  status: PlanStatus,
  situation: { yearClosed: boolean; withdrawn: boolean },
): string | null {
  const action = transition?.action;
  const allowedFrom = Object.prototype.hasOwnProperty.call(PLAN_TRANSITIONS, action)
    ? PLAN_TRANSITIONS[action]
    : undefined;
  if (!allowedFrom) return `plan transition refused: unknown action '${String(action)}' (status '${status}')`;
  if (situation.yearClosed) {
    return `plan transition refused: cannot '${action}' in status '${status}': the plan year has closed`;
  }
  if (situation.withdrawn) {
    return `plan transition refused: cannot '${action}' in status '${status}': the plan has been withdrawn`;
  }
  if (!allowedFrom.includes(status)) {
    return `plan transition refused: cannot '${action}' in status '${status}' (allowed from: ${allowedFrom.join(', ')})`;
  }
  return null;
}

/**
 * One unit's annual supervision plan for one year (seed 002 一(一)): mirrors the status committed by
 * the backend (validating each transition), reminds before the 15 May deadline, flags the plan
 * overdue on 16 May when it was never submitted, and closes the year on 1 January.
 *
 * History stays bounded: a fixed number of timers and activities, plus one accepted update per
 * committed transition. No periodic behaviour, so no continue-as-new (which would also lose
 * Temporal's deduplication of relay retries by update id).
 */
export async function annualPlanWorkflow(input: AnnualPlanWorkflowInput): Promise<AnnualPlanWorkflowState> {
  const state: AnnualPlanWorkflowState = {
    status: input.status,
    overdue: false,
    remindersSent: 0,
    submissions: 0,
    returns: 0,
    closed: input.status === 'closed',
  };
  let yearClosed = state.closed; // set when closeAt is reached, before closePlanYear runs
  let withdrawn = false;

  // Handlers are set before the first await so that updates delivered with the start are applied.
  setHandler(
    planTransitionUpdate,
    // Synchronous, so nothing can run between the validator's check and the change; deterministic
    // (it depends only on the state and the transition), so replay rebuilds the same state.
    // Relay retries carry the same update id: Temporal returns the first outcome without running
    // this again.
    (transition) => {
      state.status = PLAN_STATUS_AFTER[transition.action];
      if (transition.action === 'submit') state.submissions += 1;
      if (transition.action === 'return') state.returns += 1;
      return { ...state };
    },
    {
      validator: (transition) => {
        const reason = refusal(transition, state.status, { yearClosed, withdrawn });
        if (reason) throw new Error(reason);
      },
    },
  );
  setHandler(planWithdrawnSignal, () => {
    withdrawn = true;
  });
  setHandler(annualPlanStateQuery, () => ({ ...state }));

  if (state.closed) return { ...state };

  const remindAt = input.deadline.remindAt.map((iso, i) => instantOf(iso, `remindAt[${i}]`, 'annual plan input', 'InvalidPlanInput'));
  const overdueAt = instantOf(input.deadline.overdueAt, 'overdueAt', 'annual plan input', 'InvalidPlanInput');
  const closeAt = instantOf(input.deadline.closeAt, 'closeAt', 'annual plan input', 'InvalidPlanInput');

  // Once the plan has reached the level above, the deadline is met for good: a plan returned
  // afterwards (even past 16 May) is neither reminded nor flagged overdue.
  const submitted = () => state.submissions > 0 || SUBMITTED_OR_LATER.includes(state.status);
  const deadlineSettled = () => withdrawn || submitted();

  for (const [reminder, at] of remindAt.entries()) {
    if (await waitUntil(deadlineSettled, at)) break;
    await activities.remindPlanDue({ actor: input.actor, planId: input.planId, reminder });
    state.remindersSent += 1;
  }
  if (!withdrawn && !(await waitUntil(deadlineSettled, overdueAt))) {
    await activities.markPlanOverdue({ actor: input.actor, planId: input.planId });
    // Records lateness: stays set when the plan is submitted later.
    state.overdue = true;
  }
  if (withdrawn || (await waitUntil(() => withdrawn, closeAt))) return { ...state };

  yearClosed = true;
  await activities.closePlanYear({ actor: input.actor, planId: input.planId });
  state.status = 'closed';
  state.closed = true;
  return { ...state };
}
