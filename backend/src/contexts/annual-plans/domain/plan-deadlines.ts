import { addCalendarDays, chinaInstant } from '../../../platform/calendar/working-days.js';

/** Reminders go out this many calendar days before the deadline, at 09:00 China time. */
export const REMINDER_DAYS_BEFORE = [15, 3] as const;

export interface PlanDeadlines {
  /** The day the plan is due at the level above: 15 May of the plan year. */
  deadline: string;
  remindAt: Date[];
  /** 16 May 00:00 China time: the first instant after the deadline. */
  overdueAt: Date;
  /** 1 January of the next year, 00:00 China time. */
  closeAt: Date;
}

/**
 * The clock of one plan year, in China time. Reminders already past when the cycle opens are left
 * out: a cycle opened on 10 May reminds once (12 May), not three times at once.
 */
export function planDeadlines(year: number, openedAt: Date): PlanDeadlines {
  const deadline = `${year}-05-15`;
  return {
    deadline,
    remindAt: REMINDER_DAYS_BEFORE.map((days) => chinaInstant(addCalendarDays(deadline, -days), 9)).filter((at) => at > openedAt),
    overdueAt: chinaInstant(addCalendarDays(deadline, 1)),
    closeAt: chinaInstant(`${year + 1}-01-01`),
  };
}
