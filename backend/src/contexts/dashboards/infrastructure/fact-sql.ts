import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../../platform/database/sql.js';
import { FACT_KINDS, type FactKind } from '../domain/metrics.js';
import { HIGH_CREDIT_GRADES } from '../domain/coverage-rules.js';

// The facts of each kind as one set-based SELECT over the write tables: the rebuild runs it over
// every row, the projector with `where <item>.id = any(?)` for the items an event touched. Because
// both run the same text, a fact is a function of its item's current row, whoever computed it.

type Executor = Pick<EntityManager, 'execute'>;

export const FACT_COLUMNS = 'kind, item_id, region_path, owner_org_id, city_code, county_code, institution_id, institution_kind, month, ref_id, ref_label, ref_status, status, metrics';

/** The month of a timestamp, in China time. */
const monthOfInstant = (col: string) => `date_trunc('month', ${col} at time zone 'Asia/Shanghai')::date`;
const monthOfDay = (col: string) => `date_trunc('month', ${col})::date`;
const cityOf = (path: string) => `nullif(split_part(${path}, '/', 3), '')`;
const countyOf = (path: string) => `nullif(split_part(${path}, '/', 4), '')`;
const flag = (cond: string) => `case when ${cond} then 1 else 0 end`;

/** { key: value } without the zero (and null) values. */
function metrics(entries: Record<string, string>): string {
  const args = Object.entries(entries).map(([k, v]) => `'${k}', nullif((${v})::numeric, 0)`);
  return `jsonb_strip_nulls(jsonb_build_object(${args.join(', ')}))`;
}

const MEASURES = ['talk', 'refuse_payment', 'suspend_settlement', 'terminate_agreement', 'clinician_admonition', 'clinician_talk',
  'clinician_suspend_realtime', 'clinician_refuse_payment'] as const;

interface KindSql {
  /** The SELECT (FACT_COLUMNS in order) with its FROM, without WHERE. */
  select: string;
  /** The item's id column. */
  id: string;
  /** Conditions every fact of the kind satisfies (items outside them have no fact). */
  where?: string[];
}

/** On site: the province's spot-check inspections always, the agencies' own unless a data review. */
const ON_SITE = `(i.origin = 'spot_check' or i.method = 'on_site')`;

const INSPECTION: KindSql = {
  id: 'i.id',
  select: `
    select 'inspection', i.id::text, i.region_path, i.owner_org_id, ${cityOf('i.region_path')}, ${countyOf('i.region_path')},
           i.institution_id, i.kind, ${monthOfDay('coalesce(i.inspected_on, i.due_date)')},
           i.spot_check_id::text, i.spot_check_title, null::text, i.status,
           ${metrics({
             inspections: flag(`i.status = 'sent'`),
             // the origin and method the coverage rules need (ON_SITE: a spot-check inspection is on site)
             inspections_on_site: flag(`i.status = 'sent' and ${ON_SITE}`),
             inspections_spot_check: flag(`i.status = 'sent' and i.origin = 'spot_check'`),
             inspections_open: flag(`i.status <> 'sent'`),
             inspections_overdue: flag(`i.overdue and i.status <> 'sent'`),
           })}
      from inspection i`,
};

const FINDING: KindSql = {
  id: 'f.id',
  select: `
    select 'finding', f.id::text, f.region_path, f.owner_org_id, ${cityOf('f.region_path')}, ${countyOf('f.region_path')},
           f.owner_org_id, o.institution_type, ${monthOfInstant('f.created_at')},
           null::text, null::text, null::text, f.status,
           ${metrics({
             findings: '1',
             finding_amount: 'f.amount',
             findings_confirmed: flag(`f.status in ('confirmed', 'deemed_confirmed', 'decided')`),
             recovered_amount: `case when f.status in ('confirmed', 'deemed_confirmed', 'decided') then f.amount else 0 end`,
             findings_deemed: flag('f.deemed'),
             findings_appealed: flag('f.appeal is not null'),
             findings_withdrawn: flag(`f.status = 'appeal_upheld'`),
             findings_awaiting: flag(`f.status = 'awaiting_confirmation'`),
           })}
      from finding f left join organization o on o.id = f.owner_org_id`,
};

