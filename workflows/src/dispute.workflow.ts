import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  disputeStateQuery,
  disputeTransitionUpdate,
  type DisputePathLevel,
  type DisputeTransition,
  type DisputeWorkflowInput,
  type DisputeWorkflowState,
} from './contracts/findings.js';
import { actionOf, activities, has, instant } from './findings-common.js';
import { isInstant, waitUntil } from './time.js';

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
