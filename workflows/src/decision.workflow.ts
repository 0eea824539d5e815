import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  decisionStateQuery,
  decisionTransitionUpdate,
  type DecisionTransition,
  type DecisionWorkflowInput,
  type DecisionWorkflowState,
  type DecisionWorkflowStatus,
} from './contracts/findings.js';
import { actionOf, activities, has, instant } from './findings-common.js';
import { isInstant, waitUntil } from './time.js';

// ---------------------------------------------------------------------------------------------
// Handling decisions (协议处理) and their rectification (整改)
// ---------------------------------------------------------------------------------------------

type DecisionAction = DecisionTransition['action'];

const DECISION_STATUSES: readonly DecisionWorkflowStatus[] = ['pending_legal_review', 'effective', 'rectifying', 'rectification_submitted', 'closed'];

/** Statuses in which each transition may arrive ('rectification_submitted' also needs a deadline in 'effective'). */
const DECISION_TRANSITIONS: Record<DecisionAction, readonly DecisionWorkflowStatus[]> = {
  legal_review: ['pending_legal_review'],
  rectification_submitted: ['rectifying', 'effective'],
  rectification_reviewed: ['rectification_submitted'],
};

/** The status a legal review leads to: approved, the decision takes effect; refused, it is closed. */
const AFTER_LEGAL_REVIEW: Record<'approved' | 'refused', readonly DecisionWorkflowStatus[]> = {
  approved: ['effective', 'rectifying'],
  refused: ['closed'],
};

/**
 * Why the transition is refused, or null when it is allowed. Pure (state and transition only): the
 * update validator uses it, and validators run only when an update arrives, never on replay.
 */
function decisionRefusal(t: DecisionTransition, status: DecisionWorkflowStatus, rectificationDueAt: number | null): string | null {
  const action = actionOf(t);
  if (!has(DECISION_TRANSITIONS, action)) return `decision transition refused: unknown action '${String(action)}' (status '${status}')`;
  if (!isInstant(t.at)) return `decision transition refused: cannot '${String(action)}': at is not an instant (${JSON.stringify(t.at)})`;
  if (status === 'closed') return `decision transition refused: cannot '${String(action)}': the decision is closed`;
  if (!DECISION_TRANSITIONS[action as DecisionAction].includes(status)) {
    return `decision transition refused: cannot '${String(action)}' in status '${status}'`;
  }
  switch (t.action) {
    case 'legal_review': {
      if (typeof t.approved !== 'boolean') return `decision transition refused: cannot 'legal_review': approved must be true or false (${JSON.stringify(t.approved)})`;
      const allowed = AFTER_LEGAL_REVIEW[t.approved ? 'approved' : 'refused'];
      if (!allowed.includes(t.status)) {
        return `decision transition refused: cannot 'legal_review': ${t.approved ? 'an approved' : 'a refused'} decision becomes ${allowed.map((s) => `'${s}'`).join(' or ')}, not ${JSON.stringify(t.status)}`;
      }
      return null;
    }
    case 'rectification_submitted':
      if (status === 'effective' && rectificationDueAt === null) {
        return `decision transition refused: cannot 'rectification_submitted' in status 'effective': the decision has no rectification deadline`;
      }
      return null;
    case 'rectification_reviewed':
      if (typeof t.accepted !== 'boolean') return `decision transition refused: cannot 'rectification_reviewed': accepted must be true or false (${JSON.stringify(t.accepted)})`;
      if (!t.accepted && t.newRectificationDueAt != null && !isInstant(t.newRectificationDueAt)) {
        return `decision transition refused: cannot 'rectification_reviewed': newRectificationDueAt is not an instant (${JSON.stringify(t.newRectificationDueAt)})`;
      }
      return null;
  }
}

/**
 * One handling decision (协议处理, seed 000 (十四)(十五)): mirrors the status committed by the
 * backend (validating each transition) and owns the rectification deadline.
 *
 * - A major decision starts in 'pending_legal_review' and waits for the review (no deadline); the
 *   review's payload carries the status it led to ('effective', 'rectifying' or 'closed').
 * - While the institution owes a rectification ('rectifying', or 'effective' with a deadline) and
 *   the deadline passes, `markDecisionRectificationOverdue` runs once for that deadline. A rejected
 *   review with `newRectificationDueAt` sets a new deadline, which may be flagged once in turn;
 *   without one the previous deadline stays (flagged at most once).
 * - The workflow completes when the decision is closed, or when it is effective with no
 *   rectification deadline (nothing left to watch: a minor decision without rectification
 *   completes at once).
 *
 * `rectificationOverdue` records lateness: it stays set when the rectification comes later.
 * History is bounded: one timer per deadline, one update per committed transition.
 */
export async function decisionWorkflow(input: DecisionWorkflowInput): Promise<DecisionWorkflowState> {
  if (!DECISION_STATUSES.includes(input.status)) {
    throw ApplicationFailure.nonRetryable(`decision input: unknown status ${JSON.stringify(input.status)}`, 'InvalidFindingsWorkflowInput');
  }
  const state: DecisionWorkflowState = { status: input.status, rectificationOverdue: false };
  let dueAt = input.rectificationDueAt == null ? null : instant(input.rectificationDueAt, 'rectificationDueAt', 'decision');
  /** The deadline already flagged (once per deadline). */
  let flaggedFor: number | null = null;
  const snapshot = (): DecisionWorkflowState => ({ ...state });

  // Handlers are set before the first await so that updates delivered with the start are applied.
  setHandler(
    decisionTransitionUpdate,
    // Synchronous, so nothing can run between the validator's check and the change; deterministic,
    // so replay rebuilds the same state. Relay retries carry the same update id: Temporal returns
    // the first outcome without running this again.
    (t) => {
      switch (t.action) {
        case 'legal_review':
          state.status = t.status;
          break;
        case 'rectification_submitted':
          state.status = 'rectification_submitted';
          break;
        case 'rectification_reviewed':
          if (t.accepted) {
            state.status = 'closed';
          } else {
            state.status = 'rectifying';
            if (t.newRectificationDueAt != null) dueAt = Date.parse(t.newRectificationDueAt);
          }
          break;
      }
      return snapshot();
    },
    {
      validator: (t) => {
        const reason = decisionRefusal(t, state.status, dueAt);
        if (reason) throw new Error(reason);
      },
    },
  );
  setHandler(decisionStateQuery, snapshot);

  const step = { actor: input.actor, decisionId: input.decisionId };
  const finished = (): boolean => state.status === 'closed' || (state.status === 'effective' && dueAt === null);
  const owesRectification = (): boolean => state.status === 'rectifying' || (state.status === 'effective' && dueAt !== null);
  /** The deadline to watch now: the current one while a rectification is owed, unless already flagged. */
  const pendingDue = (): number | undefined => (owesRectification() && dueAt !== null && flaggedFor !== dueAt ? dueAt : undefined);

  while (!finished()) {
    const due = pendingDue();
    if (due === undefined || due > Date.now()) {
      // Wakes when the decision is finished, when the deadline to watch changes (rectification
      // submitted, or rejected with a new deadline), or when that deadline is reached.
      const changed = () => finished() || pendingDue() !== due;
      if (due === undefined) await condition(changed);
      else await waitUntil(changed, due);
      continue;
    }
    flaggedFor = due;
    await activities.markDecisionRectificationOverdue({ ...step, at: new Date().toISOString() });
    state.rectificationOverdue = true;
  }
  return snapshot();
}