const DECISION: KindSql = {
  id: 'd.id',
  select: `
    select 'decision', d.id::text, d.region_path, d.owner_org_id, ${cityOf('d.region_path')}, ${countyOf('d.region_path')},
           d.owner_org_id, o.institution_type, ${monthOfInstant('d.created_at')},
           null::text, null::text, null::text, d.status,
           ${metrics({
             decisions: '1',
             decisions_major: flag('d.major'),
             ...Object.fromEntries(MEASURES.map((m) => [`measure_${m}`, flag(`d.measures @> '[{"kind": "${m}"}]'::jsonb`)])),
             refused_amount: `case when d.effective_at is not null then (select coalesce(sum((m->>'amount')::numeric), 0)
                                from jsonb_array_elements(d.measures) m where m->>'kind' in ('refuse_payment', 'clinician_refuse_payment')) else 0 end`,
             settlement_suspended: flag(`d.settlement = 'suspended'`),
             rectification_overdue: flag(`coalesce((d.rectification->>'overdue')::boolean, false) and d.status <> 'closed'`),
             // what the agency actually recovered (扣减/退回, decision_recovery), beside the findings' recovered_amount
             // (the confirmed amount to recover); counted in the decision's month
             actual_recovered_amount: `(select coalesce(sum(rc.amount), 0) from decision_recovery rc where rc.decision_id = d.id)`,
           })}
      from handling_decision d left join organization o on o.id = d.owner_org_id`,
};

const OPEN_DISPUTE = `x.status in ('open', 'decided')`;
const DISPUTE: KindSql = {
  id: 'x.id',
  select: `
    select 'dispute', x.id::text, x.region_path, x.owner_org_id, ${cityOf('x.region_path')}, ${countyOf('x.region_path')},
           x.owner_org_id, o.institution_type, ${monthOfInstant('x.created_at')},
           null::text, null::text, null::text, x.status,
           ${metrics({
             disputes: '1',
             disputes_open: flag(OPEN_DISPUTE),
             disputes_open_county: flag(`${OPEN_DISPUTE} and x.path -> x.current ->> 'level' = 'county'`),
             disputes_open_city: flag(`${OPEN_DISPUTE} and x.path -> x.current ->> 'level' = 'city'`),
             disputes_open_province: flag(`${OPEN_DISPUTE} and x.path -> x.current ->> 'level' = 'province'`),
             disputes_upheld: flag(`x.outcome = 'upheld'`),
             disputes_revised: flag(`x.outcome = 'revised'`),
             disputes_withdrawn: flag(`x.status = 'withdrawn'`),
             disputes_overdue: flag(`x.status = 'open' and coalesce((x.path -> x.current ->> 'overdue')::boolean, false)`),
           })}
      from dispute x left join organization o on o.id = x.owner_org_id`,
};

const SELF_INSPECTION: KindSql = {
  id: 's.id',
  select: `
    select 'self_inspection', s.id::text, s.region_path, s.owner_org_id, ${cityOf('s.region_path')}, ${countyOf('s.region_path')},
           s.owner_org_id, s.kind, ${monthOfDay('c.self_inspection_end')},
           c.id::text, c.title, c.phase, s.status,
           ${metrics({
             si_tasks: '1',
             si_submitted: flag(`s.status = 'submitted'`),
             si_late: flag(`s.status = 'submitted' and s.late`),
             si_missing: flag(`s.status = 'missing'`),
             refunded_amount: `case when s.status = 'submitted' then s.refunded_amount else 0 end`,
           })}
      from self_inspection s join campaign c on c.id = s.campaign_id`,
};

const PLAN: KindSql = {
  id: 'p.id',
  select: `
    select 'plan', p.id::text, p.region_path, p.owner_org_id, ${cityOf('p.region_path')}, ${countyOf('p.region_path')},
           null::text, null::text, make_date(p.year, 1, 1),
           null::text, null::text, null::text, p.status,
           ${metrics({
             plans: '1',
             // filed, or closed after having been filed (a plan closed unfiled at the year's end is not)
             plans_filed: flag(`p.status = 'filed' or (p.status = 'closed' and p.filed_at is not null)`),
             // waiting at the level above: submitted, or (a county plan) forwarded by the city agency to the city bureau
             plans_submitted: flag(`p.status in ('submitted', 'forwarded')`),
             plans_returned: flag(`p.status = 'returned'`),
             plans_draft: flag(`p.status = 'draft'`),
             plans_not_started: flag(`p.status = 'not_started'`),
             plans_overdue: flag(`p.overdue and p.status not in ('filed', 'closed')`),
           })}
      from annual_plan p`,
};

