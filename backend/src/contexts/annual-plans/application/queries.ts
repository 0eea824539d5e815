import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PlanStatus } from '@fundsup/workflows/contracts';
import { ActorQuery, ByIdQuery, ListQuery } from '../../../platform/cqrs/actor-command.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { hasRole, type Actor } from '../../../kernel/actor.js';
import type { TodoCount } from '../../../kernel/todo.js';
import { DomainError } from '../../../kernel/errors.js';
import {
  addListFilters, Conditions, exportListRows, isoOrNull, isUuid, listPage, paging, sortOrder, statusList,
  likePrefix, pgArray, type ExportSink, type ListParams, type SortFields,
} from '../../../platform/database/sql.js';
import { codeOfPath, isWithin, levelOfPath, regionPathOf, type RegionLevel } from '../../../kernel/region-path.js';
import type { PlanHistoryAction } from '../domain/plan-history-entry.js';
import type { PlanContent, ScheduleTask } from '../domain/plan-content.js';
import type { ReviewStep, UnitLevel } from '../domain/annual-plan.js';
import { AgencyInspectionFiguresQuery } from '../../spot-checks/index.js';

export interface PlanSummary {
  id: string;
  year: number;
  unitId: string;
  unitName: string;
  regionCode: string;
  regionName: string;
  level: UnitLevel;
  status: PlanStatus;
  overdue: boolean;
  /** Who acts on it now at the level above: the city agency (review, 汇总上报), the city bureau (备案), the province. */
  reviewStep: ReviewStep | null;
  submittedAt: string | null;
  forwardedAt: string | null;
  filedAt: string | null;
  plannedToDate: number;
  doneToDate: number;
}

export interface PlanDetail {
  id: string;
  year: number;
  unit: { id: string; name: string; regionCode: string; regionName: string; level: UnitLevel };
  reviewer: { regionCode: string; regionName: string };
  status: PlanStatus;
  overdue: boolean;
  deadline: string;
  content: PlanContent | null;
  schedule: ScheduleTask[];
  progress: { taskId: string; month: number; doneQuantity: number; note: string | null; attachmentIds: string[] }[];
  history: { at: string; action: PlanHistoryAction; by: string; comment: string | null }[];
  reviewStep: ReviewStep | null;
  submittedAt: string | null;
  forwardedAt: string | null;
  filedAt: string | null;
  version: number;
  /**
   * The targets measured from the inspections actually sent (issue 13 §4): 现场检查家次 (`onsite_checks`,
   * the unit's own on-site inspections by month) and 现场检查覆盖率 (`provider_coverage`, its
   * institutions inspected on site this year). Other targets keep their typed progress.
   */
  measured: MeasuredTarget[];
}

export interface MeasuredTarget {
  targetCode: 'onsite_checks' | 'provider_coverage';
  unit: 'count' | 'percent';
  target: number;
  value: number;
  /** onsite_checks: by month inspected (index 0 = January). */
  byMonth: number[] | null;
  /** provider_coverage: institutions inspected on site / institutions held. */
  of: { done: number; total: number } | null;
}

export type StatusCounts = Record<PlanStatus, number> & { overdue: number; units: number };

export interface FilingBoardRow {
  regionCode: string;
  regionName: string;
  level: Exclude<RegionLevel, 'nation'>;
  drillable: boolean;
  statusCounts: StatusCounts;
  plannedToDate: number;
  doneToDate: number;
  plan: PlanSummary | null;
}

export interface FilingBoard {
  year: number;
  region: { code: string; name: string; level: RegionLevel };
  /**
   * Whether the province opened the year's planning cycle: a region with no plan of its own (no
   * drafting unit for that year) is then told so, not that planning was never opened (issue 16).
   */
  cycleOpened: boolean;
  totals: StatusCounts;
  rows: FilingBoardRow[];
}

const STATUSES: readonly PlanStatus[] = ['not_started', 'draft', 'submitted', 'forwarded', 'returned', 'filed', 'closed'];

