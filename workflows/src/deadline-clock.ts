import { condition, setHandler, type defineQuery, type defineUpdate } from '@temporalio/workflow';
import type { DeadlineClock, DeadlineState, DeadlineTransition } from './contracts/deadline-clock.js';
import { isInstant, waitUntil } from './time.js';

type ClockUpdate = ReturnType<typeof defineUpdate<DeadlineState, [DeadlineTransition]>>;
type ClockQuery = ReturnType<typeof defineQuery<DeadlineState>>;

/** Why a clock is malformed, or null. */
export function validClock(c: unknown): string | null {
  const clock = c as DeadlineClock | null;
  if (!clock || typeof clock !== 'object') return 'the clock is missing';
  if (clock.dueAt !== null && !isInstant(clock.dueAt)) return `dueAt is not an instant: ${JSON.stringify(clock.dueAt)}`;
  if (clock.dueAt !== null && (typeof clock.dueDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(clock.dueDate))) return `dueDate is not a day: ${JSON.stringify(clock.dueDate)}`;
  if (!Array.isArray(clock.remindAt) || !clock.remindAt.every(isInstant)) return `remindAt is not a list of instants: ${JSON.stringify(clock.remindAt)}`;
  return null;
}

/**
 * Runs one record's deadline clock until it ends (the loop of the lead and enforcement-case workflows).
 *
 * - Each reminder instant of the current clock runs `remind` once; at the due instant, `overdue` runs
 *   once for that due day. Both name the due day: a step for a day the record no longer has does
 *   nothing in the backend.
 * - A new clock (the update, `action: 'clock'`) replaces the old one at once (a timer in flight is
 *   abandoned): a later due day after the overdue step starts a fresh count; a day already passed is
 *   flagged at once (the backend flags a day only once).
 * - `action: 'ended'` completes it. `kind` names the record in refusals ("lead transition refused: …").
 *
 * History is bounded by the record's changes: per clock at most its reminders, one due timer and their activities.
 */
export async function runDeadlineClock(
  kind: string,
  initial: DeadlineClock,
  update: ClockUpdate,
  query: ClockQuery,
  steps: { remind(dueDate: string): Promise<void>; overdue(dueDate: string): Promise<void> },
): Promise<DeadlineState> {
  let clock: DeadlineClock = initial;
  let generation = 0;
  const state: DeadlineState = { ended: false, dueAt: clock.dueAt, reminded: [], overdue: [] };
  const snapshot = (): DeadlineState => ({ ...state, reminded: [...state.reminded], overdue: [...state.overdue] });

  setHandler(update, (t) => {
    if (t.action === 'ended') {
      state.ended = true;
    } else {
      clock = t.clock;
      state.dueAt = clock.dueAt;
      generation += 1;
    }
    return snapshot();
  }, {
    validator: (t) => {
      const action = (t as { action?: unknown } | null)?.action;
      if (state.ended) throw new Error(`${kind} transition refused: cannot '${String(action)}': the ${kind}'s workflow has ended`);
      if (action === 'ended') return;
      if (action !== 'clock') throw new Error(`${kind} transition refused: unknown action '${String(action)}'`);
      const why = validClock((t as { clock?: unknown }).clock);
      if (why) throw new Error(`${kind} transition refused: ${why}`);
    },
  });
  setHandler(query, snapshot);

  /** Keys of the steps taken: `remind:<instant>` and `overdue:<due day>`. */
  const done = new Set<string>();
  while (!state.ended) {
    const g = generation;
    const changed = () => state.ended || generation !== g;
    if (clock.dueAt === null || clock.dueDate === null) {
      await condition(changed);
      continue;
    }
    const dueDate = clock.dueDate;
    const next = clock.remindAt.filter((r) => !done.has(`remind:${r}`)).sort()[0];
    if (next !== undefined && Date.parse(next) < Date.parse(clock.dueAt)) {
      if (await waitUntil(changed, Date.parse(next))) continue;
      done.add(`remind:${next}`);
      await steps.remind(dueDate);
      state.reminded = [...state.reminded, next];
      continue;
    }
    if (done.has(`overdue:${dueDate}`)) {
      await condition(changed);
      continue;
    }
    if (await waitUntil(changed, Date.parse(clock.dueAt))) continue;
    done.add(`overdue:${dueDate}`);
    await steps.overdue(dueDate);
    state.overdue = [...state.overdue, dueDate];
  }
  return snapshot();
}