const IC_AUDIT: KindSql = {
  id: 'a.id',
  // Audits of a draft plan are a schedule being prepared, not audits yet: counted from publication.
  where: [`pl.status = 'published'`],
  select: `
    select 'ic_audit', a.id::text, a.region_path, a.owner_org_id, ${cityOf('a.region_path')}, ${countyOf('a.region_path')},
           null::text, null::text, make_date(pl.year, 1, 1),
           pl.id::text, pl.title, pl.status, a.status,
           ${metrics({
             ic_audits: '1',
             ic_audits_closed: flag(`a.status = 'closed'`),
             ic_audits_open: flag(`a.status <> 'closed'`),
             ic_self_assessment_overdue: flag(`a.self_assessment_overdue and a.self_assessment_submitted_at is null`),
             ic_rectification_overdue: `(select count(*) from ic_finding x where x.audit_id = a.id and x.overdue)`,
           })}
      from ic_audit a join ic_audit_plan pl on pl.id = a.plan_id`,
};

const MONTHLY_REPORT: KindSql = {
  id: 'r.id',
  // The county reports (the city's compiled report is their summary, not a report to count).
  where: [`r.level = 'county'`],
  select: `
    select 'monthly_report', r.id::text, r.region_path, r.owner_org_id, ${cityOf('r.region_path')}, ${countyOf('r.region_path')},
           null::text, null::text, r.month,
           null::text, null::text, null::text, r.status,
           ${metrics({
             mr_reports: '1',
             mr_submitted: flag(`r.status = 'submitted'`),
             mr_late: flag(`r.status = 'submitted' and r.late`),
             mr_overdue: flag(`r.overdue and r.status <> 'submitted'`),
           })}
      from monthly_report r`,
};

export const KIND_SQL: Record<FactKind, KindSql> = {
  inspection: INSPECTION, finding: FINDING, decision: DECISION, dispute: DISPUTE, self_inspection: SELF_INSPECTION,
  plan: PLAN, ic_audit: IC_AUDIT, monthly_report: MONTHLY_REPORT,
};

/** The facts of a kind: all of them, or those of the given items (one parameter: a uuid[] literal). */
export function factSql(kind: FactKind, filtered: boolean): string {
  const k = KIND_SQL[kind];
  const where = [...(k.where ?? []), ...(filtered ? [`${k.id} = any(?::uuid[])`] : [])];
  return `${k.select}${where.length ? ` where ${where.join(' and ')}` : ''}`;
}

/** The lowest region of a fact: its county, else its city, else its province. */
export const regionCodeOf = (path: string) =>
  `coalesce(nullif(split_part(${path}, '/', 4), ''), nullif(split_part(${path}, '/', 3), ''), nullif(split_part(${path}, '/', 2), ''), '000000')`;

/** Every region from the nation down to a path's own (columns a.code, a.path). */
const ANCESTORS = (path: string) => `cross join lateral (
    select case when k = 0 then '/' else '/' || array_to_string(p.parts[1:k], '/') || '/' end as path,
           case when k = 0 then '000000' else p.parts[k] end as code
      from (select string_to_array(trim(both '/' from ${path}), '/') as parts) p, generate_series(0, cardinality(p.parts)) k) a`;
/** The year, quarter and month a month counts in (column pr.period: '2026', '2026-Q3', '2026-07'). */
const PERIODS = (month: string) =>
  `cross join lateral (values (to_char(${month}, 'YYYY')), (to_char(${month}, 'YYYY-"Q"Q')), (to_char(${month}, 'YYYY-MM'))) pr(period)`;

/**
 * The facts' metrics summed by lowest region and month (sign -1 to take them out), with an optional
 * filter on the facts: the CTE `d` the rollup is computed from.
 */
