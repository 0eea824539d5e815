import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  decisionStateQuery,
  decisionTransitionUpdate,
  disputeStateQuery,
  disputeTransitionUpdate,
  type DecisionActivities,
  type DecisionTransition,
  type DecisionWorkflowInput,
  type DecisionWorkflowState,
  type DecisionWorkflowStatus,
  type DisputeActivities,
  type DisputePathLevel,
  type DisputeTransition,
  type DisputeWorkflowInput,
  type DisputeWorkflowState,
  type FindingFeedbackActivities,
  type FindingFeedbackWorkflowInput,
} from './contracts/findings.js';
import { instantOf, waitUntil, sleepUntil, isInstant } from './time.js';

// As for the other workflows (ADR 0007): the database decides, the workflows own the deadlines and
// mirror the committed transitions. The activities run the backend's commands, which are idempotent
// (keyed by inspection, decision, dispute and level), so retrying them is always safe. No attempt
// limit: each step must eventually happen; while one is being retried, transitions keep being
// applied. A step delayed past the next instant simply makes that instant fire at once afterwards.
const activities = proxyActivities<FindingFeedbackActivities & DecisionActivities & DisputeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** An input instant of one of the three workflows (named in the failure). */
const instant = (iso: string, what: string, workflow: string): number => instantOf(iso, what, `${workflow} input`, 'InvalidFindingsWorkflowInput');

const actionOf = (t: unknown): unknown => (t as { action?: unknown } | null)?.action;
const has = (table: object, key: unknown): boolean => typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);

// ---------------------------------------------------------------------------------------------
// Feedback on the findings of one inspection (反馈确认)
// ---------------------------------------------------------------------------------------------

/**
 * The confirmation deadline of the findings of one sent inspection: at `confirmationDueAt` the
 * findings still awaiting confirmation are deemed confirmed (one idempotent activity), and the
 * workflow completes with how many were. Answers before the deadline are the database's business:
 * there is nothing to mirror, since the deeming only touches findings still awaiting.
 */
export async function findingFeedbackWorkflow(input: FindingFeedbackWorkflowInput): Promise<{ deemed: number }> {
  const dueAt = instant(input.confirmationDueAt, 'confirmationDueAt', 'finding feedback');
  await sleepUntil(dueAt);
  return activities.deemFindingsConfirmed({ actor: input.actor, inspectionId: input.inspectionId, at: new Date().toISOString() });
}

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

// ---------------------------------------------------------------------------------------------
// Disputes (争议处理)
// ---------------------------------------------------------------------------------------------

type DisputeAction = DisputeTransition['action'];
type DisputeStatus = DisputeWorkflowState['status'];

/** Statuses in which each transition may arrive. */
const DISPUTE_TRANSITIONS: Record<DisputeAction, readonly DisputeStatus[]> = {
  decided: ['open'],
  escalated: ['decided'],
  withdrawn: ['open', 'decided'],
};

const DISPUTE_ENDED: readonly DisputeStatus[] = ['final', 'withdrawn', 'closed'];

const levelName = (path: readonly DisputePathLevel[], i: number): string => (Number.isInteger(i) && i >= 0 && i < path.length ? `${i} (${path[i].level})` : String(i));

/**
 * Why the transition is refused, or null when it is allowed. Pure (state, transition and the
 * workflow time of the activation): validators run only when an update arrives, never on replay.
 */
function disputeRefusal(
  t: DisputeTransition,
  state: DisputeWorkflowState,
  path: readonly DisputePathLevel[],
  escalationDueAt: number | null,
  now: number,
): string | null {
  const action = actionOf(t);
  const { status, current } = state;
  if (!has(DISPUTE_TRANSITIONS, action)) return `dispute transition refused: unknown action '${String(action)}' (status '${status}')`;
  if (!isInstant(t.at)) return `dispute transition refused: cannot '${String(action)}': at is not an instant (${JSON.stringify(t.at)})`;
  if (DISPUTE_ENDED.includes(status)) {
    const why = status === 'final' ? `the dispute is final (decided at level ${levelName(path, current)})`
      : status === 'withdrawn' ? 'the dispute was withdrawn'
        : 'the dispute is closed (the escalation window passed)';
    return `dispute transition refused: cannot '${String(action)}': ${why}`;
  }
  if (!DISPUTE_TRANSITIONS[action as DisputeAction].includes(status)) {
    return `dispute transition refused: cannot '${String(action)}' in status '${status}' (level ${levelName(path, current)})`;
  }
  const last = path.length - 1;
  switch (t.action) {
    case 'decided': {
      if (t.level !== current) {
        return `dispute transition refused: cannot 'decided' at level ${levelName(path, t.level)}: the current level is ${levelName(path, current)}`;
      }
      const isLast = current === last;
      if (t.final !== isLast) {
        return isLast
          ? `dispute transition refused: cannot 'decided' at level ${levelName(path, current)}: the last level's decision is final`
          : `dispute transition refused: cannot 'decided' at level ${levelName(path, current)}: only the last level (${path[last].level}) decides finally`;
      }
      if (!isLast && !isInstant(t.escalationDueAt)) {
        return `dispute transition refused: cannot 'decided' at level ${levelName(path, current)}: escalationDueAt is not an instant (${JSON.stringify(t.escalationDueAt)})`;
      }
      return null;
    }
    case 'escalated': {
      if (!Number.isInteger(t.toLevel) || t.toLevel >= path.length) {
        return `dispute transition refused: cannot 'escalated' to level ${String(t.toLevel)}: there is no level above ${levelName(path, last)}`;
      }
      if (t.toLevel !== current + 1) {
        return `dispute transition refused: cannot 'escalated' to level ${levelName(path, t.toLevel)}: only to the next level, ${levelName(path, current + 1)}`;
      }
      if (escalationDueAt !== null && now >= escalationDueAt) {
        return `dispute transition refused: cannot 'escalated' to level ${levelName(path, t.toLevel)}: the escalation window closed at ${new Date(escalationDueAt).toISOString()}`;
      }
      if (!isInstant(t.dueAt)) {
        return `dispute transition refused: cannot 'escalated' to level ${levelName(path, t.toLevel)}: dueAt is not an instant (${JSON.stringify(t.dueAt)})`;
      }
      return null;
    }
    case 'withdrawn':
      return null;
  }
}

