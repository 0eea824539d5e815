import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery, ByIdQuery, ExportQuery } from '../../../platform/cqrs/actor-command.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import { todoOf, type CountRow, type TodoCount } from '../../../kernel/todo.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { DomainError } from '../../../kernel/errors.js';
import { levelOfPath } from '../../../kernel/region-path.js';
import {
  addListFilters, Conditions, exportListRows, isoOrNull, isUuid, listPage, paging, sortOrder, statusList,
  type ListParams, type SortFields,
} from '../../../platform/database/sql.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import {
  EMPTY_AUTO,
  COMPILABLE,
  EMPTY_MANUAL,
  isCityAgencyStaff,
  isCityBureauStaff,
  isLeaderOf,
  isStaffOf,
  previousMonth,
  validMonth,
  type AutoFigures,
  type ManualFigures,
  type ReportLevel,
  type ReportStatus,
} from '../domain/monthly-report.js';
import { dueAtOf } from '../domain/schedule.js';
import { MonthlyReports, REPORT_COLUMNS, type ReportRow } from '../infrastructure/monthly-reports.repository.js';
import type { Compiled } from './handlers.js';

/** A row of REPORT_COLUMNS with NAMES. */
interface ReportViewRow extends ReportRow { region_name: string; city_name: string; owner_org_name?: string | null }

/** `compile`: the city agency may compile the month again; `file`: the city bureau may file it (备案). */
export type ReportAction = 'save' | 'submit' | 'sign' | 'return' | 'compile' | 'file';

export interface ReportSummary {
  id: string;
  level: ReportLevel;
  month: string;
  regionCode: string;
  regionName: string;
  cityCode: string;
  cityName: string;
  ownerOrgId: string;
  /** The reporting unit (填报单位): the county bureau, or the city agency for a city compilation. */
  ownerOrgName: string;
  status: ReportStatus;
  late: boolean;
  overdue: boolean;
  dueAt: string;
  submittedAt: string | null;
  /** Who submitted it (提交审签) and the leader who signed it off: the list shows them too. */
  submittedBy: string | null;
  signedAt: string | null;
  signedBy: string | null;
  /** City: when the city bureau filed the compilation (备案). */
  filedAt: string | null;
  inspections: number;
  findings: number;
  /** 认定追回 (confirmed) and 实际追回 (actually recovered) in the month, yuan. */
  recoveredAmount: number;
  actualRecoveredAmount: number;
}

export interface ReportView extends ReportSummary {
  auto: AutoFigures;
  manual: ManualFigures;
  autoAt: string | null;
  overdueAt: string | null;
  /** County: the leader's or the city agency's comment; city: the city bureau's. */
  returnedComment: string | null;
  filedBy: string | null;
  compiled: Compiled | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** What the reader may do with it now. */
  actions: ReportAction[];
}

const NAMES = `k.name as region_name, c.name as city_name, o.name as owner_org_name`;
const JOIN_NAMES = `join region k on k.code = r.region_code join region c on c.code = r.city_code left join organization o on o.id = r.owner_org_id`;

function summary(r: ReportViewRow): ReportSummary {
  const auto: AutoFigures = { ...EMPTY_AUTO, ...(r.auto ?? {}) };
  return {
    id: r.id, level: r.level, month: r.month, regionCode: r.region_code, regionName: r.region_name, cityCode: r.city_code, cityName: r.city_name,
    ownerOrgId: r.owner_org_id, ownerOrgName: r.owner_org_name ?? r.owner_org_id, status: r.status, late: Boolean(r.late), overdue: Boolean(r.overdue), dueAt: new Date(r.due_at).toISOString(),
    submittedAt: isoOrNull(r.submitted_at), submittedBy: r.submitted_by ?? null, signedAt: isoOrNull(r.signed_at), signedBy: r.signed_by ?? null,
    filedAt: isoOrNull(r.filed_at),
    inspections: Number(auto.inspections), findings: Number(auto.findings), recoveredAmount: Number(auto.recoveredAmount),
    actualRecoveredAmount: Number(auto.actualRecoveredAmount),
  };
}

