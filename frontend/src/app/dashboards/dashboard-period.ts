// Periods of the dashboard (`2026`, `2026-Q3`, `2026-07`) and the year-on-year change of a number.
// Pure functions, so the URL handling and the KPI arithmetic are tested without a page.

import { chinaDateOf } from '../core/china-date';
import type { TranslationKey } from '../i18n/dictionaries';
import type { TranslationParams } from '../i18n/translation';
import type { PeriodKind } from './dashboards-api';

export type Period =
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'quarter'; readonly year: number; readonly quarter: number }
  | { readonly kind: 'month'; readonly year: number; readonly month: number };

export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'quarter', 'month'];

/** The years the pickers offer: from the platform's first year to the current one. */
export const FIRST_YEAR = 2020;

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2026` | `2026-Q3` | `2026-07` → a period; anything else (`2026-7`, `2026-Q5`, ``) → null. */
export function parsePeriod(text: string | null | undefined): Period | null {
  const value = (text ?? '').trim();
  let match = YEAR.exec(value);
  if (match) return { kind: 'year', year: Number(match[1]) };
  match = QUARTER.exec(value);
  if (match) return { kind: 'quarter', year: Number(match[1]), quarter: Number(match[2]) };
  match = MONTH.exec(value);
  if (match) return { kind: 'month', year: Number(match[1]), month: Number(match[2]) };
  return null;
}

/** The key the API and the URL use. */
export function formatPeriod(period: Period): string {
  switch (period.kind) {
    case 'year':
      return String(period.year);
    case 'quarter':
      return `${period.year}-Q${period.quarter}`;
    case 'month':
      return `${period.year}-${String(period.month).padStart(2, '0')}`;
  }
}

/** The current year in China time: the dashboard's default period. */
export function defaultPeriod(now: Date): Period {
  return { kind: 'year', year: Number(chinaDateOf(now).slice(0, 4)) };
}

/** The same period one year earlier (同比). */
export function sameTimeLastYear(period: Period): Period {
  return { ...period, year: period.year - 1 };
}

/**
 * Switches the period's kind, keeping it in its year: a year becomes its current (or first)
 * quarter/month, a quarter its first month, a month its quarter.
 */
export function withKind(period: Period, kind: PeriodKind, now: Date): Period {
  if (period.kind === kind) return period;
  const today = chinaDateOf(now);
  const thisYear = Number(today.slice(0, 4)) === period.year;
  const month = period.kind === 'month' ? period.month : period.kind === 'quarter' ? (period.quarter - 1) * 3 + 1 : thisYear ? Number(today.slice(5, 7)) : 1;
  switch (kind) {
    case 'year':
      return { kind, year: period.year };
    case 'quarter':
      return { kind, year: period.year, quarter: Math.ceil(month / 3) };
    case 'month':
      return { kind, year: period.year, month };
  }
}

/** The years a picker offers, newest first (and the selected one, should it be outside). */
export function yearOptions(now: Date, selected: number | null = null): number[] {
  const current = Number(chinaDateOf(now).slice(0, 4));
  const years: number[] = [];
  for (let year = current; year >= FIRST_YEAR; year--) years.push(year);
  if (selected !== null && !years.includes(selected)) years.push(selected);
  return years.sort((a, b) => b - a);
}

/** The translation key and parameters of a period's label (2026年第3季度 / Q3 2026). */
export function periodLabel(period: Period): { key: TranslationKey; params: TranslationParams } {
  switch (period.kind) {
    case 'year':
      return { key: 'dashboard.period.yearLabel', params: { year: period.year } };
    case 'quarter':
      return { key: 'dashboard.period.quarterLabel', params: { year: period.year, quarter: period.quarter } };
    case 'month':
      return {
        key: 'dashboard.period.monthLabel',
        params: { year: period.year, month: period.month, mm: String(period.month).padStart(2, '0') },
      };
  }
}

export type ChangeDirection = 'up' | 'down' | 'flat';

export interface Change {
  readonly direction: ChangeDirection;
  /** Rounded to one decimal; null when last year was 0 and now is not (no base to compare to). */
  readonly percent: number | null;
}

/** Year-on-year change of a number: (now − last year) / last year. */
export function percentChange(current: number, lastYear: number): Change {
  if (lastYear === 0) return current === 0 ? { direction: 'flat', percent: 0 } : { direction: current > 0 ? 'up' : 'down', percent: null };
  const percent = Math.round(((current - lastYear) / Math.abs(lastYear)) * 1000) / 10;
  return { direction: percent > 0 ? 'up' : percent < 0 ? 'down' : 'flat', percent: Math.abs(percent) };
}

/** 0.1234 → "12.3%". */
export function formatRatio(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

/** The calendar months (YYYY-MM) a period covers. */
export function monthsOf(period: Period): string[] {
  const first = period.kind === 'year' ? 1 : period.kind === 'quarter' ? (period.quarter - 1) * 3 + 1 : period.month;
  const count = period.kind === 'year' ? 12 : period.kind === 'quarter' ? 3 : 1;
  return Array.from({ length: count }, (_, i) => `${period.year}-${String(first + i).padStart(2, '0')}`);
}

/** 7 → "7月" (zh-CN) / "Jul" (en): axis ticks and the month picker. */
export function monthName(month: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}
