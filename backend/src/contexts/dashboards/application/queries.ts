import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { pgArray } from '../../../platform/database/sql.js';
import type { Actor } from '../../../kernel/actor.js';
import { DomainError } from '../../../kernel/errors.js';
import { codeOfPath } from '../../../kernel/region-path.js';
import {
  completeMetrics,
  FACT_KINDS,
  KIND_OF_METRIC,
  OVERDUE_PARTS,
  QUERYABLE_METRICS,
  YEAR_KINDS,
  YEAR_METRICS,
  type FactKind,
  type Metrics,
} from '../domain/metrics.js';
import { januaryOf, lastYear, monthsOf, parsePeriod, type Period } from '../domain/period.js';
import { coverageRulesOf, provinceSampleOf, type DashboardCoverageRule, type ProvinceSampleRow } from '../domain/coverage-rules.js';
import { chinaDateOf } from '../../../platform/calendar/working-days.js';

// The dashboards' read side (docs/api/dashboards-and-monthly-reports.md §2, ADR 0011). Totals and
// children come from dash_rollup (by region and period), coverage and campaigns from their rollups;
// the facts only for a county's institutions and the lists behind the numbers. Row-level security
// applies to every statement; city/county codes as equalities let PostgreSQL use the indexes.

type Level = 'nation' | 'province' | 'city' | 'county';
type ChildLevel = 'province' | 'city' | 'county' | 'institution';

// The rows of the statements below, as the driver returns them: numeric sums (and sums of int,
// bigint) are strings, `::int` counts are numbers; `num` converts.
interface RegionRow { code: string; name: string; level: Level; path: string }
interface RollupRow { region_code: string; period: string; metric: string; value: string }
interface InstitutionMetricRow { child: string; metric: string; cur: string }
interface MonthMetricRow { month: string; metric: string; value: string }
interface CoverageSqlRow {
  child: string; kind: string; period: string; inspected: number; twice: number; first_inspected: number; first_on_site: number;
  key_second: number; high_credit_on_site: number; first_spot_check: number;
}
interface PopulationRow { child: string; kind: string; institutions: number; key: number; high_credit: number }
interface CampaignSqlRow { campaign_id: string; title: string; phase: string; tasks: number; submitted: number; late: number; missing: number }
interface ItemRow {
  kind: FactKind; item_id: string; status: string; month: string; value: string; institution_id: string | null; institution_name: string | null;
  county_name: string | null; city_name: string | null; ref_label: string | null; finding_type: string | null; amount: string | null;
}

export interface RegionRef { code: string; name: string; level: Level; path: string }
export interface ChildRow {
  code: string; name: string; level: string; drillable: boolean; metrics: Metrics;
  coverage: { institutions: number; inspected: number; ratio: number };
}
export interface DashboardCoverage {
  /** Each coverage rule against its own basis (§2.1): what the dashboard judges coverage by. */
  rules: DashboardCoverageRule[];
  /** The province's ≥10% spot-check sample, per city (a province: its cities; a city: itself; otherwise none). */
  provinceSample: ProvinceSampleRow[];
  /** The ratio of the older single gauge (the monthly rule's 10%), kept for the workbook and older readers. */
  minimumRatio: 0.1;
  /** Distinct institutions with a sent inspection (any origin and method) in the period. */
  institutions: number; inspected: number; ratio: number;
  /** The same period last year, against today's designated institutions (the directory has no history). */
  lastYear: { inspected: number; ratio: number };
  byKind: { kind: 'hospital' | 'pharmacy' | 'clinic'; institutions: number; inspected: number; ratio: number }[];
  monthly: { month: string; pharmacyClinicRatio: number }[];
  keySupervision: { institutions: number; inspectedTwice: number };
}
export interface MonthRow { month: string; findings: number; findingAmount: number; recoveredAmount: number; inspections: number; lastYearFindings: number; lastYearInspections: number }
export interface CampaignRow { id: string; title: string; phase: string; tasks: number; submitted: number; late: number; missing: number }
export interface Dashboard {
  region: RegionRef;
  breadcrumbs: { code: string; name: string; level: string }[];
  period: Period; compare: Period;
  childLevel: ChildLevel;
  totals: Metrics; totalsLastYear: Metrics;
  children: ChildRow[];
  byMonth: MonthRow[];
  coverage: DashboardCoverage;
  campaigns: CampaignRow[];
}
export interface DashboardItem {
  kind: FactKind; itemId: string; status: string; month: string; value: number;
  institutionId: string | null; institutionName: string | null; countyName: string | null; cityName: string | null; refLabel: string | null;
  /** What the item is, in the list behind a count (issue 16: not "数值 1"): a finding's type. */
  findingType: string | null;
  /** The item's own amount (a finding's, a decision's refusal, a self-inspection's refund); null when it has none. */
  amount: number | null;
}