export function actionsOf(actor: Actor, r: ReportRow): ReportAction[] {
  const out: ReportAction[] = [];
  if (r.level === 'city') {
    if (r.status === 'compiled' && isCityBureauStaff(actor, r.city_code)) out.push('file', 'return');
    if (COMPILABLE.includes(r.status) && isCityAgencyStaff(actor, r.city_code)) out.push('compile');
    return out;
  }
  if (r.status === 'draft' && isStaffOf(actor, r.owner_org_id)) out.push('save', 'submit');
  if (r.status === 'awaiting_signoff' && isLeaderOf(actor, r.owner_org_id)) out.push('sign', 'return');
  if (r.status === 'submitted' && isCityAgencyStaff(actor, r.city_code)) out.push('return');
  return out;
}

export function view(actor: Actor, r: ReportViewRow): ReportView {
  return {
    ...summary(r),
    auto: { ...EMPTY_AUTO, ...(r.auto ?? {}) }, manual: { ...EMPTY_MANUAL, ...(r.manual ?? {}) }, autoAt: isoOrNull(r.auto_at),
    overdueAt: isoOrNull(r.overdue_at), returnedComment: r.returned_comment ?? null,
    filedBy: r.filed_by ?? null,
    compiled: (r.compiled as Compiled | null) ?? null, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    version: Number(r.version), actions: actionsOf(actor, r),
  };
}

/** The report month shown by default: the one most recently due or due next (the previous month). */
export const defaultMonth = (now = new Date()) => previousMonth(chinaDateOf(now).slice(0, 7));

/** The list's filters (issue 16 §2): `month` (YYYY-MM) or the period `from`/`to` (the report month's first day), else the default month. */
export interface MonthlyReportFilter extends ListParams { month?: string; status?: string; level?: string; page?: number; pageSize?: number }

export const REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'awaiting_signoff', 'submitted', 'compiled', 'filed', 'returned'];
const REPORT_LEVELS: readonly ReportLevel[] = ['county', 'city'];

/** The sortable columns of the monthly reports' list (`sort=field` or `-field`). */
export const REPORT_SORT: SortFields = {
  month: 'r.month', region: 'r.region_code', institution: 'o.name', status: 'r.status', dueAt: 'r.due_at',
  submittedAt: 'r.submitted_at', signedAt: 'r.signed_at', inspections: "(r.auto->>'inspections')::numeric",
  recoveredAmount: "(r.auto->>'recoveredAmount')::numeric", actualRecoveredAmount: "(r.auto->>'actualRecoveredAmount')::numeric",
};
/** A month's reports by city (the city compilation first), then county; newer months first. */
const REPORT_ORDER = 'r.month desc, r.city_code, r.level desc, r.region_code, r.id';
const REPORT_SELECT = `select ${REPORT_COLUMNS}, ${NAMES} from monthly_report r ${JOIN_NAMES}`;
const reportCount = (filter: ListParams) => (filter.q?.trim() ? 'from monthly_report r left join organization o on o.id = r.owner_org_id' : 'from monthly_report r');

/** The month the list shows: `month`, or none with a period, or the default month. */
function listMonth(filter: MonthlyReportFilter): string | null {
  if (filter.month !== undefined && filter.month !== '') return validMonth(filter.month);
  return filter.from || filter.to ? null : defaultMonth();
}

/** The list's conditions (null: empty by construction). The reporting unit is the "institution" of the shared search. */
async function reportConditions(uow: UnitOfWork, actor: Actor, filter: MonthlyReportFilter, month: string | null): Promise<Conditions | null> {
  // County: its own; city: its counties' and its own; province: all (row-level security, and the
  // same scope as an explicit predicate for the index).
  const where = new Conditions();
  where.add('r.region_path like ?', `${actor.regionPath}%`);
  if (month) where.add('r.month = ?::date', `${month}-01`);
  const statuses = statusList(filter.status, REPORT_STATUSES);
  if (statuses.length) where.add('r.status = any(?::text[])', `{${statuses.join(',')}}`);
  const levels = statusList(filter.level, REPORT_LEVELS);
  if (levels.length) where.add('r.level = any(?::text[])', `{${levels.join(',')}}`);
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'o.name', institutionCode: 'r.owner_org_id', regionPath: 'r.region_path', date: "(r.month::timestamp at time zone 'Asia/Shanghai')" },
    actor.regionPath);
  return found ? where : null;
}