/**
 * The plans lists' parameters (issue 16 §2): the year (the current one in China by default), the
 * shared search (`q`: the drafting unit's name or code), region, status, period (the submission
 * day), sort and paging.
 */
export interface PlanListFilter extends ListParams { year?: number; status?: string; page?: number; pageSize?: number }

/** The plans visible to the reader (row-level security), a page of them. */
export class ListPlansQuery extends ListQuery<PlanListFilter, PlanSummary> {}

/** The plans waiting for the reader's step, a page of them. */
export class ReviewQueueQuery extends ListQuery<PlanListFilter, PlanSummary> {}

/** The filtered plans of the list (`queue`: of the review queue), all of them, for the Excel export. */
export class ExportPlansQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: PlanListFilter, readonly queue: boolean, readonly sink: ExportSink<PlanSummary>) {
    super(actor);
  }
}

export class FilingBoardQuery extends ActorQuery<FilingBoard> {
  constructor(actor: Actor, readonly year: number | undefined, readonly regionCode: string | undefined) {
    super(actor);
  }
}

export class GetPlanQuery extends ByIdQuery<PlanDetail> {}

function chinaYearMonth(now: Date): [number, number] {
  const day = chinaDateOf(now);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
}

/** Months of the plan year that have begun: "to date" for planned and done quantities. */
function monthsToDate(year: number, now: Date): number {
  const [currentYear, currentMonth] = chinaYearMonth(now);
  return year < currentYear ? 12 : year > currentYear ? 0 : currentMonth;
}

/** The same rule as AnnualPlan.reviewStep, on a row. */
function reviewStepOf(status: PlanStatus, level: UnitLevel): ReviewStep | null {
  if (status === 'forwarded') return 'city_bureau';
  if (status !== 'submitted') return null;
  return level === 'county' ? 'city_agency' : 'province';
}

// The read side goes straight to SQL; row-level security scopes every statement to the reader.
// Planned-to-date is read from the plan's cumulative column; done-to-date adds up the reports of
// count-target tasks (an index lookup per plan on the progress key).
/** The summary statement; `months` is the months-to-date: a placeholder, or an integer literal for the lists. */
const summarySql = (months: string) => `
  select p.id, p.year, p.owner_org_id, o.name as unit_name, o.region_code, r.name as region_name, p.unit_level,
         p.status, p.overdue, p.submitted_at, p.forwarded_at, p.filed_at, p.region_path,
         coalesce((p.planned_cumulative ->> ${months}::int)::float8, 0) as planned_to_date,
         coalesce((select sum(g.done_quantity) from annual_plan_progress g
                    where g.plan_id = p.id and g.counted and g.month <= ${months}::int), 0)::float8 as done_to_date
    from annual_plan p
    join organization o on o.id = p.owner_org_id
    join region r on r.code = o.region_code`;
const SUMMARY = summarySql('?');

/** The plan and its drafting unit, as both the summary and the detail statements select them. */
interface PlanUnitColumns {
  id: string;
  year: number;
  owner_org_id: string;
  unit_name: string;
  region_code: string;
  region_name: string;
  unit_level: UnitLevel;
}

/**
 * A row of SUMMARY. Timestamps are PostgreSQL's text (`2027-01-10 02:00:00.123+00`): the
 * connection leaves `timestamptz` unparsed. The sums are cast to float8, which the driver reads as
 * numbers (a `numeric` would come back as a string).
 */
interface PlanSummaryRow extends PlanUnitColumns {
  status: PlanStatus;
  overdue: boolean;
  submitted_at: string | null;
  forwarded_at: string | null;
  filed_at: string | null;
  region_path: string;
  planned_to_date: number;
  done_to_date: number;
}