export class GetDashboardQuery extends ActorQuery<Dashboard> {
  constructor(actor: Actor, readonly region: string | undefined, readonly period: string | undefined) { super(actor); }
}
export class ListDashboardItemsQuery extends ActorQuery<{ total: number; page: number; size: number; items: DashboardItem[] }> {
  constructor(actor: Actor, readonly params: {
    region?: string; period?: string; metric?: string; institution?: string; institutionKind?: string; ytd?: string; page?: string; size?: string;
  }) { super(actor); }
}

const KINDS = ['hospital', 'pharmacy', 'clinic'] as const;
const CHILD_LEVEL: Record<Level, ChildLevel> = { nation: 'province', province: 'city', city: 'county', county: 'institution' };
const DEPTH: Record<Level, number> = { nation: 0, province: 1, city: 2, county: 3 };
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : 0);
const num = (v: unknown) => Number(v ?? 0);
const ym = (day: string) => day.slice(0, 7);

function regionNotFound(code: string): DomainError {
  return new DomainError('not_found', 'region_not_found', {
    zh: `地区不存在或不在您的管辖范围内：${code}`, en: `region not found or outside your jurisdiction: ${code}`,
  }, { field: 'region' });
}

/** The region asked for (default: the actor's own), inside the actor's subtree. */
async function resolveRegion(uow: UnitOfWork, actor: Actor, raw: unknown): Promise<RegionRef> {
  const code = raw === undefined || raw === null || raw === '' ? codeOfPath(actor.regionPath) : String(raw).trim();
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(code)) throw regionNotFound(code);
  const [r] = await uow.em.execute<RegionRow[]>(`select code, name, level, path from region where code = ?`, [code]);
  if (!r || !r.path.startsWith(actor.regionPath)) throw regionNotFound(code);
  return { code: r.code, name: r.name, level: r.level, path: r.path };
}

/** The period filter of a fact's metric: year metrics in January, the others in the period's months. */
function periodFilter(metricCol: string, monthCol: string): string {
  return `((${metricCol} = any(?::text[]) and ${monthCol} = ?::date) or (${metricCol} <> all(?::text[]) and ${monthCol} between ?::date and ?::date))`;
}
const periodParams = (p: Period) => [pgArray(YEAR_METRICS), januaryOf(p), pgArray(YEAR_METRICS), p.from, p.to];