/**
 * One dispute (争议处理, seed 000 (十五)) along its escalation path, which the backend derives from
 * the region tree (from the deciding agency's level up to the province): nothing here knows the
 * levels but by their index in `input.path` (their names only appear in messages).
 *
 * - The current level (0 first) is 'open' until it decides. If its time limit (`firstDueAt`, then
 *   each escalation's `dueAt`) passes first, `markDisputeLevelOverdue` runs once for that level
 *   (the backend flags it and tells the level above); the level may still decide afterwards.
 * - A decision at the last level is final: the workflow completes. Any other decision opens the
 *   escalation window (`escalationDueAt`): an escalation within it opens the next level; when it
 *   passes, the status becomes 'closed' and `closeDispute` runs (the decision stands), then the
 *   workflow completes.
 * - A withdrawal (while open or decided) completes it at once. Nothing is accepted once it ended.
 *
 * Clock-driven changes are applied when the timer fires, before the activity is scheduled, so a
 * transition relayed afterwards finds the workflow already closed. The overdue flags run
 * concurrently with the rest (a flag being retried holds back neither a decision nor the window)
 * and are awaited before the workflow completes. History is bounded: at most one timer and one
 * activity per level, one window per decision, one update per committed transition.
 */
export async function disputeWorkflow(input: DisputeWorkflowInput): Promise<DisputeWorkflowState> {
  const path = input.path ?? [];
  if (!Array.isArray(path) || path.length === 0) {
    throw ApplicationFailure.nonRetryable(`dispute input: the path has no level (${JSON.stringify(input.path)})`, 'InvalidFindingsWorkflowInput');
  }
  const state: DisputeWorkflowState = { current: 0, status: 'open', overdueLevels: [] };
  /** Per level index: the instant its time limit passes (set when the level opens). */
  const levelDueAt = new Map<number, number>([[0, instant(input.firstDueAt, 'firstDueAt', 'dispute')]]);
  let escalationDueAt: number | null = null;
  const snapshot = (): DisputeWorkflowState => ({ ...state, overdueLevels: [...state.overdueLevels] });

  // Handlers are set before the first await so that updates delivered with the start are applied.
  setHandler(
    disputeTransitionUpdate,
    // Synchronous, so nothing can run between the validator's check and the change. Relay retries
    // carry the same update id: Temporal returns the first outcome without running this again.
    (t) => {
      switch (t.action) {
        case 'decided':
          state.status = t.final ? 'final' : 'decided';
          escalationDueAt = t.final ? null : Date.parse(t.escalationDueAt!);
          break;
        case 'escalated':
          state.current = t.toLevel;
          state.status = 'open';
          escalationDueAt = null;
          levelDueAt.set(t.toLevel, Date.parse(t.dueAt));
          break;
        case 'withdrawn':
          state.status = 'withdrawn';
          break;
      }
      return snapshot();
    },
    {
      validator: (t) => {
        // Date.now() is the workflow time of this activation: an escalation arriving with (or
        // after) the timer of the window's end is refused.
        const reason = disputeRefusal(t, state, path, escalationDueAt, Date.now());
        if (reason) throw new Error(reason);
      },
    },
  );
  setHandler(disputeStateQuery, snapshot);

  const step = { actor: input.actor, disputeId: input.disputeId };
  const flagged = new Set<number>();
  const flags: Promise<void>[] = [];
  // Read through functions: the compiler would keep the status narrowed after each check.
  const status = (): DisputeStatus => state.status;
  const ended = (): boolean => DISPUTE_ENDED.includes(status());

  while (!ended()) {
    const level = state.current;
    if (status() === 'open') {
      const due = levelDueAt.get(level)!;
      if (flagged.has(level)) {
        await condition(() => status() !== 'open' || state.current !== level);
        continue;
      }
      if (await waitUntil(() => status() !== 'open' || state.current !== level, due)) continue;
      flagged.add(level);
      flags.push(
        activities.markDisputeLevelOverdue({ ...step, level }).then(() => {
          // Kept in level order whichever flag's retries end first.
          state.overdueLevels = [...state.overdueLevels, level].sort((a, b) => a - b);
        }),
      );
      continue;
    }
    // Decided, not finally: the escalation window.
    if (await waitUntil(() => status() !== 'decided', escalationDueAt!)) continue;
    state.status = 'closed';
    await activities.closeDispute(step);
  }
  await Promise.all(flags);
  return snapshot();
}