function toSummary(r: PlanSummaryRow): PlanSummary {
  return {
    id: r.id,
    year: r.year,
    unitId: r.owner_org_id,
    unitName: r.unit_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    level: r.unit_level,
    status: r.status,
    overdue: r.overdue,
    reviewStep: reviewStepOf(r.status, r.unit_level),
    submittedAt: isoOrNull(r.submitted_at),
    forwardedAt: isoOrNull(r.forwarded_at),
    filedAt: isoOrNull(r.filed_at),
    plannedToDate: r.planned_to_date,
    doneToDate: r.done_to_date,
  };
}

function yearOr(year: number | undefined, now: Date): number {
  return year ?? chinaYearMonth(now)[0];
}

/** The sortable columns of the plans' lists (`sort=field` or `-field`). */
export const PLAN_SORT: SortFields = {
  unit: 'o.name', region: 'p.region_path', status: 'p.status', overdue: 'p.overdue',
  submittedAt: 'p.submitted_at', forwardedAt: 'p.forwarded_at', filedAt: 'p.filed_at',
};
const PLAN_ORDER = 'p.region_path, p.id';
/** The queue: oldest waiting first. */
const QUEUE_ORDER = 'coalesce(p.forwarded_at, p.submitted_at), p.region_path, p.id';
const PLAN_COUNT = 'from annual_plan p join organization o on o.id = p.owner_org_id';

/**
 * A plans list's statement and conditions (null: empty by construction). Row-level security scopes
 * the rows; the subtree predicate only lets PostgreSQL use the (year, region_path) index.
 */
async function planList(uow: UnitOfWork, actor: Actor, filter: PlanListFilter, queue: boolean) {
  const order = sortOrder(filter.sort, PLAN_SORT, 'p.id', queue ? QUEUE_ORDER : PLAN_ORDER);
  const wanted = statusList(filter.status, STATUSES);
  const now = new Date();
  const year = yearOr(filter.year, now);
  const statement = { count: PLAN_COUNT, select: summarySql(String(monthsToDate(year, now))), order };
  const where = new Conditions();
  where.add('p.year = ?', year);
  if (queue) {
    const waiting = waitingFor(actor);
    if (!waiting.length) return { statement, where: null };
    where.add(`p.reviewer_region_path = ? and (p.unit_level, p.status) in (${waiting.map(() => '(?, ?)').join(', ')})`, actor.regionPath, ...waiting.flat());
  } else if (actor.regionPath !== '/') {
    where.add('p.region_path like ?', likePrefix(actor.regionPath));
  }
  if (wanted.length) where.add('p.status = any(?::text[])', pgArray(wanted));
  const found = await addListFilters(uow.em, where, filter,
    { institutionName: 'o.name', institutionCode: 'p.owner_org_id', regionPath: 'p.region_path', date: 'p.submitted_at' }, actor.regionPath);
  return { statement, where: found ? where : null };
}

async function planPage(uow: UnitOfWork, actor: Actor, filter: PlanListFilter, queue: boolean) {
  const { statement, where } = await planList(uow, actor, filter, queue);
  if (!where) return { items: [], total: 0 };
  const { rows, total } = await listPage<PlanSummaryRow>(uow.em, statement, where, paging(filter.page, filter.pageSize));
  return { items: rows.map(toSummary), total };
}

@QueryHandler(ListPlansQuery)
export class ListPlansHandler implements IQueryHandler<ListPlansQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ actor, filter }: ListPlansQuery) {
    return planPage(this.uow, actor, filter, false);
  }
}

@QueryHandler(ExportPlansQuery)
export class ExportPlansHandler implements IQueryHandler<ExportPlansQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, filter, queue, sink }: ExportPlansQuery) {
    const { statement, where } = await planList(this.uow, actor, filter, queue);
    return exportListRows<PlanSummaryRow, PlanSummary>(this.uow.em, where, statement, sink, (rows) => rows.map(toSummary));
  }
}