export class ListMonthlyReportsQuery extends ActorQuery<{ month: string | null; dueAt: string | null; items: ReportSummary[]; total: number }> {
  constructor(actor: Actor, readonly filter: MonthlyReportFilter = {}) {
    super(actor);
  }
}

@QueryHandler(ListMonthlyReportsQuery)
export class ListMonthlyReportsHandler implements IQueryHandler<ListMonthlyReportsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter }: ListMonthlyReportsQuery) {
    const month = listMonth(filter);
    const order = sortOrder(filter.sort, REPORT_SORT, 'r.id', REPORT_ORDER);
    const head = { month, dueAt: month ? dueAtOf(month).toISOString() : null };
    const where = await reportConditions(this.uow, actor, filter, month);
    if (!where) return { ...head, items: [], total: 0 };
    const { rows, total } = await listPage<ReportViewRow>(this.uow.em, { count: reportCount(filter), select: REPORT_SELECT, order }, where, paging(filter.page, filter.pageSize));
    return { ...head, items: rows.map(summary), total };
  }
}

/** The filtered reports (the list's parameters, without paging), all of them, for the Excel export. */
export class ExportMonthlyReportsQuery extends ExportQuery<MonthlyReportFilter, ReportSummary> {}

@QueryHandler(ExportMonthlyReportsQuery)
export class ExportMonthlyReportsHandler implements IQueryHandler<ExportMonthlyReportsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, sink }: ExportMonthlyReportsQuery) {
    const month = listMonth(filter);
    const order = sortOrder(filter.sort, REPORT_SORT, 'r.id', REPORT_ORDER);
    const where = await reportConditions(this.uow, actor, filter, month);
    return exportListRows<ReportViewRow, ReportSummary>(this.uow.em, where, { count: reportCount(filter), select: REPORT_SELECT, order }, sink, (rows) => rows.map(summary));
  }
}

export class GetMonthlyReportQuery extends ByIdQuery<ReportView> {}

@QueryHandler(GetMonthlyReportQuery)
export class GetMonthlyReportHandler implements IQueryHandler<GetMonthlyReportQuery> {
  constructor(private readonly repo: MonthlyReports) {}

  async execute({ actor, id }: GetMonthlyReportQuery) {
    const [r] = isUuid(id) ? await this.repo.q<ReportViewRow>(`select ${REPORT_COLUMNS}, ${NAMES} from monthly_report r ${JOIN_NAMES} where r.id = ?`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '月报表', en: 'monthly report' }, id);
    return view(actor, r);
  }
}

export interface ProvinceWorkbookData {
  month: string;
  regionName: string;
  counties: ReportView[];
  /** compiled: the city agency has compiled the month; filed: the city bureau has filed it (备案) and issued the bulletin. */
  cities: { code: string; name: string; counties: number; submitted: number; late: number; missing: number; overdue: number; compiled: boolean; filed: boolean }[];
}

/** Every report of the month in the reader's scope (the province), for the province workbook. */
export class ProvinceMonthQuery extends ActorQuery<ProvinceWorkbookData> {
  constructor(actor: Actor, readonly month: string | undefined) {
    super(actor);
  }
}

@QueryHandler(ProvinceMonthQuery)
export class ProvinceMonthHandler implements IQueryHandler<ProvinceMonthQuery> {
  constructor(private readonly repo: MonthlyReports) {}

  async execute({ actor, month }: ProvinceMonthQuery) {
    if (!hasRole(actor, 'province_official', 'leader', 'national_overseer') || !['nation', 'province'].includes(levelOfPath(actor.regionPath))) {
      throw DomainError.forbidden('monthly_report_province_only', { zh: '省级月报汇总表仅供省级及以上医保部门导出', en: 'the province workbook is for the province level and above' });
    }
    const m = validMonth(month);
    const rows = await this.repo.q<ReportViewRow>(
      `select ${REPORT_COLUMNS}, ${NAMES} from monthly_report r ${JOIN_NAMES}
        where r.region_path like ? and r.month = ?::date order by r.city_code, r.region_code`, [`${actor.regionPath}%`, `${m}-01`]);
    const counties = await this.repo.counties(actor.regionPath);
    const byCity = new Map<string, ProvinceWorkbookData['cities'][number]>();
    for (const k of counties) {
      const c = byCity.get(k.cityCode) ?? { code: k.cityCode, name: k.cityName, counties: 0, submitted: 0, late: 0, missing: 0, overdue: 0, compiled: false, filed: false };
      c.counties += 1;
      const r = rows.find((x) => x.region_code === k.code && x.level === 'county');
      if (r?.status === 'submitted') c.submitted += 1; else c.missing += 1;
      if (r?.late) c.late += 1;
      if (r?.overdue) c.overdue += 1;
      byCity.set(k.cityCode, c);
    }
    for (const r of rows.filter((x) => x.level === 'city')) {
      const c = byCity.get(r.city_code);
      if (c) {
        c.compiled = true;
        c.filed = r.status === 'filed';
      }
    }
    const [region] = await this.repo.q<{ name: string }>(`select name from region where path = ?`, [actor.regionPath]);
    return { month: m, regionName: region?.name ?? '全国', counties: rows.filter((x) => x.level === 'county').map((r) => view(actor, r)), cities: [...byCity.values()] };
  }
}

