import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../kernel/errors.js';
import { isUuid } from '../../../platform/database/sql.js';
import { SqlRepository } from '../../../platform/tenancy/sql-repository.js';
import { EMPTY_AUTO, EMPTY_MANUAL, MonthlyReport, type AutoFigures, type ManualFigures, type ReportLevel, type ReportStatus } from '../domain/monthly-report.js';
import { monthBounds } from '../domain/schedule.js';
import { actuallyRecoveredByCountyMonth } from '../../findings/index.js';
import { ledgerCountsByCountyMonth } from '../../leads/index.js';
import { tipCountsByCountyMonth } from '../../tips/index.js';

export interface CountyRef { code: string; name: string; path: string; cityCode: string; cityName: string; bureauId: string; bureauName: string }

export const REPORT_COLUMNS = `r.id, r.region_path, r.owner_org_id, r.level, r.region_code, r.city_code, to_char(r.month, 'YYYY-MM') as month, r.status,
  r.auto, r.manual, r.auto_at, r.due_at, r.submitted_by, r.submitted_at, r.signed_by, r.signed_at, r.late, r.overdue, r.overdue_at,
  r.returned_comment, r.compiled, r.filed_by, r.filed_at, r.created_at, r.updated_at, r.version`;

/**
 * A row of REPORT_COLUMNS. Timestamps are strings as the driver returns them; `auto` and `manual`
 * are the stored jsonb (completed with the defaults when mapped); `compiled` is a city's
 * compilation (application/handlers.ts `Compiled`), null for a county.
 */
export interface ReportRow {
  id: string; region_path: string; owner_org_id: string; level: ReportLevel; region_code: string; city_code: string; month: string; status: ReportStatus;
  auto: Partial<AutoFigures> | null; manual: Partial<ManualFigures> | null; auto_at: string | null; due_at: string;
  submitted_by: string | null; submitted_at: string | null; signed_by: string | null; signed_at: string | null;
  late: boolean; overdue: boolean; overdue_at: string | null; returned_comment: string | null; compiled: unknown;
  filed_by: string | null; filed_at: string | null; created_at: string; updated_at: string; version: number;
}

/** A row of assembleFigures' statement: one county's month (counts are bigint and sums numeric: strings; absent: null). */
interface FiguresRow {
  county: string; month: string; inspections: string | null; institutions: string | null; findings: string | null; amount: string | null;
  recovered: string | null; refunded: string | null; filed: string | null; decided: string | null; overdue: string | null;
  decisions: string | null; suspended: string | null; terminated: string | null; refused: string | null; measures: Record<string, number> | null;
}

const num = (v: unknown) => Number(v ?? 0);
const money = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;

export function toReport(r: ReportRow): MonthlyReport {
  return Object.assign(new MonthlyReport(), {
    id: r.id, regionPath: r.region_path, ownerOrgId: r.owner_org_id, level: r.level, regionCode: r.region_code, cityCode: r.city_code,
    month: r.month, status: r.status, auto: { ...EMPTY_AUTO, ...(r.auto ?? {}) }, manual: { ...EMPTY_MANUAL, ...(r.manual ?? {}) },
    autoAt: r.auto_at ? new Date(r.auto_at) : null, dueAt: new Date(r.due_at), submittedBy: r.submitted_by ?? null,
    submittedAt: r.submitted_at ? new Date(r.submitted_at) : null, signedBy: r.signed_by ?? null, signedAt: r.signed_at ? new Date(r.signed_at) : null,
    late: Boolean(r.late), overdue: Boolean(r.overdue), overdueAt: r.overdue_at ? new Date(r.overdue_at) : null,
    returnedComment: r.returned_comment ?? null, filedBy: r.filed_by ?? null, filedAt: r.filed_at ? new Date(r.filed_at) : null,
    version: Number(r.version),
  });
}

/**
 * A statement runner: the unit of work's, or the activity generator's own transaction (seed/activity.ts).
 * Its rows are typed by the statement that runs them (CountyRef, FiguresRow).
 */