/** The (unit level, status) pairs of the plans waiting for the actor's step. */
function waitingFor(actor: Actor): [UnitLevel, PlanStatus][] {
  const waiting: [UnitLevel, PlanStatus][] = [];
  const city = levelOfPath(actor.regionPath) === 'city' && hasRole(actor, 'city_agency_staff');
  if (city && actor.organizationKind === 'agency') waiting.push(['county', 'submitted']);
  if (city && actor.organizationKind === 'bureau') waiting.push(['county', 'forwarded']);
  if (hasRole(actor, 'province_official') && levelOfPath(actor.regionPath) === 'province' && actor.organizationKind !== 'institution') {
    waiting.push(['city', 'submitted']);
  }
  return waiting;
}

/**
 * The plans waiting for the actor's review in every year (issue 16 §1: a plan submitted for next
 * year must not hide behind the current year), with the earliest such year for the queue to open on.
 */
export class PlansTodoQuery extends ActorQuery<TodoCount[]> {}

@QueryHandler(PlansTodoQuery)
export class PlansTodoHandler implements IQueryHandler<PlansTodoQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor }: PlansTodoQuery): Promise<TodoCount[]> {
    const waiting = waitingFor(actor);
    if (!waiting.length) return [];
    const rows = await this.uow.em.execute<{ year: number; n: number }[]>(
      `select p.year, count(*)::int as n from annual_plan p
        where p.reviewer_region_path = ? and (p.unit_level, p.status) in (${waiting.map(() => '(?, ?)').join(', ')})
        group by p.year order by p.year`,
      [actor.regionPath, ...waiting.flat()],
    );
    const count = rows.reduce((sum, r) => sum + Number(r.n), 0);
    return count ? [{ kind: 'plans_to_review', count, nextDeadline: null, year: Number(rows[0]!.year) }] : [];
  }
}

@QueryHandler(ReviewQueueQuery)
export class ReviewQueueHandler implements IQueryHandler<ReviewQueueQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * The plans waiting for the reader's step: submitted county plans for the city agency (to review
   * and forward), forwarded county plans for the city bureau (to file), submitted city plans for the
   * province.
   */
  execute({ actor, filter }: ReviewQueueQuery) {
    return planPage(this.uow, actor, filter, true);
  }
}

/**
 * The filing board's two statements (exported for the benchmark, which runs the same SQL without
 * the API around it). Parameters: months-to-date twice, year, subtree pattern, region code ×3.
 */
export const BOARD_NODES_SQL = `with plans as (
     select p.id, p.region_path, p.status, p.overdue,
            coalesce((p.planned_cumulative ->> ?::int)::float8, 0) as planned,
            coalesce((select sum(g.done_quantity) from annual_plan_progress g
                       where g.plan_id = p.id and g.counted and g.month <= ?), 0)::float8 as done
       from annual_plan p
      where p.year = ? and p.region_path like ?
   ), nodes as (
     select code, name, level, path, code = ? as is_self from region where code = ? or parent_code = ?
   )
   select n.code, n.name, n.level, n.is_self, n.path,
          count(p.id)::int as units, count(p.id) filter (where p.region_path <> n.path)::int as units_below,
          ${STATUSES.map((s) => `count(p.id) filter (where p.status = '${s}')::int as ${s}`).join(', ')},
          count(p.id) filter (where p.overdue)::int as overdue,
          coalesce(sum(p.planned), 0)::float8 as planned, coalesce(sum(p.done), 0)::float8 as done
     from nodes n
     left join plans p on case when n.is_self then p.region_path = n.path else p.region_path like n.path || '%' end
    group by n.code, n.name, n.level, n.is_self, n.path
    order by n.is_self desc, n.code`;

/** A row of BOARD_NODES_SQL: a region (or the region's own unit, `is_self`) and the counts of its plans. */
type BoardNodeRow = Record<PlanStatus, number> & {
  code: string;
  name: string;
  level: RegionLevel;
  is_self: boolean;
  path: string;
  units: number;
  units_below: number;
  overdue: number;
  planned: number;
  done: number;
};