/** A report with, for a city report, its counties' reports of the month (for the exports). */
export class ReportExportQuery extends ByIdQuery<{ report: ReportView; counties: ReportView[] }> {}

@QueryHandler(ReportExportQuery)
export class ReportExportHandler implements IQueryHandler<ReportExportQuery> {
  constructor(private readonly repo: MonthlyReports, private readonly get: GetMonthlyReportHandler) {}

  async execute({ actor, id }: ReportExportQuery) {
    const report = await this.get.execute(new GetMonthlyReportQuery(actor, id));
    if (report.level !== 'city') return { report, counties: [] };
    const rows = await this.repo.q<ReportViewRow>(
      `select ${REPORT_COLUMNS}, ${NAMES} from monthly_report r ${JOIN_NAMES}
        where r.region_path like ? and r.month = ?::date and r.level = 'county' order by r.region_code`,
      [`/${report.regionCode.slice(0, 2)}/${report.regionCode}/%`, `${report.month}-01`]);
    return { report, counties: rows.map((r) => view(actor, r)) };
  }
}

/**
 * The county bureau's reports to fill in and submit, and the leader's to sign; the city agency's
 * submitted county reports to check and compile (while the month's compilation is not made or was
 * returned); the city bureau's compilations to file (issue 16 §1).
 */
export class MonthlyReportsTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(MonthlyReportsTodoQuery)
export class MonthlyReportsTodoHandler implements IQueryHandler<MonthlyReportsTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ actor }: MonthlyReportsTodoQuery): Promise<TodoCount[]> {
    const one = async (sql: string, params: unknown[]) => (await this.uow.em.execute<CountRow[]>(sql, params))[0];
    const city = /^\/\d{2}\/(\d{4})\/$/.exec(actor.regionPath)?.[1];
    if (city && isCityAgencyStaff(actor, city)) {
      return todoOf('monthly_reports_to_compile', await one(
        `select count(*)::int as n, to_char(min(k.due_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as due
           from monthly_report k
          where k.level = 'county' and k.city_code = ? and k.status = 'submitted'
            and not exists (select 1 from monthly_report c where c.level = 'city' and c.region_code = k.city_code and c.month = k.month
                              and c.status in ('compiled', 'filed'))`, [city]));
    }
    if (city && isCityBureauStaff(actor, city)) {
      return todoOf('city_reports_to_file', await one(
        `select count(*)::int as n, to_char(min(due_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as due
           from monthly_report where level = 'city' and region_code = ? and status = 'compiled'`, [city]));
    }
    if (actor.organizationKind !== 'bureau') return [];
    const sql = (status: string) => `select count(*)::int as n, to_char(min(due_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as due
      from monthly_report where owner_org_id = ? and level = 'county' and status = '${status}'`;
    return [
      ...(hasRole(actor, 'county_staff') ? todoOf('monthly_reports_to_file', await one(sql('draft'), [actor.organizationId])) : []),
      ...(hasRole(actor, 'leader') ? todoOf('monthly_reports_to_sign', await one(sql('awaiting_signoff'), [actor.organizationId])) : []),
    ];
  }
}

export const MONTHLY_REPORT_QUERY_HANDLERS = [MonthlyReportsTodoHandler, ListMonthlyReportsHandler, ExportMonthlyReportsHandler, GetMonthlyReportHandler, ProvinceMonthHandler, ReportExportHandler];