@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, region: rawRegion, period: rawPeriod }: GetDashboardQuery): Promise<Dashboard> {
    const period = parsePeriod(rawPeriod);
    const compare = lastYear(period);
    const region = await resolveRegion(this.uow, actor, rawRegion);
    const em = this.uow.em;
    const scope = `${region.path}%`;
    const depth = DEPTH[region.level];
    const childLevel = CHILD_LEVEL[region.level];
    const childCol = (col: string) => (childLevel === 'institution' ? `''` : `split_part(${col}, '/', ${depth + 2})`);

    const breadcrumbs = await em.execute<Omit<RegionRow, 'path'>[]>(
      `select code, name, level from region where ? like path || '%' and path like ? order by length(path)`, [region.path, `${actor.regionPath}%`]);

    const children = await this.children(region, childLevel);
    // Totals of both periods and the children's current metrics: the rollup rows of the region and
    // of its children (a few hundred rows by primary key). Year metrics count in their year.
    const isYear = new Set(YEAR_METRICS);
    const curKey = (metric: string) => (isYear.has(metric) ? period.key.slice(0, 4) : period.key);
    const prevKey = (metric: string) => (isYear.has(metric) ? compare.key.slice(0, 4) : compare.key);
    const codes = [region.code, ...(childLevel === 'institution' ? [] : children.map((c) => c.code))];
    const rolled = await em.execute<RollupRow[]>(
      `select r.region_code, r.period, r.metric, r.value from dash_rollup r
        where r.region_code = any(?::text[]) and r.period = any(?::text[]) and r.region_path like ?`,
      [pgArray(codes), pgArray([...new Set([period.key, compare.key, period.key.slice(0, 4), compare.key.slice(0, 4)])]), scope]);
    const cur: Record<string, number> = {};
    const prev: Record<string, number> = {};
    const byChild = new Map<string, Record<string, number>>();
    for (const r of rolled) {
      if (r.region_code === region.code) {
        if (r.period === curKey(r.metric)) cur[r.metric] = num(r.value);
        if (r.period === prevKey(r.metric)) prev[r.metric] = num(r.value);
      } else if (r.period === curKey(r.metric)) {
        const m = byChild.get(r.region_code) ?? {};
        m[r.metric] = num(r.value);
        byChild.set(r.region_code, m);
      }
    }

    // A county's children are its institutions: their metrics from the county's facts (small).
    if (childLevel === 'institution') {
      // Under row-level security the planner expects one fact and sorts the county's metric
      // values to group them; hashing them is twice as fast on a busy county (benchmark).
      await em.execute(`set local enable_sort = off`);
      const rows = await em.execute<InstitutionMetricRow[]>(
        `select f.institution_id as child, m.key as metric, sum(m.value::numeric) as cur
           from dash_fact f cross join lateral jsonb_each_text(f.metrics) m
          where f.county_code = ? and f.region_path like ? and f.institution_id is not null
            and f.month between ?::date and ?::date and ${periodFilter('m.key', 'f.month')}
          group by 1, 2`,
        [region.code, scope, januaryOf(period) < period.from ? januaryOf(period) : period.from, period.to, ...periodParams(period)]);
      await em.execute(`set local enable_sort = on`);
      for (const r of rows) {
        const m = byChild.get(r.child) ?? {};
        m[r.metric] = num(r.cur);
        byChild.set(r.child, m);
      }
    }

    const [byMonth, coverage, campaigns] = [
      await this.byMonth(region, scope, period, compare),
      await this.coverage(region, scope, period, compare, depth, childLevel, children),
      await this.campaigns(scope, period),
    ];
    return {
      region,
      breadcrumbs: breadcrumbs.map((b) => ({ code: b.code, name: b.name, level: b.level })),
      period, compare, childLevel,
      totals: completeMetrics(cur),
      totalsLastYear: completeMetrics(prev),
      children: children.map((c) => {
        const cov = coverage.children.get(c.code) ?? { institutions: childLevel === 'institution' ? 1 : 0, inspected: 0 };
        return { ...c, metrics: completeMetrics(byChild.get(c.code) ?? {}), coverage: { ...cov, ratio: ratio(cov.inspected, cov.institutions) } };
      }),
      byMonth,
      coverage: coverage.total,
      campaigns,
    };
  }

  /** The region's children from the region tree (zeros included), or a county's institutions. */
  private async children(region: RegionRef, childLevel: ChildLevel): Promise<Omit<ChildRow, 'metrics' | 'coverage'>[]> {
    if (childLevel === 'institution') {
      const rows = await this.uow.em.execute<{ id: string; name: string }[]>(
        `select id, name from organization where kind = 'institution' and region_code = ? and region_path = ? order by id`, [region.code, region.path]);
      return rows.map((r) => ({ code: r.id, name: r.name, level: 'institution', drillable: false }));
    }
    const rows = await this.uow.em.execute<Omit<RegionRow, 'path'>[]>(`select code, name, level from region where parent_code = ? order by code`, [region.code]);
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, drillable: true }));
  }

  private async byMonth(region: RegionRef, scope: string, period: Period, compare: Period): Promise<MonthRow[]> {
    const keys = [...monthsOf(period), ...monthsOf(compare)].map(ym);
    const rows = await this.uow.em.execute<MonthMetricRow[]>(
      `select r.period as month, r.metric, r.value from dash_rollup r
        where r.region_code = ? and r.period = any(?::text[]) and r.region_path like ?
          and r.metric in ('findings', 'finding_amount', 'recovered_amount', 'inspections')`, [region.code, pgArray(keys), scope]);
    const v = new Map(rows.map((r) => [`${r.month}|${r.metric}`, num(r.value)]));
    const get = (month: string, metric: string) => v.get(`${month}|${metric}`) ?? 0;
    const before = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    return monthsOf(period).map(ym).map((month) => ({
      month,
      findings: get(month, 'findings'),
      findingAmount: get(month, 'finding_amount'),
      recoveredAmount: get(month, 'recovered_amount'),
      inspections: get(month, 'inspections'),
      lastYearFindings: get(before(month), 'findings'),
      lastYearInspections: get(before(month), 'inspections'),
    }));
  }

  /**
   * Coverage from the coverage rollup (per lowest region, period and kind: additive up the tree, an
   * institution being in one county) against the directory's counts (dash_population): distinct
   * institutions with a sent inspection in the period, and each rule against its own basis — the
   * yearly ones on the year to the period's end (the months from January summed), the monthly ones
   * month by month; the province's sample per city. A county's institutions from its own facts.
   */
  private async coverage(region: RegionRef, scope: string, period: Period, compare: Period, depth: number, childLevel: ChildLevel,
    childRows: Omit<ChildRow, 'metrics' | 'coverage'>[]) {
    const em = this.uow.em;
    const months = monthsOf(period).map(ym);
    // January to the period's last month: the months the yearly rules count
    const toDate = monthsOf({ ...period, from: januaryOf(period) }).map(ym);
    const childOf = (col: string) => (childLevel === 'institution' ? `''` : `split_part(${col}, '/', ${depth + 2})`);
    const rows = await em.execute<CoverageSqlRow[]>(
      `select ${childOf('c.region_path')} as child, c.kind, c.period, sum(c.inspected)::int as inspected, sum(c.key_inspected_twice)::int as twice,
              sum(c.first_inspected)::int as first_inspected, sum(c.first_on_site)::int as first_on_site, sum(c.key_second)::int as key_second,
              sum(c.high_credit_on_site)::int as high_credit_on_site, sum(c.first_spot_check)::int as first_spot_check
         from dash_coverage c
        where c.region_code in (select code from region where path like ?) and c.period = any(?::text[]) and c.region_path like ?
        group by 1, 2, 3`,
      // the subtree's region codes as an equality on the primary key (the path's LIKE is only a filter under RLS)
      [scope, pgArray([...new Set([period.key, compare.key, ...months, ...toDate])]), scope]);
    const population = await em.execute<PopulationRow[]>(
      `select ${childOf('p.region_path')} as child, p.kind, sum(p.institutions)::int as institutions, sum(p.key_supervision)::int as key,
              sum(p.high_credit)::int as high_credit
         from dash_population p where p.region_path like ? group by 1, 2`, [scope]);

    const popKind = new Map<string, number>();
    const popChild = new Map<string, number>();
    let keyInstitutions = 0;
    let highCredit = 0;
    for (const p of population) {
      popKind.set(p.kind, (popKind.get(p.kind) ?? 0) + num(p.institutions));
      if (p.child) popChild.set(p.child, (popChild.get(p.child) ?? 0) + num(p.institutions));
      keyInstitutions += num(p.key);
      highCredit += num(p.high_credit);
    }
    const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
    const byKind = new Map<string, number>();
    const byChild = new Map<string, number>();
    const pcByMonth = new Map<string, number>();
    const kindByMonth = new Map<string, number>();
    const sampleByChild = new Map<string, number>();
    const ytd = { onSite: 0, pharmacies: 0, clinics: 0, keyTwice: 0, highCreditOnSite: 0, sample: 0 };
    let inspected = 0;
    let inspectedLastYear = 0;
    let twice = 0;
    for (const r of rows) {
      if (r.period === period.key) {
        inspected += num(r.inspected);
        twice += num(r.twice);
        add(byKind, r.kind, num(r.inspected));
        if (r.child) add(byChild, r.child, num(r.inspected));
      }
      if (r.period === compare.key) inspectedLastYear += num(r.inspected);
      if (months.includes(r.period)) {
        if (r.kind === 'pharmacy' || r.kind === 'clinic') add(pcByMonth, r.period, num(r.inspected));
        add(kindByMonth, `${r.period}|${r.kind}`, num(r.inspected));
      }
      if (toDate.includes(r.period)) {
        ytd.onSite += num(r.first_on_site);
        if (r.kind === 'pharmacy') ytd.pharmacies += num(r.first_inspected);
        if (r.kind === 'clinic') ytd.clinics += num(r.first_inspected);
        ytd.keyTwice += num(r.key_second);
        ytd.highCreditOnSite += num(r.high_credit_on_site);
        ytd.sample += num(r.first_spot_check);
        if (r.child) add(sampleByChild, r.child, num(r.first_spot_check));
      }
    }
    const institutions = [...popKind.values()].reduce((a, b) => a + b, 0);
    const pharmacyClinic = (popKind.get('pharmacy') ?? 0) + (popKind.get('clinic') ?? 0);
    const children = new Map<string, { institutions: number; inspected: number }>();
    if (childLevel === 'institution') {
      const visited = await em.execute<{ institution_id: string }[]>(
        `select distinct f.institution_id from dash_fact f
          where f.kind = 'inspection' and f.county_code = ? and f.region_path like ? and f.month between ?::date and ?::date
            and (f.metrics ->> 'inspections') is not null and f.institution_id is not null`, [region.code, scope, period.from, period.to]);
      for (const r of visited) children.set(r.institution_id, { institutions: 1, inspected: 1 });
    } else {
      for (const [code, n] of popChild) children.set(code, { institutions: n, inspected: byChild.get(code) ?? 0 });
      for (const [code, n] of byChild) if (!children.has(code)) children.set(code, { institutions: 0, inspected: n });
    }

    const today = chinaDateOf(new Date());
    const rules = coverageRulesOf({
      basis: { institutions, pharmacies: popKind.get('pharmacy') ?? 0, clinics: popKind.get('clinic') ?? 0, keyUnits: keyInstitutions, highCredit },
      toDate: ytd,
      months: months.map((month) => ({ month, pharmacies: kindByMonth.get(`${month}|pharmacy`) ?? 0, clinics: kindByMonth.get(`${month}|clinic`) ?? 0 })),
    }, period, today);
    // The province's sample is a measure per city: a province lists its cities, a city itself.
    const provinceSample = region.level === 'province'
      ? childRows.map((c) => provinceSampleOf(c, popChild.get(c.code) ?? 0, sampleByChild.get(c.code) ?? 0, period, today))
      : region.level === 'city' ? [provinceSampleOf(region, institutions, ytd.sample, period, today)] : [];

    const total: DashboardCoverage = {
      rules, provinceSample,
      minimumRatio: 0.1,
      institutions, inspected, ratio: ratio(inspected, institutions),
      lastYear: { inspected: inspectedLastYear, ratio: ratio(inspectedLastYear, institutions) },
      byKind: KINDS.map((kind) => {
        const n = popKind.get(kind) ?? 0;
        const i = byKind.get(kind) ?? 0;
        return { kind, institutions: n, inspected: i, ratio: ratio(i, n) };
      }),
      monthly: months.map((month) => ({ month, pharmacyClinicRatio: ratio(pcByMonth.get(month) ?? 0, pharmacyClinic) })),
      keySupervision: { institutions: keyInstitutions, inspectedTwice: twice },
    };
    return { total, children };
  }

  /** The campaigns whose self-inspection ends in the period: their tasks in scope, from the campaign rollup. */
  private async campaigns(scope: string, period: Period): Promise<CampaignRow[]> {
    const rows = await this.uow.em.execute<CampaignSqlRow[]>(
      `select c.campaign_id, max(c.title) as title, max(c.phase) as phase, sum(c.tasks)::int as tasks, sum(c.submitted)::int as submitted,
              sum(c.late)::int as late, sum(c.missing)::int as missing
         from dash_campaign c
        where c.region_path like ? and c.month between ?::date and ?::date
        group by c.campaign_id order by 2, 1`, [scope, period.from, period.to]);
    return rows.map((r) => ({ id: r.campaign_id, title: r.title, phase: r.phase, tasks: r.tasks, submitted: r.submitted, late: r.late, missing: r.missing }));
  }
}

