// A deadline clock shared by the workflows that only count down to a due day (a lead's time limit, an
// enforcement case's closure limit): reminders before it, the overdue step at the first instant after
// it, a clock replaced on every change the backend sends, and the end.

/** The clock: `dueAt` null while it is stopped. */
export interface DeadlineClock {
  /** The first instant after the due day (China time): not done by then → overdue. */
  dueAt: string | null;
  /** The due day itself (YYYY-MM-DD): the activities name it so a step for a superseded due day does nothing. */
  dueDate: string | null;
  /** Reminder instants before dueAt (those in the past when the clock is set are skipped by the backend). */
  remindAt: string[];
}

export type DeadlineTransition =
  | { action: 'clock'; at: string; clock: DeadlineClock }
  | { action: 'ended'; at: string };

export interface DeadlineState {
  ended: boolean;
  dueAt: string | null;
  /** Reminders sent (instants), and the due days flagged overdue, in order. */
  reminded: string[];
  overdue: string[];
}