/** Parameters: months-to-date twice, year, the rows' region paths as a text[] literal. */
export const BOARD_OWN_PLANS_SQL = `${SUMMARY} where p.year = ? and p.region_path = any(?::text[])`;

@QueryHandler(FilingBoardQuery)
export class FilingBoardHandler implements IQueryHandler<FilingBoardQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Two statements whatever the region: the counts of every row (a region below, or the region's
   * own unit), then the rows' own plans. Rows are the region's children; a city or county board
   * also shows the region's own unit first, so that the rows add up to the totals.
   */
  async execute({ actor, year, regionCode }: FilingBoardQuery): Promise<FilingBoard> {
    if (actor.organizationKind === 'institution') {
      throw DomainError.forbidden('plan_board_forbidden', {
        zh: '定点医药机构无权查看方案备案情况',
        en: 'designated institutions may not view the filing board',
      });
    }
    const path = regionCode ? regionPathOf(regionCode) : actor.regionPath;
    const code = codeOfPath(path);
    if (!isWithin(path, actor.regionPath)) throw DomainError.notFound({ zh: '行政区划', en: 'region' }, regionCode ?? code);
    const now = new Date();
    const y = yearOr(year, now);
    const months = monthsToDate(y, now);
    const em = this.uow.em;

    const nodes = await em.execute<BoardNodeRow[]>(BOARD_NODES_SQL, [months, months, y, `${path}%`, code, code, code]);
    const self = nodes.find((n) => n.is_self);
    if (!self) throw DomainError.notFound({ zh: '行政区划', en: 'region' }, regionCode ?? code);
    const level = self.level;
    const shown = nodes.filter((n) => !n.is_self || level === 'city' || level === 'county');

    const own = await em.execute<PlanSummaryRow[]>(BOARD_OWN_PLANS_SQL, [months, months, y, `{${shown.map((n) => n.path).join(',')}}`]);
    const planAt = new Map(own.map((r) => [r.region_path, toSummary(r)]));

    const totals = emptyCounts();
    const rows = shown.map((n): FilingBoardRow => {
      const statusCounts = emptyCounts();
      for (const s of STATUSES) statusCounts[s] = n[s];
      statusCounts.overdue = n.overdue;
      statusCounts.units = n.units;
      for (const k of Object.keys(totals) as (keyof StatusCounts)[]) totals[k] += statusCounts[k];
      return {
        regionCode: n.code,
        regionName: n.name,
        level: n.level as FilingBoardRow['level'],
        drillable: !n.is_self && n.level !== 'county' && n.units_below > 0,
        statusCounts,
        plannedToDate: n.planned,
        doneToDate: n.done,
        plan: planAt.get(n.path) ?? null,
      };
    });
    const cycleOpened = totals.units > 0
      || (await em.execute<{ opened: boolean }[]>('select plan_cycle_opened(?) as opened', [y]))[0]?.opened === true;
    return { year: y, region: { code: self.code, name: self.name, level }, cycleOpened, totals, rows };
  }
}

function emptyCounts(): StatusCounts {
  return { not_started: 0, draft: 0, submitted: 0, forwarded: 0, returned: 0, filed: 0, closed: 0, overdue: 0, units: 0 };
}

/** A row of GetPlanHandler's plan statement (deadline as YYYY-MM-DD; `version` is the edit version). */
interface PlanDetailRow extends PlanUnitColumns {
  reviewer_code: string;
  reviewer_name: string;
  status: PlanStatus;
  overdue: boolean;
  deadline: string;
  content: PlanContent | null;
  schedule: ScheduleTask[];
  submitted_at: string | null;
  forwarded_at: string | null;
  filed_at: string | null;
  version: number;
}

/** A row of `annual_plan_history` as GetPlanHandler reads it. */
interface PlanHistoryRow {
  at: string;
  action: PlanHistoryAction;
  by_name: string;
  comment: string | null;
}

