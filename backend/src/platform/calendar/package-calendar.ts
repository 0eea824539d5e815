import chineseDays from 'chinese-days';

// The `chinese-days` package's holiday and make-up workday (调休) data: what the working-day
// calendar starts from before the database's `calendar_day` table is read, and what migration 0019
// seeds that table with. The bureau maintains the calendar from then on (issue 16): the package
// stops at the last State Council notice it was released with (2026 for 1.5.7).

const FIRST_YEAR = 2004;

/** A day that differs from "Monday to Friday": an official holiday on a weekday, or a make-up working day. */
export interface CalendarDay { day: string; kind: 'holiday' | 'workday'; name: string | null }

/** The years whose holiday notice the package holds: any year with at least one official holiday. */
export function packageYears(): number[] {
  const years = new Set(chineseDays.getHolidaysInRange(`${FIRST_YEAR}-01-01`, '2100-12-31', false).map((day) => Number(day.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

function isWeekend(day: string): boolean {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
}

/** The name of a holiday as the package gives it ("New Year's Day,元旦,1" → 元旦). */
function nameOf(day: string): string | null {
  const parts = chineseDays.getDayDetail(day).name.split(',');
  return parts.length >= 2 ? parts[1]! : null;
}

/**
 * One year's exceptions to "Monday to Friday": the official holidays that fall on a weekday and the
 * weekend days that are make-up working days. Holidays on a weekend change nothing and are left out.
 */
export function packageDaysOf(year: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const work = chineseDays.isWorkday(day);
    if (isWeekend(day) && work) days.push({ day, kind: 'workday', name: nameOf(day) });
    else if (!isWeekend(day) && !work) days.push({ day, kind: 'holiday', name: nameOf(day) });
  }
  return days;
}

/** The whole package's calendar, for the in-memory calendar before the tables are read. */
export function packageCalendar(): { years: number[]; days: CalendarDay[]; changedAt: null } {
  const years = packageYears();
  return { years, days: years.flatMap(packageDaysOf), changedAt: null };
}
