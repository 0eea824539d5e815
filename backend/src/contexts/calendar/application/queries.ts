import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { Conditions, listPage, paging } from '../../../platform/database/sql.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { canEnterCalendar, canEnterNationalCalendar, missingNextYear, provinceCalendarOf, type CalendarYear, type ProvincialCalendarYear } from '../domain/calendar-year.js';
import { LEGAL_CLOCK_KEYS, type LegalClock } from '../domain/legal-clock.js';
import { calendarStamp, ProvincialCalendarYears, YEAR_COLUMNS, yearOf, type YearRow } from '../infrastructure/calendar.repository.js';
import { LegalClocks } from '../infrastructure/legal-clocks.js';

export type CalendarYearSummary = Omit<CalendarYear, 'days'> & { holidays: number; workdays: number };

export class ListCalendarYearsQuery extends ActorQuery<{ items: CalendarYearSummary[]; total: number }> {
  constructor(actor: Actor, readonly params: { page?: number; pageSize?: number }) { super(actor); }
}
export class GetCalendarYearQuery extends ActorQuery<CalendarYear> {
  /** The year as the path gives it ('2027'). */
  constructor(actor: Actor, readonly year: string) { super(actor); }
}
export interface CalendarStatus {
  /** When the calendar last changed: deadlines computed before then used the calendar as it was. */
  changedAt: string | null;
  /** The next year, when its notice is missing from 1 November on; otherwise null. */
  missingYear: number | null;
  /** Whether the reader may enter a part of the calendar (and so is the one warned). */
  canEnter: boolean;
  /** Whether the reader may enter the State Council's national notice (the national administrator). */
  canEnterNational: boolean;
  /** The province whose own additions the reader may enter (a provincial administrator's), else null. */
  province: string | null;
}
export class GetCalendarStatusQuery extends ActorQuery<CalendarStatus> {}
export class ListProvincialCalendarYearsQuery extends ActorQuery<{ items: ProvincialCalendarYear[]; total: number }> {
  /** The province code as the path gives it ('32'). */
  constructor(actor: Actor, readonly province: string) { super(actor); }
}
export class ListLegalClocksQuery extends ActorQuery<{ items: LegalClock[]; total: number }> {
  constructor(actor: Actor, readonly params: { province?: string; page?: number; pageSize?: number }) { super(actor); }
}

@QueryHandler(ListCalendarYearsQuery)
export class ListCalendarYearsHandler implements IQueryHandler<ListCalendarYearsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ params }: ListCalendarYearsQuery) {
    const page = paging(params.page, params.pageSize);
    const { rows, total } = await listPage<YearRow & { holidays: number; workdays: number }>(this.uow.em, {
      count: 'from calendar_year y',
      select: `select ${YEAR_COLUMNS},
        (select count(*)::int from calendar_day d where d.year = y.year and d.kind = 'holiday') as holidays,
        (select count(*)::int from calendar_day d where d.year = y.year and d.kind = 'workday') as workdays from calendar_year y`,
      order: 'y.year desc',
    }, new Conditions(), page);
    const items = rows.map((r): CalendarYearSummary => {
      const { days: _days, ...year } = yearOf(r, []);
      return { ...year, holidays: r.holidays, workdays: r.workdays };
    });
    return { items, total };
  }
}

@QueryHandler(GetCalendarYearQuery)
export class GetCalendarYearHandler implements IQueryHandler<GetCalendarYearQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ year: raw }: GetCalendarYearQuery) {
    const year = /^\d{4}$/.test(raw) ? Number(raw) : null;
    const [r] = year === null ? [] : await this.uow.em.execute<YearRow[]>(`select ${YEAR_COLUMNS} from calendar_year where year = ?`, [year]);
    if (!r) throw DomainError.notFound({ zh: '工作日历年度', en: 'calendar year' }, raw);
    const days = await this.uow.em.execute<{ day: string; kind: 'holiday' | 'workday'; name: string | null }[]>(
      `select to_char(day, 'YYYY-MM-DD') as day, kind, name from calendar_day where year = ? order by day`, [r.year]);
    return yearOf(r, days);
  }
}

@QueryHandler(GetCalendarStatusQuery)
export class GetCalendarStatusHandler implements IQueryHandler<GetCalendarStatusQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: GetCalendarStatusQuery): Promise<CalendarStatus> {
    const years = await this.uow.em.execute<{ year: number }[]>(`select year from calendar_year`);
    const canEnter = canEnterCalendar(actor);
    return {
      changedAt: await calendarStamp(this.uow.em),
      missingYear: canEnter ? missingNextYear(chinaDateOf(new Date()), new Set(years.map((y) => y.year))) : null,
      canEnter,
      canEnterNational: canEnterNationalCalendar(actor),
      province: provinceCalendarOf(actor),
    };
  }
}

/**
 * A province's own additions, each year with its document and days: read by the province and the
 * levels below it, and by the nation; another province gets 403 (not an empty list).
 */
@QueryHandler(ListProvincialCalendarYearsQuery)
export class ListProvincialCalendarYearsHandler implements IQueryHandler<ListProvincialCalendarYearsQuery> {
  constructor(private readonly years: ProvincialCalendarYears) {}
  async execute({ actor, province }: ListProvincialCalendarYearsQuery) {
    if (!/^\d{2}$/.test(province) || !(actor.regionPath === '/' || actor.regionPath.startsWith(`/${province}/`))) {
      throw DomainError.forbidden('calendar_province_read_forbidden', {
        zh: '只能查看本省的工作日历补充调整', en: "only the province's own calendar additions can be read",
      });
    }
    const items = await this.years.list(province);
    return { items, total: items.length };
  }
}

@QueryHandler(ListLegalClocksQuery)
export class ListLegalClocksHandler implements IQueryHandler<ListLegalClocksQuery> {
  constructor(private readonly clocks: LegalClocks) {}
  async execute({ params }: ListLegalClocksQuery) {
    const rows = (await this.clocks.rows()).filter((r) => !params.province || r.provinceCode === params.province || r.provinceCode === '*');
    rows.sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || LEGAL_CLOCK_KEYS.indexOf(a.key) - LEGAL_CLOCK_KEYS.indexOf(b.key));
    const page = paging(params.page, params.pageSize);
    return { items: rows.slice(page.offset, page.offset + page.pageSize), total: rows.length };
  }
}

export const CALENDAR_QUERY_HANDLERS = [ListCalendarYearsHandler, GetCalendarYearHandler, GetCalendarStatusHandler, ListProvincialCalendarYearsHandler, ListLegalClocksHandler];