export type SqlExec = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/** The counties of a province or a city with their bureaus (the units that file a report), by code. */
export async function countiesOf(exec: SqlExec, parentPath: string): Promise<CountyRef[]> {
  return (await exec(
    `select k.code, k.name, k.path, c.code as "cityCode", c.name as "cityName", b.id as "bureauId", b.name as "bureauName"
       from region k join region c on c.code = k.parent_code
       join organization b on b.id = 'bureau-' || k.code and b.kind = 'bureau'
      where k.level = 'county' and k.path like ? order by k.code`, [`${parentPath}%`])) as CountyRef[];
}

/** The county code of a county's path (`/32/3201/320102/` → `320102`). */
export function countyCodeOfPath(path: string): string {
  const m = /^\/\d{2}\/\d{4}\/(\d{6})\/$/.exec(path);
  if (!m) throw new Error(`not a county path: ${path}`);
  return m[1]!;
}

/**
 * What the suite's records say about the counties below `scopePath` (a county's path: that county;
 * a province's: each of its counties) in each month from `fromMonth` to `toMonth` (inclusive), China
 * time, keyed `<county code>|<YYYY-MM>` (absent: nothing at all that month). One statement for all,
 * grouped by the county of each record's path (records sit at their institution's county path) and
 * its month: the report's opening, saves and submission assemble one county's month with it; the
 * demo activity generator a province's year.
 *
 * Per county and month: inspections sent (by inspected_on) and the distinct institutions; findings
 * created in the month with their amounts and the recovered part (confirmed, deemed confirmed,
 * decided); handling decisions created in the month: by measure (1 per decision having it), refused
 * amounts once effective, suspended settlements, agreements terminated (effective, not on hold for a
 * dispute); amounts refunded by self-inspections submitted in the month; disputes filed and decided in
 * the month; rectifications flagged overdue (due before the month's end, not closed: a stock); the
 * amounts actually recovered in the month (by recovery date), from the findings context.
 */
