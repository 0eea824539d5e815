// Deadlines in the suite are China calendar dates (notice due dates, the 15 May plan deadline), so
// "today" is taken in China time too, whatever the browser's time zone.

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of an instant in China Standard Time (UTC+8, no daylight saving). */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Calendar days from `today` to `date` (both 'YYYY-MM-DD'); negative once `date` has passed. */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}