function lowestRows(sign: 1 | -1, filter: string): string {
  const s = sign === -1 ? '-' : '';
  return `
    select m.key as metric, f.month, ${s}sum(m.value::numeric) as value, ${s}count(*)::int as items, f.region_path
      from dash_fact f cross join lateral jsonb_each_text(f.metrics) m
     ${filter}
     group by f.region_path, f.month, m.key`;
}

/** The rows of d (lowestRows) summed for every ancestor region and period: the rollup's rows. */
const ROLLUP_OF_D = `
    select a.code, pr.period, d.metric, sum(d.value), sum(d.items)::int, a.path, 'bureau-' || a.code
      from d ${ANCESTORS('d.region_path')} ${PERIODS('d.month')}
     group by a.code, pr.period, d.metric, a.path`;
const ROLLUP_COLUMNS = 'region_code, period, metric, value, items, region_path, owner_org_id';

const ROLLUP_UPSERT = `on conflict (region_code, period, metric) do update set value = dash_rollup.value + excluded.value, items = dash_rollup.items + excluded.items`;

/** A month (a date column) falls in a period key ('2026', '2026-Q3', '2026-07'); null months never do. */
const IN_PERIOD = (month: string, period: string) =>
  `(to_char(${month}, 'YYYY') = ${period} or to_char(${month}, 'YYYY-"Q"Q') = ${period} or to_char(${month}, 'YYYY-MM') = ${period})`;
/** The credit grades of a high-credit hospital (the province's scheme), as an SQL array literal. */
const HIGH_CREDIT = `'{${HIGH_CREDIT_GRADES.join(',')}}'::text[]`;

/**
 * Coverage rows of the inspection facts passing a filter: per lowest region, period and kind, the
 * institutions with at least one sent inspection and the key-supervision ones with two or more in
 * the period; and, for the rules judged on the year to date (docs/api/dashboards-and-monthly-reports.md
 * §2.1), the institutions whose first sent inspection of the year, first on-site one, second one
 * (key-supervision units), first on-site one (high-credit hospitals) and first province spot-check
 * fall in the period. Those are additive over the months: the year to a month is the sum of its
 * months' rows, and up the tree (an institution is in one county).
 */
function coverageRows(of: 'all' | 'pairs'): string {
  const rc = regionCodeOf('p.region_path');
  // pairs: two parameters, the (lowest region path, year) pairs, each read by the partial index
  // dash_fact_inspection_idx (path, month)
  const source = of === 'all' ? 'dash_fact f' : `unnest(?::text[], ?::int[]) as t(region_path, year)
        join dash_fact f on f.kind = 'inspection' and f.region_path = t.region_path
         and f.month >= make_date(t.year, 1, 1) and f.month < make_date(t.year + 1, 1, 1)`;
  return `
    with i as (
      select f.region_path, f.institution_id, f.institution_kind as kind, f.month, count(*) as n,
             count(*) filter (where (f.metrics ->> 'inspections_on_site') is not null) as on_site,
             count(*) filter (where (f.metrics ->> 'inspections_spot_check') is not null) as spot
        from ${source}
       where f.kind = 'inspection' and ((f.metrics ->> 'inspections') is not null) and f.institution_id is not null
       group by 1, 2, 3, 4),
    y as (
      select c.region_path, c.institution_id, c.year, min(c.month) as first_sent,
             min(c.month) filter (where c.on_site > 0) as first_on_site, min(c.month) filter (where c.spot > 0) as first_spot,
             min(c.month) filter (where c.upto >= 2) as second_sent
        from (select i.*, to_char(i.month, 'YYYY') as year,
                     sum(i.n) over (partition by i.region_path, i.institution_id, to_char(i.month, 'YYYY') order by i.month) as upto
                from i) c
       group by 1, 2, 3),
    p as (
      select i.region_path, i.institution_id, i.kind, pr.period, sum(i.n) as n
        from i ${PERIODS('i.month')}
       group by 1, 2, 3, 4)
    select ${rc}, p.period, coalesce(p.kind, 'unknown'), count(*)::int, (count(*) filter (where p.n >= 2 and o.key_supervision))::int,
           (count(*) filter (where ${IN_PERIOD('y.first_sent', 'p.period')}))::int,
           (count(*) filter (where ${IN_PERIOD('y.first_on_site', 'p.period')}))::int,
           (count(*) filter (where o.key_supervision and ${IN_PERIOD('y.second_sent', 'p.period')}))::int,
           (count(*) filter (where p.kind = 'hospital' and o.credit_rating = any(${HIGH_CREDIT}) and ${IN_PERIOD('y.first_on_site', 'p.period')}))::int,
           (count(*) filter (where ${IN_PERIOD('y.first_spot', 'p.period')}))::int,
           p.region_path, 'bureau-' || ${rc}
      from p
      join y on y.region_path = p.region_path and y.institution_id = p.institution_id and y.year = left(p.period, 4)
      left join organization o on o.id = p.institution_id
     group by p.region_path, p.period, p.kind`;
}
const COVERAGE_COLUMNS = 'region_code, period, kind, inspected, key_inspected_twice, first_inspected, first_on_site, key_second, high_credit_on_site, first_spot_check, region_path, owner_org_id';

