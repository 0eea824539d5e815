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

// The dashboards' read side (docs/api/dashboards-and-monthly-reports.md §2). Flow metrics of a
// province or a city come from dash_cube (sums by county and month), never from the facts; coverage
// counts distinct institutions over the inspection facts (index on kind, month, path). Row-level
// security applies to every statement; the explicit path predicates let PostgreSQL use the indexes.

type Row = Record<string, any>;
type Level = 'nation' | 'province' | 'city' | 'county';
type ChildLevel = 'province' | 'city' | 'county' | 'institution';

export interface RegionRef { code: string; name: string; level: Level; path: string }
export interface ChildRow {
  code: string; name: string; level: string; drillable: boolean; metrics: Metrics;
  coverage: { institutions: number; inspected: number; ratio: number };
}
export interface Coverage {
  minimumRatio: 0.1;
  institutions: number; inspected: number; ratio: number;
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
  coverage: Coverage;
  campaigns: CampaignRow[];
}
export interface DashboardItem {
  kind: FactKind; itemId: string; status: string; month: string; value: number;
  institutionId: string | null; institutionName: string | null; countyName: string | null; cityName: string | null; refLabel: string | null;
}

export class GetDashboardQuery extends ActorQuery<Dashboard> {
  constructor(actor: Actor, readonly region: string | undefined, readonly period: string | undefined) { super(actor); }
}
export class ListDashboardItemsQuery extends ActorQuery<{ total: number; page: number; size: number; items: DashboardItem[] }> {
  constructor(actor: Actor, readonly params: { region?: string; period?: string; metric?: string; institution?: string; page?: string; size?: string }) { super(actor); }
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
  const [r] = await uow.em.execute<Row[]>(`select code, name, level, path from region where code = ?`, [code]);
  if (!r || !String(r.path).startsWith(actor.regionPath)) throw regionNotFound(code);
  return { code: r.code, name: r.name, level: r.level, path: r.path };
}

