// Legal clocks stated in working days follow China's official holiday and make-up workday (调休)
// calendar. Days are calendar dates in China (Asia/Shanghai, UTC+8, no daylight saving), written
// 'YYYY-MM-DD'.
//
// The calendar is the bureau's (issue 16): the State Council's yearly notice, entered by a national
// or provincial administrator into the `calendar_year` / `calendar_day` tables (contexts/calendar).
// This module holds it in memory so that the domain's deadline arithmetic stays synchronous and
// plain: until the tables are read (and in unit tests) it holds the `chinese-days` package's data
// (package-calendar.ts), from which migration 0019 seeded the tables; the calendar context replaces
// it at start-up and whenever a year is entered (useCalendar), and re-reads it when another process
// changed it. A year without a notice counts Monday to Friday only.
//
// National and provincial (issue 16, ADR 0004): the State Council's notice is national; a province may
// add its own adjustments (a 民族自治地方 holiday, a local make-up working day) that apply to it alone.
// A deadline counts the national calendar plus its owner's province: the arithmetic takes the owner's
// region (a region path '/32/3201/' or a region code '3201'); without one it counts the national days.

const CHINA_OFFSET_MS = 8 * 3600_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

import { packageCalendar, type CalendarDay } from './package-calendar.js';

export type { CalendarDay } from './package-calendar.js';

/** A province's own additions to the national calendar (its days override the national ones). */
export interface ProvincialCalendar {
  /** The province's region code ('32'). */
  province: string;
  days: readonly CalendarDay[];
  /** When the province last changed its additions (ISO instant). */
  changedAt: string | null;
}

/** The calendar in force: the years whose notice is entered and their exceptional days. */
export interface WorkingDayCalendar {
  years: readonly number[];
  days: readonly CalendarDay[];
  /** When the national calendar last changed (ISO instant), or null for the package's data. */
  changedAt: string | null;
  /** The provinces' additions; none when absent. */
  provinces?: readonly ProvincialCalendar[];
}

type Kinds = ReadonlyMap<string, 'holiday' | 'workday'>;
interface State {
  years: ReadonlySet<number>;
  kinds: Kinds;
  changedAt: string | null;
  provinces: ReadonlyMap<string, { kinds: Kinds; changedAt: string | null }>;
}
let state: State | null = null;

function current(): State {
  if (!state) useCalendar(packageCalendar());
  return state!;
}

/** Replaces the calendar in force (the calendar context: at start-up, and when a year is entered). */
export function useCalendar(calendar: WorkingDayCalendar): void {
  state = {
    years: new Set(calendar.years),
    kinds: new Map(calendar.days.map((d) => [d.day, d.kind])),
    changedAt: calendar.changedAt,
    provinces: new Map((calendar.provinces ?? []).map((p) => [p.province, { kinds: new Map(p.days.map((d) => [d.day, d.kind])), changedAt: p.changedAt }])),
  };
}

/** Replaces one province's additions in the calendar in force (when its administrator entered a year). */
export function useProvincialCalendar(calendar: ProvincialCalendar): void {
  const s = current();
  const provinces = new Map(s.provinces);
  provinces.set(calendar.province, { kinds: new Map(calendar.days.map((d) => [d.day, d.kind])), changedAt: calendar.changedAt });
  state = { ...s, provinces };
}

/**
 * The province of a region path ('/32/3201/' → '32') or region code ('320102' → '32'); null for the
 * nation ('/', '' or undefined).
 */
export function provinceOfRegion(region: string | null | undefined): string | null {
  if (!region) return null;
  if (region.startsWith('/')) return region.split('/')[1] || null;
  return /^\d{2}/.test(region) ? region.slice(0, 2) : null;
}

/**
 * When the calendar in force last changed (ISO instant), null while it is the package's data; with a
 * region, the later of the national calendar's change and that province's.
 */
export function calendarChangedAt(region?: string | null): string | null {
  const s = current();
  const local = s.provinces.get(provinceOfRegion(region) ?? '')?.changedAt ?? null;
  return local !== null && (s.changedAt === null || local > s.changedAt) ? local : s.changedAt;
}

/**
 * A stamp of the whole calendar, the provinces' additions included: what a process compares to
 * the tables' to know another process changed it.
 */
export function calendarStampInForce(): string | null {
  const s = current();
  let stamp = s.changedAt;
  for (const p of s.provinces.values()) if (p.changedAt !== null && (stamp === null || p.changedAt > stamp)) stamp = p.changedAt;
  return stamp;
}

function weekend(day: string): boolean {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
}

function workday(day: string, province: string | null): boolean {
  const s = current();
  const kind = (province === null ? undefined : s.provinces.get(province)?.kinds.get(day)) ?? s.kinds.get(day);
  return kind ? kind === 'workday' : !weekend(day);
}

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

/** Whether `day` is a working day: nationally, or where `region` is (its province's additions too). */
export function isWorkingDay(day: string, region?: string | null): boolean {
  assertDate(day);
  return workday(day, provinceOfRegion(region));
}

/**
 * The n-th working day after `day` (n > 0), or before it (n < 0); `day` itself is not counted,
 * as in "within 10 working days of receipt". `region` is the deadline owner's (a region path or
 * code): its province's additions count too.
 */
export function addWorkingDays(day: string, n: number, region?: string | null): string {
  assertDate(day);
  const province = provinceOfRegion(region);
  if (!Number.isInteger(n) || n === 0) throw new Error(`working-day count must be a non-zero integer, got ${n}`);
  const step = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  let cursor = day;
  while (remaining > 0) {
    cursor = shift(cursor, step);
    if (workday(cursor, province)) remaining -= 1;
  }
  return cursor;
}

/**
 * Whether the State Council's holiday notice for that year is in the data. Beyond it, only
 * weekends are known, and a deadline computed there must be re-checked when the notice is out.
 */
export function hasOfficialCalendar(year: number): boolean {
  return current().years.has(year);
}