/** The campaign rollup rows of the self-inspection facts: all, or those of (campaign, lowest region path) pairs (two parameters). */
function campaignRows(of: 'all' | 'pairs'): string {
  const rc = regionCodeOf('f.region_path');
  const source = of === 'all' ? 'dash_fact f' : `unnest(?::text[], ?::text[]) as t(ref_id, region_path)
        join dash_fact f on f.kind = 'self_inspection' and f.ref_id = t.ref_id and f.region_path = t.region_path`;
  return `
    select f.ref_id, ${rc}, max(f.month), coalesce(max(f.ref_label), ''), max(f.ref_status), count(*)::int,
           (count(*) filter (where f.status = 'submitted'))::int, (count(*) filter (where ((f.metrics ->> 'si_late') is not null)))::int,
           (count(*) filter (where f.status = 'missing'))::int, f.region_path, 'bureau-' || ${rc}
      from ${source}
     where f.kind = 'self_inspection' and f.ref_id is not null
     group by f.ref_id, f.region_path`;
}
const CAMPAIGN_COLUMNS = 'campaign_id, region_code, month, title, phase, tasks, submitted, late, missing, region_path, owner_org_id';

/** Tables existing (the monthly reports arrive with migration 0010). */
async function tableExists(em: Executor, table: string): Promise<boolean> {
  const [r] = await em.execute<{ t: string | null }[]>(`select to_regclass(?)::text as t`, [table]);
  return Boolean(r?.t);
}

export async function availableKinds(em: Executor): Promise<FactKind[]> {
  const mr = await tableExists(em, 'monthly_report');
  return FACT_KINDS.filter((k) => k !== 'monthly_report' || mr);
}

/** Moves dash_rollup by the metrics of some facts (out: sign -1); returns the rows touched. */
async function moveRollup(em: Executor, sign: 1 | -1, kind: FactKind, idList: string): Promise<Touched[]> {
  return em.execute<Touched[]>(
    `insert into dash_rollup (${ROLLUP_COLUMNS})
     with d as (${lowestRows(sign, 'where f.kind = ? and f.item_id = any(?::text[])')}) ${ROLLUP_OF_D}
     ${ROLLUP_UPSERT} returning region_code, period, metric`, [kind, idList]);
}
interface Touched { region_code: string; period: string; metric: string }

/** Removes the touched rollup rows that reached 0 (the rebuild never writes a 0). */
async function dropZeros(em: Executor, touched: Touched[]): Promise<void> {
  if (!touched.length) return;
  await em.execute(
    `delete from dash_rollup r using unnest(?::text[], ?::text[], ?::text[]) as t(region_code, period, metric)
      where r.region_code = t.region_code and r.period = t.period and r.metric = t.metric and r.value = 0 and r.items = 0`,
    [pgArray(touched.map((t) => t.region_code)), pgArray(touched.map((t) => t.period)), pgArray(touched.map((t) => t.metric))]);
}