/** A row of `annual_plan_progress` as GetPlanHandler reads it (`double precision` is a number; the uuid[] cast to text[]). */
interface PlanProgressRow {
  task_id: string;
  month: number;
  done_quantity: number;
  note: string | null;
  attachment_ids: string[];
}

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery> {
  constructor(private readonly uow: UnitOfWork, private readonly queryBus: QueryBus) {}

  /** The standard countable targets of an agency's plan, measured through the inspections' read contract. */
  private async measured(actor: Actor, unitId: string, year: number, content: PlanContent | null): Promise<MeasuredTarget[]> {
    const targets = (content?.targets ?? []).filter((t) => t.code === 'onsite_checks' || t.code === 'provider_coverage');
    if (!targets.length || !unitId.startsWith('agency-')) return [];
    const f = await this.queryBus.execute(new AgencyInspectionFiguresQuery(actor, unitId, year));
    return targets.map((t): MeasuredTarget => t.code === 'onsite_checks'
      ? { targetCode: 'onsite_checks', unit: 'count', target: t.value, value: f.onSiteByMonth.reduce((a, b) => a + b, 0), byMonth: f.onSiteByMonth, of: null }
      : {
        targetCode: 'provider_coverage', unit: 'percent', target: t.value,
        value: f.institutions ? Math.round((f.onSiteInstitutions / f.institutions) * 1000) / 10 : 0, byMonth: null,
        of: { done: f.onSiteInstitutions, total: f.institutions },
      });
  }

  async execute({ actor, id }: GetPlanQuery): Promise<PlanDetail> {
    const em = this.uow.em;
    const [p] = isUuid(id)
      ? await em.execute<PlanDetailRow[]>(
        `select p.id, p.year, p.owner_org_id, o.name as unit_name, o.region_code, r.name as region_name, p.unit_level,
                rr.code as reviewer_code, rr.name as reviewer_name, p.status, p.overdue,
                to_char(p.deadline, 'YYYY-MM-DD') as deadline, p.content, p.schedule, p.submitted_at, p.forwarded_at, p.filed_at, p.edit_version as version
           from annual_plan p
           join organization o on o.id = p.owner_org_id
           join region r on r.code = o.region_code
           join region rr on rr.path = p.reviewer_region_path
          where p.id = ?`,
        [id],
      )
      : [];
    if (!p) throw DomainError.notFound({ zh: '年度监管方案', en: 'annual plan' }, id);
    const history = await em.execute<PlanHistoryRow[]>(
      `select at, action, by_name, comment from annual_plan_history where plan_id = ? order by at, id`,
      [id],
    );
    const progress = await em.execute<PlanProgressRow[]>(
      `select task_id, month, done_quantity, note, attachment_ids::text[] as attachment_ids
         from annual_plan_progress where plan_id = ? order by month, task_id`,
      [id],
    );
    return {
      id: p.id,
      year: p.year,
      unit: {
        id: p.owner_org_id,
        name: p.unit_name,
        regionCode: p.region_code,
        regionName: p.region_name,
        level: p.unit_level,
      },
      reviewer: { regionCode: p.reviewer_code, regionName: p.reviewer_name },
      status: p.status,
      overdue: p.overdue,
      deadline: p.deadline,
      content: p.content,
      schedule: p.schedule,
      progress: progress.map((g) => ({
        taskId: g.task_id,
        month: g.month,
        doneQuantity: g.done_quantity,
        note: g.note,
        attachmentIds: g.attachment_ids,
      })),
      history: history.map((h) => ({
        at: new Date(h.at).toISOString(),
        action: h.action,
        by: h.by_name,
        comment: h.comment,
      })),
      reviewStep: reviewStepOf(p.status, p.unit_level),
      submittedAt: isoOrNull(p.submitted_at),
      forwardedAt: isoOrNull(p.forwarded_at),
      filedAt: isoOrNull(p.filed_at),
      version: p.version,
      measured: await this.measured(actor, p.owner_org_id, p.year, p.content),
    };
  }
}
