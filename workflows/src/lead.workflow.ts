import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  leadStateQuery,
  leadTransitionUpdate,
  type LeadActivities,
  type LeadClock,
  type LeadWorkflowInput,
  type LeadWorkflowState,
} from './contracts/lead.js';
import { isInstant, nowIso, waitUntil } from './time.js';

// As for the other workflows: the activities run the backend's idempotent commands (keyed by the lead
// and the due day), retried with no attempt limit.
const activities = proxyActivities<LeadActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

function validClock(c: unknown): string | null {
  const clock = c as LeadClock | null;
  if (!clock || typeof clock !== 'object') return 'the clock is missing';
  if (clock.dueAt !== null && !isInstant(clock.dueAt)) return `dueAt is not an instant: ${JSON.stringify(clock.dueAt)}`;
  if (clock.dueAt !== null && (typeof clock.dueDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(clock.dueDate))) return `dueDate is not a day: ${JSON.stringify(clock.dueDate)}`;
  if (!Array.isArray(clock.remindAt) || !clock.remindAt.every(isInstant)) return `remindAt is not a list of instants: ${JSON.stringify(clock.remindAt)}`;
  return null;
}

/**
 * One lead's clock (线索限时办结, issue 17). The backend sends the clock as it stands after every change
 * (registration, assignment down the tree, an approved extension, a close, a return): the due instant,
 * its day and the reminder instants before it, or a stopped clock while the lead is closed or reported.
 *
 * - Each reminder instant of the current clock runs `remindLead` once; at the due instant,
 *   `markLeadOverdue` runs once for that due day (the backend flags it and tells the assigner). Both
 *   name the due day: a step for a day the lead no longer has does nothing there.
 * - A new clock replaces the old one at once (a timer in flight is abandoned): an extension after the
 *   overdue flag starts a fresh count for the new day; a return after the day passed flags at once
 *   (the backend flags a day only once).
 * - 'ended' (dismissed, accepted, or an own lead closed) completes the workflow.
 *
 * History is bounded by the lead's changes: per clock at most its reminders, one due timer and their activities.
 */
export async function leadWorkflow(input: LeadWorkflowInput): Promise<LeadWorkflowState> {
  const invalid = validClock(input?.clock);
  if (invalid) throw ApplicationFailure.nonRetryable(`lead input: ${invalid}`, 'InvalidLeadWorkflowInput');
  let clock: LeadClock = input.clock;
  let generation = 0;
  const state: LeadWorkflowState = { ended: false, dueAt: clock.dueAt, reminded: [], overdue: [] };
  const snapshot = (): LeadWorkflowState => ({ ...state, reminded: [...state.reminded], overdue: [...state.overdue] });

  setHandler(leadTransitionUpdate, (t) => {
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
      if (state.ended) throw new Error(`lead transition refused: cannot '${String(action)}': the lead's workflow has ended`);
      if (action === 'ended') return;
      if (action !== 'clock') throw new Error(`lead transition refused: unknown action '${String(action)}'`);
      const why = validClock((t as { clock?: unknown }).clock);
      if (why) throw new Error(`lead transition refused: ${why}`);
    },
  });
  setHandler(leadStateQuery, snapshot);

  const step = { actor: input.actor, leadId: input.leadId };
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
      await activities.remindLead({ ...step, dueDate, at: nowIso() });
      state.reminded = [...state.reminded, next];
      continue;
    }
    if (done.has(`overdue:${dueDate}`)) {
      await condition(changed);
      continue;
    }
    if (await waitUntil(changed, Date.parse(clock.dueAt))) continue;
    done.add(`overdue:${dueDate}`);
    await activities.markLeadOverdue({ ...step, dueDate, at: nowIso() });
    state.overdue = [...state.overdue, dueDate];
  }
  return snapshot();
}