/** cur/prev filters of a cube or fact row: year metrics in January, the others in the period's months. */
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

    const breadcrumbs = await em.execute<Row[]>(
      `select code, name, level from region where ? like path || '%' and path like ? order by length(path)`, [region.path, `${actor.regionPath}%`]);

    // Totals of both periods and the children's current metrics: one pass over the cube.
    const cube = await em.execute<Row[]>(
      `select ${childCol('c.region_path')} as child, c.metric,
              sum(c.value) filter (where ${periodFilter('c.metric', 'c.month')}) as cur,
              sum(c.value) filter (where ${periodFilter('c.metric', 'c.month')}) as prev
         from dash_cube c
        where c.region_path like ? and (c.month between ?::date and ?::date or c.month between ?::date and ?::date or c.month in (?::date, ?::date))
        group by 1, 2`,
      [...periodParams(period), ...periodParams(compare), scope, period.from, period.to, compare.from, compare.to, januaryOf(period), januaryOf(compare)]);
    const cur: Record<string, number> = {};
    const prev: Record<string, number> = {};
    const byChild = new Map<string, Record<string, number>>();
    for (const r of cube) {
      cur[r.metric] = (cur[r.metric] ?? 0) + num(r.cur);
      prev[r.metric] = (prev[r.metric] ?? 0) + num(r.prev);
      if (r.child) {
        const m = byChild.get(r.child) ?? {};
        m[r.metric] = (m[r.metric] ?? 0) + num(r.cur);
        byChild.set(r.child, m);
      }
    }

    // A county's children are its institutions: their metrics from the county's facts (small).
    if (childLevel === 'institution') {
      const rows = await em.execute<Row[]>(
        `select f.institution_id as child, m.key as metric, sum(m.value::numeric) as cur
           from dash_fact f cross join lateral jsonb_each_text(f.metrics) m
          where f.county_code = ? and f.region_path like ? and f.institution_id is not null
            and f.month between ?::date and ?::date and ${periodFilter('m.key', 'f.month')}
          group by 1, 2`,
        [region.code, scope, januaryOf(period) < period.from ? januaryOf(period) : period.from, period.to, ...periodParams(period)]);
      for (const r of rows) {
        const m = byChild.get(r.child) ?? {};
        m[r.metric] = num(r.cur);
        byChild.set(r.child, m);
      }
    }

    const [children, byMonth, coverage, campaigns] = [
      await this.children(region, childLevel),
      await this.byMonth(scope, period, compare),
      await this.coverage(region, scope, period, depth, childLevel),
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
      const rows = await this.uow.em.execute<Row[]>(
        `select id, name from organization where kind = 'institution' and region_code = ? and region_path = ? order by id`, [region.code, region.path]);
      return rows.map((r) => ({ code: r.id, name: r.name, level: 'institution', drillable: false }));
    }
    const rows = await this.uow.em.execute<Row[]>(`select code, name, level from region where parent_code = ? order by code`, [region.code]);
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, drillable: true }));
  }

  private async byMonth(scope: string, period: Period, compare: Period): Promise<MonthRow[]> {
    const rows = await this.uow.em.execute<Row[]>(
      `select to_char(c.month, 'YYYY-MM') as month, c.metric, sum(c.value) as value
         from dash_cube c
        where c.region_path like ? and c.metric in ('findings', 'finding_amount', 'recovered_amount', 'inspections')
          and (c.month between ?::date and ?::date or c.month between ?::date and ?::date)
        group by 1, 2`, [scope, period.from, period.to, compare.from, compare.to]);
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

  /** Distinct institutions with a sent inspection in the period, against the designated ones. */
  private async coverage(region: RegionRef, scope: string, period: Period, depth: number, childLevel: ChildLevel) {
    const em = this.uow.em;
    const child = (col: string) => (childLevel === 'institution' ? 'f.institution_id' : `split_part(${col}, '/', ${depth + 2})`);
    const inspected = await em.execute<Row[]>(
      `select ${child('f.region_path')} as child, f.institution_id, f.institution_kind as kind, to_char(f.month, 'YYYY-MM') as month,
              count(*)::int as n, coalesce(bool_or(o.key_supervision), false) as key
         from dash_fact f left join organization o on o.id = f.institution_id
        where f.kind = 'inspection' and f.month between ?::date and ?::date and f.region_path like ?
          and (f.metrics ->> 'inspections') is not null
        group by 1, 2, 3, 4`, [period.from, period.to, scope]);
    const population = await em.execute<Row[]>(
      `select ${childLevel === 'institution' ? `''` : `split_part(p.region_path, '/', ${depth + 2})`} as child, p.kind,
              sum(p.institutions)::int as institutions, sum(p.key_supervision)::int as key
         from dash_population p where p.region_path like ? group by 1, 2`, [scope]);

    const popKind = new Map<string, number>();
    const popChild = new Map<string, number>();
    let keyInstitutions = 0;
    for (const p of population) {
      popKind.set(p.kind, (popKind.get(p.kind) ?? 0) + num(p.institutions));
      if (p.child) popChild.set(p.child, (popChild.get(p.child) ?? 0) + num(p.institutions));
      keyInstitutions += num(p.key);
    }
    const all = new Set<string>();
    const byKind = new Map<string, Set<string>>();
    const byChild = new Map<string, Set<string>>();
    const byMonthPc = new Map<string, Set<string>>();
    const perInstitution = new Map<string, { n: number; key: boolean }>();
    for (const r of inspected) {
      all.add(r.institution_id);
      if (!byKind.has(r.kind)) byKind.set(r.kind, new Set());
      byKind.get(r.kind)!.add(r.institution_id);
      if (r.child) {
        if (!byChild.has(r.child)) byChild.set(r.child, new Set());
        byChild.get(r.child)!.add(r.institution_id);
      }
      if (r.kind === 'pharmacy' || r.kind === 'clinic') {
        if (!byMonthPc.has(r.month)) byMonthPc.set(r.month, new Set());
        byMonthPc.get(r.month)!.add(r.institution_id);
      }
      const p = perInstitution.get(r.institution_id) ?? { n: 0, key: false };
      perInstitution.set(r.institution_id, { n: p.n + num(r.n), key: p.key || Boolean(r.key) });
    }
    const institutions = [...popKind.values()].reduce((a, b) => a + b, 0);
    const pharmacyClinic = (popKind.get('pharmacy') ?? 0) + (popKind.get('clinic') ?? 0);
    const children = new Map<string, { institutions: number; inspected: number }>();
    if (childLevel === 'institution') {
      for (const [id, set] of byChild) children.set(id, { institutions: 1, inspected: set.size ? 1 : 0 });
    } else {
      for (const [code, n] of popChild) children.set(code, { institutions: n, inspected: byChild.get(code)?.size ?? 0 });
      for (const [code, set] of byChild) if (!children.has(code)) children.set(code, { institutions: 0, inspected: set.size });
    }
    void region;
    const total: Coverage = {
      minimumRatio: 0.1,
      institutions, inspected: all.size, ratio: ratio(all.size, institutions),
      byKind: KINDS.map((kind) => {
        const n = popKind.get(kind) ?? 0;
        const i = byKind.get(kind)?.size ?? 0;
        return { kind, institutions: n, inspected: i, ratio: ratio(i, n) };
      }),
      monthly: monthsOf(period).map(ym).map((month) => ({ month, pharmacyClinicRatio: ratio(byMonthPc.get(month)?.size ?? 0, pharmacyClinic) })),
      keySupervision: { institutions: keyInstitutions, inspectedTwice: [...perInstitution.values()].filter((p) => p.key && p.n >= 2).length },
    };
    return { total, children };
  }

  private async campaigns(scope: string, period: Period): Promise<CampaignRow[]> {
    const rows = await this.uow.em.execute<Row[]>(
      `select f.ref_id, f.ref_label, f.ref_status, count(*)::int as tasks,
              count(*) filter (where f.status = 'submitted')::int as submitted,
              count(*) filter (where (f.metrics ->> 'si_late') is not null)::int as late,
              count(*) filter (where f.status = 'missing')::int as missing
         from dash_fact f
        where f.kind = 'self_inspection' and f.month between ?::date and ?::date and f.region_path like ?
        group by 1, 2, 3 order by 2, 1`, [period.from, period.to, scope]);
    return rows.map((r) => ({ id: r.ref_id, title: r.ref_label, phase: r.ref_status, tasks: r.tasks, submitted: r.submitted, late: r.late, missing: r.missing }));
  }
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
    const region = await resolveRegion(this.uow, actor, params.region);
    const keys = metric === 'overdue' ? [...OVERDUE_PARTS] : [metric];
    const kinds = [...new Set(keys.map((k) => KIND_OF_METRIC[k]!))].filter((k) => (FACT_KINDS as readonly string[]).includes(k));
    const yearKinds = kinds.filter((k) => YEAR_KINDS.includes(k));
    const where = [
      'f.kind = any(?::text[])', 'f.region_path like ?',
      `((f.kind = any(?::text[]) and f.month = ?::date) or (f.kind <> all(?::text[]) and f.month between ?::date and ?::date))`,
      `(${keys.map(() => `(f.metrics ->> ?) is not null`).join(' or ')})`,
    ];
    const args: unknown[] = [pgArray(kinds), `${region.path}%`, pgArray(yearKinds), januaryOf(period), pgArray(yearKinds), period.from, period.to, ...keys];
    if (params.institution) {
      where.push('f.institution_id = ?');
      args.push(String(params.institution));
    }
    const clause = where.join(' and ');
    const [{ n }] = await this.uow.em.execute<{ n: number }[]>(`select count(*)::int as n from dash_fact f where ${clause}`, args);
    const value = keys.map(() => `coalesce((f.metrics ->> ?)::numeric, 0)`).join(' + ');
    const rows = await this.uow.em.execute<Row[]>(
      // The page first, then the names of its rows only: joining the directory (under its own
      // row-level security) before the limit made the planner join every matching fact.
      `with page as materialized (
         select f.kind, f.item_id, f.status, f.month, (${value}) as value, f.institution_id, f.county_code, f.city_code, f.ref_label
           from dash_fact f
          where ${clause}
          order by f.month desc, f.kind, f.item_id desc
          limit ? offset ?)
       select p.kind, p.item_id, p.status, to_char(p.month, 'YYYY-MM') as month, p.value, p.institution_id,
              o.name as institution_name, county.name as county_name, city.name as city_name, p.ref_label
         from page p
         left join organization o on o.id = p.institution_id
         left join region county on county.code = p.county_code
         left join region city on city.code = p.city_code
        order by p.month desc, p.kind, p.item_id desc`, [...keys, ...args, size, (page - 1) * size]);
    return {
      total: n, page, size,
      items: rows.map((r) => ({
        kind: r.kind, itemId: r.item_id, status: r.status, month: r.month, value: num(r.value), institutionId: r.institution_id ?? null,
        institutionName: r.institution_name ?? null, countyName: r.county_name ?? null, cityName: r.city_name ?? null, refLabel: r.ref_label ?? null,
      })),
    };
  }
}

export const DASHBOARD_QUERY_HANDLERS = [GetDashboardHandler, ListDashboardItemsHandler];
