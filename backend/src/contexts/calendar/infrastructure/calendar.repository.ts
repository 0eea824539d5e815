import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarDay, WorkingDayCalendar } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import type { CalendarYear, ProvincialCalendarYear } from '../domain/calendar-year.js';

interface YearRow { year: number; document_number: string | null; published_on: string | null; source: 'package' | 'notice'; entered_by: string; entered_at: string }
interface DayRow { day: string; year: number; kind: 'holiday' | 'workday'; name: string | null }

export const YEAR_COLUMNS = `year, document_number, to_char(published_on, 'YYYY-MM-DD') as published_on, source, entered_by,
  to_char(entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as entered_at`;

export function yearOf(r: YearRow, days: CalendarDay[]): CalendarYear {
  return { year: r.year, documentNumber: r.document_number, publishedOn: r.published_on, source: r.source, enteredBy: r.entered_by, enteredAt: r.entered_at, days };
}
export type { YearRow };

/** The calendar tables (migration 0019), on the unit of work's connection. */
@Injectable()
export class CalendarYears {
  constructor(private readonly uow: UnitOfWork) {}

  /** Replaces a year's notice and its days (a corrected notice replaces the earlier entry). */
  async save(y: CalendarYear): Promise<void> {
    const em = this.uow.em;
    await em.execute(`select pg_advisory_xact_lock(hashtext('calendar_year'))`);
    await em.execute(
      `insert into calendar_year (year, document_number, published_on, source, entered_by, entered_at) values (?, ?, ?, ?, ?, ?)
       on conflict (year) do update set document_number = excluded.document_number, published_on = excluded.published_on,
         source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
      [y.year, y.documentNumber, y.publishedOn, y.source, y.enteredBy, y.enteredAt]);
    await em.execute(`delete from calendar_day where year = ?`, [y.year]);
    if (y.days.length) {
      await em.execute(`insert into calendar_day (day, year, kind, name) values ${y.days.map(() => '(?, ?, ?, ?)').join(', ')}`,
        y.days.flatMap((d) => [d.day, y.year, d.kind, d.name]));
    }
  }
}

/**
 * The provinces' additions (migration 0023), on the unit of work's connection: row-level security
 * narrows them to the actor's province (its own, read down the chain of command) or all for the nation.
 */
@Injectable()
export class ProvincialCalendarYears {
  constructor(private readonly uow: UnitOfWork) {}

  /** Replaces a province's additions for a year (a corrected document replaces the earlier entry). */
  async save(y: ProvincialCalendarYear, ownerOrgId: string): Promise<void> {
    const em = this.uow.em;
    const path = `/${y.provinceCode}/`;
    await em.execute(`select pg_advisory_xact_lock(hashtext('calendar_year'))`);
    await em.execute(
      `insert into calendar_local_year (province_code, year, region_path, owner_org_id, document_number, published_on, entered_by, entered_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (province_code, year) do update set document_number = excluded.document_number, published_on = excluded.published_on,
         owner_org_id = excluded.owner_org_id, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
      [y.provinceCode, y.year, path, ownerOrgId, y.documentNumber, y.publishedOn, y.enteredBy, y.enteredAt]);
    await em.execute(`delete from calendar_local_day where province_code = ? and year = ?`, [y.provinceCode, y.year]);
    if (y.days.length) {
      await em.execute(`insert into calendar_local_day (province_code, day, year, region_path, owner_org_id, kind, name) values ${y.days.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        y.days.flatMap((d) => [y.provinceCode, d.day, y.year, path, ownerOrgId, d.kind, d.name]));
    }
  }

  /** A province's additions, newest year first, each with its days (what the reader's scope shows). */
  async list(provinceCode: string): Promise<ProvincialCalendarYear[]> {
    const em = this.uow.em;
    const years = await em.execute<{ province_code: string; year: number; document_number: string; published_on: string; entered_by: string; entered_at: string }[]>(
      `select province_code, year, document_number, to_char(published_on, 'YYYY-MM-DD') as published_on, entered_by,
              to_char(entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as entered_at
         from calendar_local_year where province_code = ? order by year desc`, [provinceCode]);
    const days = await em.execute<DayRow[]>(
      `select to_char(day, 'YYYY-MM-DD') as day, year, kind, name from calendar_local_day where province_code = ? order by day`, [provinceCode]);
    return years.map((r) => ({
      provinceCode: r.province_code, year: r.year, documentNumber: r.document_number, publishedOn: r.published_on, enteredBy: r.entered_by, enteredAt: r.entered_at,
      days: days.filter((d) => d.year === r.year).map((d) => ({ day: d.day, kind: d.kind, name: d.name })),
    }));
  }
}

/**
 * The whole calendar as working-days.ts holds it: every entered year and its days, when it last
 * changed, and the provinces' additions. Read with the system actor's scope (every province's rows).
 */
export async function readCalendar(em: EntityManager): Promise<WorkingDayCalendar> {
  const years = await em.execute<{ year: number }[]>(`select year from calendar_year order by year`);
  const days = await em.execute<DayRow[]>(`select to_char(day, 'YYYY-MM-DD') as day, year, kind, name from calendar_day order by day`);
  const local = await em.execute<(DayRow & { province_code: string })[]>(
    `select province_code, to_char(day, 'YYYY-MM-DD') as day, year, kind, name from calendar_local_day order by province_code, day`);
  const stamps = await em.execute<{ province_code: string; at: string }[]>(
    `select province_code, to_char(max(entered_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from calendar_local_year group by province_code`);
  return {
    years: years.map((y) => y.year), days: days.map((d) => ({ day: d.day, kind: d.kind, name: d.name })), changedAt: await nationalStamp(em),
    provinces: stamps.map((p) => ({
      province: p.province_code, changedAt: p.at,
      days: local.filter((d) => d.province_code === p.province_code).map((d) => ({ day: d.day, kind: d.kind, name: d.name })),
    })),
  };
}

async function nationalStamp(em: EntityManager): Promise<string | null> {
  const [r] = await em.execute<{ at: string | null }[]>(
    `select to_char(max(entered_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from calendar_year where source = 'notice'`);
  return r?.at ?? null;
}

/**
 * When the calendar last changed: the latest administrator's entry (what a deadline's "computed with
 * the calendar of" names), null while the calendar is the package's seed alone. Counts the provinces'
 * additions the reader's scope sees (the system actor's: all; a province's: its own).
 */
export async function calendarStamp(em: EntityManager): Promise<string | null> {
  const [r] = await em.execute<{ at: string | null }[]>(
    `select to_char(greatest((select max(entered_at) from calendar_year where source = 'notice'), (select max(entered_at) from calendar_local_year))
       at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`);
  return r?.at ?? null;
}