/** A yes/no query parameter: absent, 'true'/'1' or 'false'/'0'. */
function flag(raw: string | undefined, field: string): boolean {
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw DomainError.validation('invalid_request', { zh: `参数 ${field} 应为 true 或 false：${raw}`, en: `${field} must be true or false, got ${raw}` }, { field });
}

function positiveInt(raw: string | undefined, field: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw DomainError.validation('invalid_request', { zh: `参数 ${field} 应为 1 至 ${max} 的整数：${raw}`, en: `${field} must be an integer from 1 to ${max}, got ${raw}` }, { field });
  }
  return n;
}

@QueryHandler(ListDashboardItemsQuery)
export class ListDashboardItemsHandler implements IQueryHandler<ListDashboardItemsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ actor, params }: ListDashboardItemsQuery) {
    const metric = params.metric ?? '';
    if (!QUERYABLE_METRICS.includes(metric)) {
      throw DomainError.validation('invalid_metric', {
        zh: `统计指标无效：「${metric}」`, en: `unknown metric "${metric}"`,
      }, { field: 'metric', allowed: QUERYABLE_METRICS });
    }
    const period = parsePeriod(params.period);
    const page = positiveInt(params.page, 'page', 1, 100_000);
    const size = positiveInt(params.size, 'size', 20, 200);
    const institutionKind = params.institutionKind || undefined;
    if (institutionKind !== undefined && !(KINDS as readonly string[]).includes(institutionKind)) {
      throw DomainError.validation('invalid_request', {
        zh: `机构类别无效：「${institutionKind}」`, en: `unknown institution kind "${institutionKind}"`,
      }, { field: 'institutionKind', allowed: KINDS });
    }
    const ytd = flag(params.ytd, 'ytd');
    const region = await resolveRegion(this.uow, actor, params.region);
    const keys = metric === 'overdue' ? [...OVERDUE_PARTS] : [metric];
    const kinds = [...new Set(keys.map((k) => KIND_OF_METRIC[k]!))].filter((k) => (FACT_KINDS as readonly string[]).includes(k));
    const yearKinds = kinds.filter((k) => YEAR_KINDS.includes(k));
    // ytd: from January to the period's end (what the yearly coverage rules count); year metrics count in January anyway
    const from = ytd ? januaryOf(period) : period.from;
    const where: string[] = [];
    const args: unknown[] = [];
    if (metric === 'overdue') {
      // the expression of the partial index dash_fact_overdue_idx (migration 0011)
      where.push(`jsonb_exists_any(f.metrics, '{${OVERDUE_PARTS.join(',')}}'::text[])`, 'f.kind = any(?::text[])',
        `((f.kind = any(?::text[]) and f.month = ?::date) or (f.kind <> all(?::text[]) and f.month between ?::date and ?::date))`);
      args.push(pgArray(kinds), pgArray(yearKinds), januaryOf(period), pgArray(yearKinds), from, period.to);
    } else {
      // one kind: the index on (kind, month, item_id) gives the page's order
      where.push('f.kind = ?', '(f.metrics ->> ?) is not null', yearKinds.length ? 'f.month = ?::date' : 'f.month between ?::date and ?::date');
      args.push(kinds[0], metric, ...(yearKinds.length ? [januaryOf(period)] : [from, period.to]));
    }
    // the city or county as an equality the indexes can use (LIKE is not leakproof: under row-level
    // security it is only a filter), the path as well
    if (region.level === 'city' || region.level === 'county') {
      where.push(`f.${region.level}_code = ?`);
      args.push(region.code);
    }
    where.push('f.region_path like ?');
    args.push(`${region.path}%`);
    if (params.institution) {
      where.push('f.institution_id = ?');
      args.push(String(params.institution));
    }
    if (institutionKind) {
      where.push('f.institution_kind = ?');
      args.push(institutionKind);
    }
    const clause = where.join(' and ');
    // The size of the list: the rollup's count for one metric over a region (a row by primary key; the
    // months from January for ytd); counted over the facts for one institution, one kind of
    // institution or for "overdue" (an audit may be overdue twice).
    const rollupPeriods = yearKinds.length ? [period.key.slice(0, 4)]
      : ytd && period.kind !== 'year' ? monthsOf({ ...period, from }).map(ym) : [period.key];
    const n = params.institution || institutionKind || metric === 'overdue'
      ? (await this.uow.em.execute<{ n: number }[]>(`select count(*)::int as n from dash_fact f where ${clause}`, args))[0]!.n
      : num((await this.uow.em.execute<{ n: string | null }[]>(
        `select sum(r.items) as n from dash_rollup r where r.region_code = ? and r.period = any(?::text[]) and r.metric = ? and r.region_path like ?`,
        [region.code, pgArray(rollupPeriods), metric, `${region.path}%`]))[0]?.n);
    const value = keys.map(() => `coalesce((f.metrics ->> ?)::numeric, 0)`).join(' + ');
    // One kind over a region: the index (kind, [city|county,] month, item_id) read backwards gives the
    // page in order. Under row-level security the planner expects one matching fact and prefers
    // reading all of them to sort (a city's year of findings: 200 ms instead of 1); forbid the sort.
    const ordered = metric !== 'overdue' && !params.institution && !institutionKind;
    if (ordered) await this.uow.em.execute(`set local enable_sort = off`);
    const rows = await this.uow.em.execute<ItemRow[]>(
      // The page first, then the names of its rows only: joining the directory (under its own
      // row-level security) before the limit made the planner join every matching fact.
      `with page as materialized (
         select f.kind, f.item_id, f.status, f.month, (${value}) as value, f.institution_id, f.county_code, f.city_code, f.ref_label,
                coalesce(f.metrics ->> 'finding_amount', f.metrics ->> 'refused_amount', f.metrics ->> 'refunded_amount') as amount
           from dash_fact f
          where ${clause}
          order by f.month desc, f.kind desc, f.item_id desc
          limit ? offset ?)
       select p.kind, p.item_id, p.status, to_char(p.month, 'YYYY-MM') as month, p.value, p.institution_id,
              o.name as institution_name, county.name as county_name, city.name as city_name, p.ref_label,
              fi.type as finding_type, p.amount
         from page p
         left join organization o on o.id = p.institution_id
         left join finding fi on p.kind = 'finding' and fi.id::text = p.item_id
         left join region county on county.code = p.county_code
         left join region city on city.code = p.city_code
        order by p.month desc, p.kind desc, p.item_id desc`, [...keys, ...args, size, (page - 1) * size]);
    if (ordered) await this.uow.em.execute(`set local enable_sort = on`);
    return {
      total: n, page, size,
      items: rows.map((r) => ({
        kind: r.kind, itemId: r.item_id, status: r.status, month: r.month, value: num(r.value), institutionId: r.institution_id ?? null,
        institutionName: r.institution_name ?? null, countyName: r.county_name ?? null, cityName: r.city_name ?? null, refLabel: r.ref_label ?? null,
        findingType: r.finding_type ?? null, amount: r.amount === null || r.amount === undefined ? null : num(r.amount),
      })),
    };
  }
}

export const DASHBOARD_QUERY_HANDLERS = [GetDashboardHandler, ListDashboardItemsHandler];
