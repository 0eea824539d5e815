import chineseDays from 'chinese-days';

// Legal clocks stated in working days follow China's official holiday and make-up workday (调休)
// calendar, from the maintained `chinese-days` package. Days are calendar dates in China
// (Asia/Shanghai, UTC+8, no daylight saving), written 'YYYY-MM-DD'.

const CHINA_OFFSET_MS = 8 * 3600_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

// Years whose holiday notice is in the data: any year with at least one official holiday.
const officialYears: ReadonlySet<number> = new Set(
  chineseDays.getHolidaysInRange('2004-01-01', '2100-12-31', false).map((day) => Number(day.slice(0, 4))),
);

function assertDate(day: string): void {
  // The round trip rejects dates that Date would silently roll over (2026-02-30 → 2026-03-02).
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!DATE_RE.test(day) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) {
    throw new Error(`not a calendar date (YYYY-MM-DD): ${day}`);
  }
}

export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar day starts, plus an optional time of day (hours). */
export function chinaInstant(day: string, hour = 0): Date {
  assertDate(day);
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS + hour * 3600_000);
}

/** The last millisecond of a China calendar day: a deadline "by day D" runs until then. */
export function endOfChinaDay(day: string): Date {
  return new Date(chinaInstant(day).getTime() + 24 * 3600_000 - 1);
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The day `n` calendar days after `day` (before it when n < 0). */
export function addCalendarDays(day: string, n: number): string {
  assertDate(day);
  return shift(day, n);
}

export function isWorkingDay(day: string): boolean {
  assertDate(day);
  return chineseDays.isWorkday(day);
}

/**
 * The n-th working day after `day` (n > 0), or before it (n < 0); `day` itself is not counted,
 * as in "within 10 working days of receipt".
 */
export function addWorkingDays(day: string, n: number): string {
  assertDate(day);
  if (!Number.isInteger(n) || n === 0) throw new Error(`working-day count must be a non-zero integer, got ${n}`);
  const step = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  let cursor = day;
  while (remaining > 0) {
    cursor = shift(cursor, step);
    if (chineseDays.isWorkday(cursor)) remaining -= 1;
  }
  return cursor;
}

/**
 * Whether the State Council's holiday notice for that year is in the data. Beyond it, only
 * weekends are known, and a deadline computed there must be re-checked when the notice is out.
 */
export function hasOfficialCalendar(year: number): boolean {
  return officialYears.has(year);
}