/** Recomputes the coverage rows of some (lowest region path, year) pairs from the facts. */
async function refreshCoverage(em: Executor, pairs: { region_path: string; year: string }[]): Promise<void> {
  if (!pairs.length) return;
  const params = [pgArray(pairs.map((p) => p.region_path)), pgArray(pairs.map((p) => p.year))];
  await em.execute(
    `delete from dash_coverage c using unnest(?::text[], ?::text[]) as t(region_path, year)
      where c.region_path = t.region_path and left(c.period, 4) = t.year`, params);
  await em.execute(`insert into dash_coverage (${COVERAGE_COLUMNS}) ${coverageRows('pairs')}`, params);
}

/** Recomputes the campaign rows of some (campaign, lowest region path) pairs from the facts. */
async function refreshCampaigns(em: Executor, pairs: { ref_id: string; region_path: string }[]): Promise<void> {
  if (!pairs.length) return;
  const params = [pgArray(pairs.map((p) => p.ref_id)), pgArray(pairs.map((p) => p.region_path))];
  await em.execute(
    `delete from dash_campaign c using unnest(?::text[], ?::text[]) as t(campaign_id, region_path)
      where c.campaign_id = t.campaign_id and c.region_path = t.region_path`, params);
  await em.execute(`insert into dash_campaign (${CAMPAIGN_COLUMNS}) ${campaignRows('pairs')}`, params);
}

/** What the derived rollups of some facts depend on (coverage: region and year; campaigns: campaign and region). */
async function rollupKeys(em: Executor, kind: FactKind, idList: string): Promise<string[]> {
  if (kind === 'inspection') {
    const rows = await em.execute<{ k: string }[]>(
      `select distinct region_path || '|' || to_char(month, 'YYYY') as k from dash_fact where kind = 'inspection' and item_id = any(?::text[])`, [idList]);
    return rows.map((r) => r.k);
  }
  if (kind === 'self_inspection') {
    const rows = await em.execute<{ k: string }[]>(
      `select distinct ref_id || '|' || region_path as k from dash_fact where kind = 'self_inspection' and item_id = any(?::text[]) and ref_id is not null`, [idList]);
    return rows.map((r) => r.k);
  }
  return [];
}

/**
 * Replaces the facts of some items of one kind by their current ones and moves the rollup by the
 * difference: the old contributions out, the new ones in, rows that reach 0 removed
 * (the rebuild never writes a 0: every stored metric is positive); the coverage and campaign keys
 * the items belong to (before or after) are marked pending for flushPending(). Returns the number of
 * facts now present.
 */
export async function refreshItems(em: Executor, kind: FactKind, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const idList = pgArray(ids);
  const keys = new Set(await rollupKeys(em, kind, idList));
  const out = await moveRollup(em, -1, kind, idList);
  await em.execute(`delete from dash_fact where kind = ? and item_id = any(?::text[])`, [kind, idList]);
  const [{ n }] = await em.execute<{ n: number }[]>(
    `with ins as (insert into dash_fact (${FACT_COLUMNS}) ${factSql(kind, true)} returning 1) select count(*)::int as n from ins`, [idList]);
  const into = await moveRollup(em, 1, kind, idList);
  await dropZeros(em, [...out, ...into]);
  for (const k of await rollupKeys(em, kind, idList)) keys.add(k);
  if (keys.size) {
    // Recomputed by flushPending() once the projector has caught up (one pass for a whole catch-up
    // rather than the same county-years again at every batch); recorded here, in the facts' transaction.
    const pairs = [...keys].map((k) => k.split('|') as [string, string]);
    await em.execute(
      `insert into dash_pending (rollup, a, b) select ?, a, b from unnest(?::text[], ?::text[]) as t(a, b) on conflict do nothing`,
      [kind === 'inspection' ? 'coverage' : 'campaign', pgArray(pairs.map((p) => p[0])), pgArray(pairs.map((p) => p[1]))]);
  }
  return n;
}

/** Recomputes the coverage and campaign rows that refreshItems() marked pending; returns how many keys. */
export async function flushPending(em: Executor): Promise<number> {
  const pending = await em.execute<{ rollup: 'coverage' | 'campaign'; a: string; b: string }[]>(
    `delete from dash_pending returning rollup, a, b`);
  const coverage = pending.filter((p) => p.rollup === 'coverage');
  const campaigns = pending.filter((p) => p.rollup === 'campaign');
  await refreshCoverage(em, coverage.map((p) => ({ region_path: p.a, year: p.b })));
  await refreshCampaigns(em, campaigns.map((p) => ({ ref_id: p.a, region_path: p.b })));
  return pending.length;
}

