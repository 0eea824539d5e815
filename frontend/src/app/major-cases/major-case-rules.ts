import type { MajorCaseReport, ReportContent, ReportStatus, ReportTrigger } from './major-cases-api';
import type { TranslationKey } from '../i18n/dictionaries';

// The major-case report's clock as the pages show it (seed 003 九(二); backend REPORT_DAYS = 7): due 7
// calendar days after the closure or transfer, the reminder on day 5, overdue after the due day.

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export interface ReportClock {
  /** Days left up to and including the due day (0 on the due day, negative once overdue). */
  daysLeft: number;
  /** Day 5 of 7 reached and the report not yet sent: the reminder. */
  reminder: boolean;
  overdue: boolean;
  /** Still with the bureau or the province (not yet sent to the national bureau). */
  pending: boolean;
}

export function reportClock(r: Pick<MajorCaseReport, 'openedOn' | 'dueDate' | 'status' | 'overdue'>, today: string): ReportClock {
  const pending = r.status === 'open' || r.status === 'submitted';
  const daysLeft = daysBetween(today, r.dueDate);
  const overdue = r.overdue || (pending && daysLeft < 0);
  return { daysLeft, pending, overdue, reminder: pending && !overdue && daysBetween(r.openedOn, today) >= 5 };
}

export const CONTENT_FIELDS: readonly (keyof ReportContent)[] = ['discovery', 'facts', 'result', 'basis'];

/** The fields left empty (each is required by the backend). */
export function contentErrors(c: ReportContent): (keyof ReportContent)[] {
  return CONTENT_FIELDS.filter((f) => !c[f]?.trim());
}

export const statusKey = (s: ReportStatus) => `majorCases.status.${s}` as TranslationKey;
export const triggerKey = (t: ReportTrigger) => `majorCases.trigger.${t}` as TranslationKey;
export const fieldKey = (f: keyof ReportContent) => `majorCases.field.${f}` as TranslationKey;