export async function assembleFigures(exec: SqlExec, scopePath: string, fromMonth: string, toMonth: string): Promise<Map<string, AutoFigures>> {
  const { from, fromAt } = monthBounds(fromMonth);
  const { to, toAt } = monthBounds(toMonth);
  const scope = `${scopePath}%`;
  const county = (col = 'region_path') => `split_part(${col}, '/', 4)`;
  const monthOf = (col: string) => `to_char(${col} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const rows = (await exec(
    `with mo as (
       select to_char(g, 'YYYY-MM') as month, (g + interval '1 month')::date as next
         from generate_series(?::date, ?::date - 1, interval '1 month') g
     ), i as (
       select ${county()} as county, to_char(inspected_on, 'YYYY-MM') as month, count(*) as inspections, count(distinct institution_id) as institutions
         from inspection where region_path like ? and status = 'sent' and inspected_on >= ?::date and inspected_on < ?::date
        group by 1, 2
     ), f as (
       select ${county()} as county, ${monthOf('created_at')} as month, count(*) as findings, coalesce(sum(amount), 0) as amount,
              coalesce(sum(amount) filter (where status in ('confirmed', 'deemed_confirmed', 'decided')), 0) as recovered
         from finding where region_path like ? and created_at >= ? and created_at < ?
        group by 1, 2
     ), d as (
       select id, ${county()} as county, ${monthOf('created_at')} as month, measures, effective_at, settlement, termination_on_hold
         from handling_decision where region_path like ? and created_at >= ? and created_at < ?
     ), dm as (
       select county, month, count(*) as decisions, count(*) filter (where settlement <> 'normal') as suspended,
              count(*) filter (where effective_at is not null and not termination_on_hold
                                 and measures @> '[{"kind": "terminate_agreement"}]'::jsonb) as terminated
         from d group by 1, 2
     ), m as (
       select d.county, d.month, x->>'kind' as kind, count(distinct d.id) as n,
              coalesce(sum((x->>'amount')::numeric) filter (where d.effective_at is not null and x->>'kind' in ('refuse_payment', 'clinician_refuse_payment')), 0) as refused
         from d cross join lateral jsonb_array_elements(d.measures) x group by 1, 2, 3
     ), mm as (
       select county, month, sum(refused) as refused, jsonb_object_agg(kind, n) as measures from m group by 1, 2
     ), s as (
       select ${county()} as county, ${monthOf('submitted_at')} as month, coalesce(sum(refunded_amount), 0) as refunded
         from self_inspection where region_path like ? and status = 'submitted' and submitted_at >= ? and submitted_at < ?
        group by 1, 2
     ), df as (
       select ${county()} as county, ${monthOf('created_at')} as month, count(*) as filed
         from dispute where region_path like ? and created_at >= ? and created_at < ?
        group by 1, 2
     ), dd as (
       select ${county()} as county, ${monthOf('at')} as month, count(distinct dispute_id) as decided
         from dispute_history where region_path like ? and action like 'decided%' and at >= ? and at < ?
        group by 1, 2
     ), ro as (
       select ${county('h.region_path')} as county, mo.month, count(*) as overdue
         from handling_decision h join mo on (h.rectification->>'due')::date < mo.next
        where h.region_path like ? and h.status <> 'closed' and coalesce((h.rectification->>'overdue')::boolean, false)
        group by 1, 2
     ), k as (
       select county, month from i union select county, month from f union select county, month from dm union select county, month from s
       union select county, month from df union select county, month from dd union select county, month from ro
     )
     select k.county, k.month, i.inspections, i.institutions, f.findings, f.amount, f.recovered, s.refunded, df.filed, dd.decided, ro.overdue,
            dm.decisions, dm.suspended, dm.terminated, mm.refused, mm.measures
       from k left join i using (county, month) left join f using (county, month) left join dm using (county, month)
       left join mm using (county, month) left join s using (county, month) left join df using (county, month)
       left join dd using (county, month) left join ro using (county, month)`,
    [from, to, scope, from, to, scope, fromAt, toAt, scope, fromAt, toAt, scope, fromAt, toAt, scope, fromAt, toAt, scope, fromAt, toAt, scope])) as FiguresRow[];
  const actual = await actuallyRecoveredByCountyMonth(exec, scopePath, from, to);
  const out = new Map<string, AutoFigures>();
  for (const r of rows) {
    const measures = Object.fromEntries(Object.entries(r.measures ?? {}).map(([k, v]) => [k, num(v)]));
    out.set(`${r.county}|${r.month}`, {
      inspections: num(r.inspections), institutionsInspected: num(r.institutions), findings: num(r.findings), findingAmount: money(r.amount),
      recoveredAmount: money(r.recovered), actualRecoveredAmount: actual.get(`${r.county}|${r.month}`) ?? 0, refusedAmount: money(r.refused), refundedAmount: money(r.refunded), decisions: num(r.decisions),
      measures, settlementSuspended: num(r.suspended), agreementsTerminated: num(r.terminated), disputesFiled: num(r.filed),
      disputesDecided: num(r.decided), rectificationOverdue: num(r.overdue), casesOpened: 0, casesClosed: 0, tipsReceived: 0, tipsRewarded: 0,
    });
  }
  // A month with recoveries and nothing else recorded.
  for (const [key, amount] of actual) {
    if (!out.has(key)) out.set(key, { ...EMPTY_AUTO, measures: {}, actualRecoveredAmount: amount });
  }
  // 立案/结案 from the leads ledger, 受理举报/举报奖励 from the tips intake (issue 17), through their contexts.
  const ledger = await ledgerCountsByCountyMonth(exec, scopePath, from, to);
  const tips = await tipCountsByCountyMonth(exec, scopePath, from, to);
  const figuresOf = (key: string) => out.get(key) ?? out.set(key, { ...EMPTY_AUTO, measures: {} }).get(key)!;
  for (const [key, c] of ledger) Object.assign(figuresOf(key), { casesOpened: c.opened, casesClosed: c.closed });
  for (const [key, c] of tips) Object.assign(figuresOf(key), { tipsReceived: c.received, tipsRewarded: c.rewarded });
  return out;
}

/**
 * Monthly reports in the current unit of work, with SQL (row-level security applies to every
 * statement; scope predicates are added next to it so that the indexes can be used).
 */
@Injectable()
export class MonthlyReports extends SqlRepository {
  // ---- directory

  /** The counties of a province or a city with their bureaus (the units that file a report). */
  async counties(parentPath: string): Promise<CountyRef[]> {
    return countiesOf((sql, params) => this.q(sql, params), parentPath);
  }

  async region(code: string): Promise<{ code: string; name: string; path: string; level: string } | null> {
    const [r] = await this.q<{ code: string; name: string; path: string; level: string }>(`select code, name, path, level from region where code = ?`, [code]);
    return r ?? null;
  }

  async organization(id: string): Promise<{ id: string; name: string; regionPath: string } | null> {
    const [r] = await this.q<{ id: string; name: string; region_path: string }>(`select id, name, region_path from organization where id = ?`, [id]);
    return r ? { id: r.id, name: r.name, regionPath: r.region_path } : null;
  }

  // ---- reports

  async load(id: string, lock = true): Promise<MonthlyReport> {
    const [r] = isUuid(id) ? await this.q<ReportRow>(`select ${REPORT_COLUMNS} from monthly_report r where r.id = ?${lock ? ' for update' : ''}`, [id]) : [];
    if (!r) throw DomainError.notFound({ zh: '月报表', en: 'monthly report' }, id);
    return this.uow.track(toReport(r));
  }

  async row(id: string): Promise<ReportRow | null> {
    if (!isUuid(id)) return null;
    const [r] = await this.q<ReportRow>(`select ${REPORT_COLUMNS} from monthly_report r where r.id = ?`, [id]);
    return r ?? null;
  }

  async save(r: MonthlyReport): Promise<void> {
    this.uow.track(r);
    await this.q(
      `update monthly_report set status = ?, auto = ?::jsonb, manual = ?::jsonb, auto_at = ?, submitted_by = ?, submitted_at = ?, signed_by = ?, signed_at = ?,
              late = ?, overdue = ?, overdue_at = ?, returned_comment = ?, filed_by = ?, filed_at = ?, updated_at = now(), version = version + 1 where id = ?`,
      [r.status, JSON.stringify(r.auto), JSON.stringify(r.manual), r.autoAt, r.submittedBy, r.submittedAt, r.signedBy, r.signedAt,
        r.late, r.overdue, r.overdueAt, r.returnedComment, r.filedBy, r.filedAt, r.id]);
  }

  /** Inserts the county's report of the month unless it exists; returns it when it was created. */
  async insertCounty(id: string, county: CountyRef, month: string, dueAt: Date, auto: AutoFigures, now: Date): Promise<MonthlyReport | null> {
    const [row] = await this.q<{ id: string }>(
      `insert into monthly_report (id, region_path, owner_org_id, level, region_code, city_code, month, status, auto, manual, auto_at, due_at, created_at, updated_at)
       values (?, ?, ?, 'county', ?, ?, ?::date, 'draft', ?::jsonb, ?::jsonb, ?, ?, ?, ?)
       on conflict (owner_org_id, month) do nothing returning id`,
      [id, county.path, county.bureauId, county.code, county.cityCode, `${month}-01`, JSON.stringify(auto), JSON.stringify(EMPTY_MANUAL), now, dueAt, now, now]);
    if (!row) return null;
    return this.load(id);
  }

  /** The month's reports of the units below `parentPath` (locked when asked). */
  async ofMonth(parentPath: string, month: string, level: ReportLevel, lock = false): Promise<ReportRow[]> {
    return this.q<ReportRow>(
      `select ${REPORT_COLUMNS} from monthly_report r where r.region_path like ? and r.month = ?::date and r.level = ? order by r.region_code${lock ? ' for update' : ''}`,
      [`${parentPath}%`, `${month}-01`, level]);
  }

  /**
   * Flags the month's county reports not submitted by `at` (at or after their due instant) overdue,
   * once: a second run finds none. Returns the flagged ones.
   */
  async flagOverdue(parentPath: string, month: string, at: Date): Promise<ReportRow[]> {
    return this.q<ReportRow>(
      `update monthly_report r set overdue = true, overdue_at = ?, updated_at = now(), version = version + 1
        where r.region_path like ? and r.month = ?::date and r.level = 'county' and r.status <> 'submitted' and not r.overdue and r.due_at <= ?
        returning ${REPORT_COLUMNS}`,
      [at, `${parentPath}%`, `${month}-01`, at]);
  }

  /** The city's report of the month, locked (null before the first compilation). */
  async cityReport(cityCode: string, month: string): Promise<MonthlyReport | null> {
    const [r] = await this.q<ReportRow>(`select ${REPORT_COLUMNS} from monthly_report r where r.owner_org_id = ? and r.month = ?::date and r.level = 'city' for update`,
      [`bureau-${cityCode}`, `${month}-01`]);
    return r ? this.uow.track(toReport(r)) : null;
  }

  /**
   * Inserts or refreshes the city's compiled report (status `compiled`: waiting for the bureau's
   * filing). The owner is the city bureau (`bureau-<city>`), with which it is filed; the city agency
   * compiles it and reads it through the city's subtree.
   */
  async upsertCity(id: string, city: { code: string; path: string }, month: string, dueAt: Date, auto: unknown, manual: unknown, compiled: unknown, now: Date): Promise<string> {
    const [row] = await this.q<{ id: string }>(
      `insert into monthly_report (id, region_path, owner_org_id, level, region_code, city_code, month, status, auto, manual, auto_at, due_at, compiled, created_at, updated_at)
       values (?, ?, ?, 'city', ?, ?, ?::date, 'compiled', ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?, ?)
       on conflict (owner_org_id, month) do update set status = 'compiled', auto = excluded.auto, manual = excluded.manual, auto_at = excluded.auto_at,
         compiled = excluded.compiled, updated_at = excluded.updated_at, version = monthly_report.version + 1
         where monthly_report.status <> 'filed'
       returning id`,
      [id, city.path, `bureau-${city.code}`, city.code, city.code, `${month}-01`, JSON.stringify(auto), JSON.stringify(manual), now, dueAt,
        JSON.stringify(compiled), now, now]);
    return row!.id;
  }

  /** Replaces the city report's compilation (the bulletin re-dated when the bureau files it). */
  async setCompiled(id: string, compiled: unknown): Promise<void> {
    await this.q(`update monthly_report set compiled = ?::jsonb where id = ? and level = 'city'`, [JSON.stringify(compiled), id]);
  }

  // ---- the suite's own figures of a month

  /**
   * What the suite's records say about a county's subtree in a month (`regionPath`: the county's
   * path): {@link assembleFigures} for that one county and month.
   */
  async assemble(regionPath: string, month: string): Promise<AutoFigures> {
    return (await this.assembleBelow(regionPath, month))(countyCodeOfPath(regionPath));
  }

  /**
   * The figures of every county below `parentPath` (a province when the cycle opens the month) by one
   * {@link assembleFigures}: the county's figures by its code (the empty figures when nothing happened).
   */
  async assembleBelow(parentPath: string, month: string): Promise<(countyCode: string) => AutoFigures> {
    const figures = await assembleFigures((sql, params) => this.q(sql, params), parentPath, month, month);
    return (county) => figures.get(`${county}|${month}`) ?? { ...EMPTY_AUTO, measures: {} };
  }
}