/** Designated institutions per county and kind, from the directory (key-supervision units and high-credit hospitals among them). */
export async function refreshPopulation(em: Executor): Promise<number> {
  await em.execute(`delete from dash_population`);
  const [{ n }] = await em.execute<{ n: number }[]>(
    `with ins as (
       insert into dash_population (county_code, city_code, region_path, owner_org_id, kind, institutions, key_supervision, high_credit)
       select o.region_code, split_part(o.region_path, '/', 3), o.region_path, 'bureau-' || o.region_code, o.institution_type,
              count(*)::int, count(*) filter (where o.key_supervision)::int,
              count(*) filter (where o.institution_type = 'hospital' and o.credit_rating = any(${HIGH_CREDIT}))::int
         from organization o
        where o.kind = 'institution' and split_part(o.region_path, '/', 4) <> ''
        group by o.region_code, o.region_path, o.institution_type
       returning 1)
     select count(*)::int as n from ins`);
  return n;
}

export interface RebuildCounts { facts: Record<string, number>; rollupRows: number; coverageRows: number; campaignRows: number; populationRows: number; eventsMarked: number }

const count = async (em: Executor, sql: string): Promise<number> =>
  (await em.execute<{ n: number }[]>(`with ins as (${sql} returning 1) select count(*)::int as n from ins`))[0]!.n;

/**
 * Recomputes the whole read model from the records, in the caller's transaction (which holds the
 * projector lock): facts by kind, the rollup by GROUP BY over them, coverage and
 * campaign rows from the facts, the population, every event marked projected. `truncate` on the
 * owner's connection (which then refreshes the planner's statistics); the application role deletes
 * instead.
 */
export async function rebuildAll(em: Executor, opts: { truncate: boolean }): Promise<RebuildCounts> {
  const tables = ['dash_rollup', 'dash_coverage', 'dash_campaign', 'dash_pending', 'dash_fact'];
  if (opts.truncate) await em.execute(`truncate ${tables.join(', ')}, dash_population`);
  else for (const table of tables) await em.execute(`delete from ${table}`);
  // Under row-level security the planner estimates one directory row and would join every
  // finding to it by a nested loop: hash joins for the set-based statements of this transaction.
  await em.execute(`set local enable_nestloop = off`);
  const facts: Record<string, number> = {};
  // Rows written in the order the dashboards read them (a county's facts by month, a region's rollup
  // by period), so that a county's year is a few hundred pages rather than one page per fact; the
  // projector's later writes append, and a rebuild restores the order.
  for (const kind of await availableKinds(em)) {
    facts[kind] = await count(em, `insert into dash_fact (${FACT_COLUMNS}) ${factSql(kind, false)} order by 6, 9`); // county_code, month
  }
  const rollupRows = await count(em, `insert into dash_rollup (${ROLLUP_COLUMNS}) with d as (${lowestRows(1, '')}) ${ROLLUP_OF_D} order by 1, 2, 3`);
  const coverageRowsN = await count(em, `insert into dash_coverage (${COVERAGE_COLUMNS}) ${coverageRows('all')}`);
  const campaignRowsN = await count(em, `insert into dash_campaign (${CAMPAIGN_COLUMNS}) ${campaignRows('all')}`);
  await em.execute(`set local enable_nestloop = on`);
  const populationRows = await refreshPopulation(em);
  const [{ n: eventsMarked }] = await em.execute<{ n: number }[]>(
    `with u as (update outbox_message set projected_at = now() where projected_at is null returning 1) select count(*)::int as n from u`);
  if (opts.truncate) await em.execute(`analyze ${tables.join(', ')}, dash_population`);
  return { facts, rollupRows, coverageRows: coverageRowsN, campaignRows: campaignRowsN, populationRows, eventsMarked };
}

/** One advisory lock for the projector's batches and the rebuild: they never run together. */
export const PROJECTOR_LOCK = 2026112207;
