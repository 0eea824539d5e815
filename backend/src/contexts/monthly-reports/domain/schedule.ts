import { addWorkingDays, chinaDateOf, chinaInstant } from '../../../platform/calendar/working-days.js';
import { nextMonth, previousMonth } from './monthly-report.js';

// The monthly cycle's calendar, in China time (docs/api/dashboards-and-monthly-reports.md §3.2–3.3):
// the previous month's reports open on the 1st at 00:30, reminders at 09:00 on the working day
// 3 working days before the 10th and on the 9th, due by the 10th (the instant is the 11th 00:00).

export interface MonthlySchedule {
  /** The reported month, 'YYYY-MM'. */
  month: string;
  openAt: string;
  reminders: string[];
  dueAt: string;
  /** The report month the cycle handles after this one. */
  nextMonth: string;
}

const REMINDER_HOUR = 9;

/** The first day of the month after `month` ('YYYY-MM-01'). */
const filingMonthDay = (month: string, day: number) => `${nextMonth(month)}-${String(day).padStart(2, '0')}`;

/** The due instant of a report month: the 11th of the next month, 00:00 China time. */
export function dueAtOf(month: string): Date {
  return chinaInstant(filingMonthDay(month, 11));
}

/** The instant a report month's reports open: the 1st of the next month, 00:30 China time. */
export function openAtOf(month: string): Date {
  return chinaInstant(filingMonthDay(month, 1), 0.5);
}

/**
 * The instants of one report month. `at` (the workflow's time) drops reminders already past
 * (a cycle started mid-month does not remind for instants it missed); duplicates are dropped.
 */
export function scheduleOf(month: string, at: Date): MonthlySchedule {
  const tenth = filingMonthDay(month, 10);
  const candidates = [chinaInstant(addWorkingDays(tenth, -3), REMINDER_HOUR), chinaInstant(filingMonthDay(month, 9), REMINDER_HOUR)]
    .map((d) => d.getTime())
    .sort((a, b) => a - b);
  const reminders = [...new Set(candidates)].filter((t) => t > at.getTime()).map((t) => new Date(t).toISOString());
  return { month, openAt: openAtOf(month).toISOString(), reminders, dueAt: dueAtOf(month).toISOString(), nextMonth: nextMonth(month) };
}

/**
 * The report month a cycle started at `at` handles first: the previous month while its due instant
 * is still ahead (1st–10th), otherwise the current month (whose reports open on the 1st of the next).
 */
export function firstMonthAt(at: Date): string {
  const current = chinaDateOf(at).slice(0, 7);
  const previous = previousMonth(current);
  return at.getTime() < dueAtOf(previous).getTime() ? previous : current;
}

/** The China-time bounds of a month: dates [from, to) and instants [fromAt, toAt). */
export function monthBounds(month: string): { from: string; to: string; fromAt: Date; toAt: Date } {
  const from = `${month}-01`;
  const to = `${nextMonth(month)}-01`;
  return { from, to, fromAt: chinaInstant(from), toAt: chinaInstant(to) };
}
