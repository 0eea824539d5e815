import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/database.js';
import { addCalendarDays, chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { seedActivity, UNTOUCHED_INSTITUTIONS, type ActivityOptions, type ActivitySummary } from '../../src/seed/activity.js';
import { PLAN_EVENTS } from '../../src/contexts/annual-plans/domain/annual-plan.js';
import { CAMPAIGN_EVENTS } from '../../src/contexts/campaigns/domain/campaign.js';
import { SELF_INSPECTION_EVENTS } from '../../src/contexts/campaigns/domain/self-inspection.js';
import { AGENCY_SELF_INSPECTION_EVENTS } from '../../src/contexts/campaigns/domain/agency-self-inspection.js';
import { SPOT_CHECK_EVENTS } from '../../src/contexts/spot-checks/domain/spot-check.js';
import { INSPECTION_EVENTS } from '../../src/contexts/spot-checks/domain/inspection.js';
import { FINDING_EVENTS } from '../../src/contexts/findings/domain/finding.js';
import { DECISION_EVENTS } from '../../src/contexts/findings/domain/decision.js';
import { DISPUTE_EVENTS } from '../../src/contexts/disputes/domain/dispute.js';
import { IC_EVENTS } from '../../src/contexts/internal-control/domain/ic-audit.js';
import { IC_PLAN_EVENTS } from '../../src/contexts/internal-control/domain/ic-plan.js';
import { EMPTY_MANUAL, MONTHLY_REPORT_EVENTS, nextMonth, validManual, type AutoFigures } from '../../src/contexts/monthly-reports/domain/monthly-report.js';
import { dueAtOf, openAtOf } from '../../src/contexts/monthly-reports/domain/schedule.js';
import { MonthlyReports } from '../../src/contexts/monthly-reports/infrastructure/monthly-reports.repository.js';
import { monthlyCycleActor } from '../../src/contexts/monthly-reports/infrastructure/monthly-report.activities.js';
import type { Compiled } from '../../src/contexts/monthly-reports/application/handlers.js';
import { UnitOfWork } from '../../src/platform/tenancy/unit-of-work.js';
import { rebuildDashboards } from '../../src/cli.js';
import { EVENT_MAP } from '../../src/contexts/dashboards/infrastructure/event-map.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/database.js';

// Issue 7: the activity generator (seed-activity) on a fresh demo database. It writes a year of
// supervision work straight into the write tables: the constraints hold (it inserted at all), the
// numbers are plausible and a function of the seed, a second run adds nothing, the fixed demo
// institutions and their counties' queues are left alone, and every generated item carries the
// outbox events the real commands write (already delivered: no workflow starts for it).

const REAL_EVENT_TYPES = new Set<string>([
  ...Object.values(PLAN_EVENTS), ...Object.values(CAMPAIGN_EVENTS), ...Object.values(SELF_INSPECTION_EVENTS), ...Object.values(AGENCY_SELF_INSPECTION_EVENTS),
  ...Object.values(SPOT_CHECK_EVENTS), ...Object.values(INSPECTION_EVENTS), ...Object.values(FINDING_EVENTS),
  ...Object.values(DECISION_EVENTS), ...Object.values(DISPUTE_EVENTS), ...Object.values(IC_EVENTS), ...Object.values(IC_PLAN_EVENTS),
  ...Object.values(MONTHLY_REPORT_EVENTS),
]);

// A finished year: nothing depends on today's date.
const YEAR = Number(chinaDateOf(new Date()).slice(0, 4)) - 1;
const SEED = 424242;

let a: TestDatabase;
let b: TestDatabase;

async function generate(db: TestDatabase, opts: Partial<ActivityOptions> = {}): Promise<ActivitySummary> {
  const orm = await MikroORM.init(ormOptions(db.ownerUrl));
  try {
    return await seedActivity(orm.em.fork(), { year: YEAR, scale: 'demo', seed: SEED, ...opts });
  } finally {
    await orm.close();
  }
}

const q = <T extends pg.QueryResultRow>(db: TestDatabase, sql: string, params: unknown[] = []) => ownerQuery<T>(db, sql, params);
const n = async (db: TestDatabase, sql: string, params: unknown[] = []) => Number((await q<{ n: string }>(db, sql, params))[0]!.n);

/** Everything generated, as one digest: equal digests mean equal rows. */
const fingerprint = (db: TestDatabase) => q<{ t: string; d: string }>(db, `
  select 'finding' as t, md5(string_agg(id || status || amount || coalesce(decision_id::text, '') || confirmation_due, ',' order by id)) as d from finding
  union all select 'decision', md5(string_agg(id || status || measures::text || array_to_string(finding_ids, ','), ',' order by id)) from handling_decision
  union all select 'dispute', md5(string_agg(id || status || path::text, ',' order by id)) from dispute
  union all select 'inspection', md5(string_agg(id || status || coalesce(inspected_on::text, ''), ',' order by id)) from inspection
  union all select 'outbox', md5(string_agg(id || event_type || occurred_at::text || payload::text, ',' order by id)) from outbox_message
  union all select 'monthly_report', md5(string_agg(id || status || auto::text || manual::text || late || overdue || coalesce(signed_at::text, '')
                                                    || coalesce(compiled::text, '') || version, ',' order by id)) from monthly_report
  order by 1`);

// ---- monthly reports (医保基金监管月报表)

interface ReportRow {
  id: string; level: 'county' | 'city'; region_path: string; owner_org_id: string; region_code: string; city_code: string; month: string; status: string;
  auto: AutoFigures; manual: Record<string, unknown>; auto_at: Date; due_at: Date; submitted_at: Date | null; signed_at: Date | null; late: boolean;
  overdue: boolean; overdue_at: Date | null; returned_comment: string | null; compiled: Compiled | null; filed_by: string | null; filed_at: Date | null;
  created_at: Date; version: number;
}
const reportsOf = (db: TestDatabase, year: number) => q<ReportRow>(db,
  `select id, level, region_path, owner_org_id, region_code, city_code, to_char(month, 'YYYY-MM') as month, status, auto, manual, auto_at, due_at,
          submitted_at, signed_at, late, overdue, overdue_at, returned_comment, compiled, filed_by, filed_at, created_at, version
     from monthly_report where extract(year from month) = $1 order by month, level, region_code`, [year]);

/** The county bureaus of Jiangsu: the units that file a report (a county with a bureau). */
const countyBureaus = (db: TestDatabase) => q<{ code: string; city: string }>(db,
  `select k.code, k.parent_code as city from region k join organization b on b.id = 'bureau-' || k.code and b.kind = 'bureau'
    where k.level = 'county' and k.path like '/32/%' order by k.code`);

/** The months of a year whose reports have opened by `now` (the 1st of the next month, 00:30 China time). */
const openedMonths = (year: number, now: Date) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter((m) => openAtOf(m) <= now);

/** The real opening's assembly (MonthlyReports.assemble) as the cycle's activity runs it: app role, RLS, the province's system actor. */
async function realAssembly(db: TestDatabase, targets: { path: string; month: string }[]): Promise<AutoFigures[]> {
  const orm = await MikroORM.init(ormOptions(db.appUrl));
  try {
    const uow = new UnitOfWork(orm);
    const { result } = await uow.run(monthlyCycleActor('32'), async () => {
      const repo = new MonthlyReports(uow);
      const out: AutoFigures[] = [];
      for (const t of targets) out.push(await repo.assemble(t.path, t.month));
      return out;
    });
    return result;
  } finally {
    await orm.close();
  }
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
}, 300_000);
afterAll(async () => {
  await Promise.all([a?.drop(), b?.drop()]);
});

describe('seed-activity at demo scale', () => {
  let first: ActivitySummary;

  beforeAll(async () => {
    first = await generate(a);
  }, 300_000);

  it('generates a plausible year within the constraints', () => {
    expect(first.skipped).toBe(false);
    expect(first.horizon).toBe(`${YEAR}-12-31`);
    // 13 cities and 104 counties, less the two demo counties: 115 city and county agencies
    expect(first.plans).toBe(115);
    expect(first.icAudits).toBe(115);
    expect(first.campaigns).toBe(1);
    expect(first.selfInspections).toBe(302);
    expect(first.spotChecks).toBe(15);
    expect(first.inspections).toBeGreaterThan(300);
    expect(first.findings).toBeGreaterThan(first.inspections);
    expect(first.decisions).toBeGreaterThan(100);
    expect(first.decisions).toBeLessThan(first.findings);
    expect(first.disputes).toBeGreaterThan(5);
    expect(first.events).toBeGreaterThan(3000);
  });

  it('inspects at least 10% of the pharmacies and clinics of every city every month, and every key institution twice', async () => {
    const short = await q<{ city: string; month: string; ratio: number }>(a, `
      with pop as (select r.parent_code as city, count(*) as n from organization o join region r on r.code = o.region_code
                    where o.kind = 'institution' and o.institution_type in ('pharmacy', 'clinic') and o.id <> all($1::text[]) group by 1),
           months as (select generate_series(1, 12) as m)
      select p.city, m.m as month,
             (select count(distinct i.institution_id) from inspection i join spot_check s on s.id = i.spot_check_id
               where i.city_code = p.city and i.kind in ('pharmacy', 'clinic') and s.year = $2 and extract(month from s.due_date) = m.m and s.title like '%月定点%')::float / p.n as ratio
        from pop p cross join months m`, [UNTOUCHED_INSTITUTIONS, YEAR]);
    expect(short.length).toBe(13 * 12);
    expect(short.filter((r) => r.ratio < 0.1)).toEqual([]);
    const keyOnce = await n(a, `select count(*) as n from organization o where o.kind = 'institution' and o.key_supervision and o.id <> all($1::text[])
                                  and (select count(*) from inspection i where i.institution_id = o.id) < 2`, [UNTOUCHED_INSTITUTIONS]);
    expect(keyOnce).toBe(0);
  });

  it('keeps the items consistent with each other and with their timestamps', async () => {
    // finding.decision_id ↔ decision.finding_ids, both ways
    expect(await n(a, `select count(*) as n from finding f join handling_decision d on d.id = f.decision_id where not (f.id = any(d.finding_ids))`)).toBe(0);
    expect(await n(a, `select count(*) as n from handling_decision d cross join unnest(d.finding_ids) fid
                         left join finding f on f.id = fid where f.decision_id is distinct from d.id or f.owner_org_id <> d.owner_org_id`)).toBe(0);
    // findings raised only from sent inspections, one per entry of the inspection's list, on the day it was sent
    expect(await n(a, `select count(*) as n from finding f join inspection i on i.id = f.source_id
                        where i.status <> 'sent' or f.source_index >= i.finding_count or (f.created_at at time zone 'Asia/Shanghai')::date <> (i.sent_at at time zone 'Asia/Shanghai')::date`)).toBe(0);
    expect(await n(a, `select count(*) as n from inspection i where i.status = 'sent' and i.finding_count <> (select count(*) from finding f where f.source_id = i.id)`)).toBe(0);
    // a decision is made after its findings were confirmed; a dispute is filed once the decision is in effect
    expect(await n(a, `select count(*) as n from handling_decision d join finding f on f.decision_id = d.id where f.confirmed_at >= d.created_at`)).toBe(0);
    expect(await n(a, `select count(*) as n from dispute s join handling_decision d on d.id = s.decision_id where d.effective_at is null or s.created_at <= d.effective_at`)).toBe(0);
    // the settlement follows the rectification; an overdue rectification is never confirmed
    expect(await n(a, `select count(*) as n from handling_decision where (settlement = 'suspended') <> (status in ('rectifying', 'rectification_submitted'))`)).toBe(0);
    expect(await n(a, `select count(*) as n from handling_decision where (rectification->>'overdue')::boolean and rectification->>'confirmedAt' is not null`)).toBe(0);
    // nothing happens outside the year (but the December monthly report, filed in January)
    const bounds = [chinaInstant(`${YEAR}-01-01`).toISOString(), chinaInstant(`${YEAR + 1}-01-01`).toISOString()];
    expect(await n(a, `select count(*) as n from outbox_message where (occurred_at < $1 or occurred_at > $2) and aggregate_type <> 'MonthlyReport'`, bounds)).toBe(0);
    expect(await n(a, `select count(*) as n from outbox_message m join monthly_report r on r.id::text = m.aggregate_id
                        where m.occurred_at < r.created_at or m.occurred_at > now() or (m.occurred_at >= $1 and r.month < $2::date)`,
    [bounds[1], `${YEAR}-12-01`])).toBe(0);
    expect(await n(a, `select count(*) as n from finding where created_at < $1 or created_at >= $2`, bounds)).toBe(0);
    // a mix of statuses, as in a real year
    const statuses = async (sql: string) => (await q<{ status: string }>(a, sql)).map((r) => r.status).sort();
    expect(await statuses(`select distinct status from finding`)).toEqual(expect.arrayContaining(['appeal_upheld', 'confirmed', 'decided', 'deemed_confirmed']));
    expect(await statuses(`select distinct status from handling_decision`)).toEqual(expect.arrayContaining(['closed', 'effective', 'rectifying']));
    expect(await statuses(`select distinct status from dispute`)).toEqual(expect.arrayContaining(['closed', 'withdrawn']));
    expect(await statuses(`select distinct status from self_inspection`)).toEqual(['missing', 'submitted']);
    expect(await n(a, `select count(*) as n from self_inspection where late`)).toBeGreaterThan(0);
    expect(await n(a, `select count(*) as n from handling_decision where measures @> '[{"kind":"terminate_agreement"}]'`)).toBeGreaterThan(0);
    expect(await n(a, `select count(*) as n from handling_decision where major and legal_review is not null`)).toBeGreaterThan(0);
    const levels = (await q<{ current: number }>(a, `select distinct current from dispute order by 1`)).map((r) => r.current);
    expect(levels).toEqual([0, 1, 2]);
  });

  it('records amounts actually recovered for part of the decisions in effect, within what was confirmed, each with its history and event', async () => {
    const effective = await n(a, `select count(*) as n from handling_decision where effective_at is not null`);
    const recovered = await n(a, `select count(distinct decision_id) as n from decision_recovery`);
    expect(recovered).toBeGreaterThan(effective * 0.4);
    expect(recovered).toBeLessThan(effective * 0.8);
    // never more than the decision's findings' amount, never before it took effect nor after the year's horizon
    expect(await n(a, `select count(*) as n from handling_decision d
                        where (select sum(amount) from decision_recovery r where r.decision_id = d.id)
                              > (select sum(f.amount) from finding f where f.id = any(d.finding_ids))`)).toBe(0);
    expect(await n(a, `select count(*) as n from decision_recovery r join handling_decision d on d.id = r.decision_id
                        where r.recovered_on < (d.effective_at at time zone 'Asia/Shanghai')::date or r.recovered_on > $1::date
                           or r.owner_org_id <> d.owner_org_id or r.region_path <> d.region_path`, [`${YEAR}-12-31`])).toBe(0);
    expect((await q<{ method: string }>(a, `select distinct method from decision_recovery order by 1`)).map((r) => r.method)).toEqual(['deduction', 'repayment']);
    expect(await n(a, `select count(*) as n from decision_recovery r where not exists (select 1 from outbox_message m where m.aggregate_id = r.decision_id::text
                         and m.event_type = $1 and m.payload->>'recoveryId' = r.id::text)`, [DECISION_EVENTS.recoveryRecorded])).toBe(0);
    expect(await n(a, `select count(*) as n from decision_recovery r where not exists (select 1 from decision_history h where h.decision_id = r.decision_id
                         and h.action = 'recovery_recorded')`)).toBe(0);
  });

  it('writes the IC findings’ rectification and verification in the shape the domain reads (FindingRow)', async () => {
    // It wrote { report, attachmentIds, at }: the audit page showed no plan, the API sent fields its type does not have.
    const keys = (column: string) => q<{ keys: string[] }>(a,
      `select distinct (select array_agg(k order by k) from jsonb_object_keys(${column}) k) as keys from ic_finding where ${column} is not null`);
    expect((await keys('rectification')).map((r) => r.keys)).toEqual([['evidenceAttachmentIds', 'plan', 'submittedAt']]);
    expect((await keys('verification')).map((r) => r.keys)).toEqual([['accepted', 'at', 'comment']]);
  });

  it('leaves the three demo institutions and their counties’ queues alone', async () => {
    for (const table of ['finding', 'handling_decision', 'dispute', 'inspection', 'self_inspection']) {
      expect(await n(a, `select count(*) as n from ${table} where owner_org_id = any($1::text[])`, [UNTOUCHED_INSTITUTIONS])).toBe(0);
    }
    const counties = `region_path like '/32/3201/320102/%' or region_path like '/32/3205/320508/%'`;
    // settled items only: nothing to confirm, review, decide, legally review, accept or hear
    expect(await n(a, `select count(*) as n from finding where (${counties}) and status not in ('decided', 'appeal_upheld')`)).toBe(0);
    expect(await n(a, `select count(*) as n from handling_decision where (${counties}) and status not in ('effective', 'closed')`)).toBe(0);
    expect(await n(a, `select count(*) as n from dispute where ${counties}`)).toBe(0);
    expect(await n(a, `select count(*) as n from annual_plan where owner_org_id in ('agency-320102', 'agency-320508')`)).toBe(0);
    expect(await n(a, `select count(*) as n from ic_audit where owner_org_id in ('agency-320102', 'agency-320508')`)).toBe(0);
    expect(await n(a, `select count(*) as n from self_inspection where (${counties}) and status <> 'submitted'`)).toBe(0);
    // the generated items say so
    expect(await n(a, `select count(*) as n from spot_check where title not like '%（演示数据）'`)).toBe(0);
    expect(await n(a, `select count(*) as n from campaign where title not like '%（演示数据）'`)).toBe(0);
  });

  it('writes the real events for every item, delivered already, unprojected', async () => {
    const types = (await q<{ event_type: string }>(a, `select distinct event_type from outbox_message order by 1`)).map((r) => r.event_type);
    expect(types.filter((t) => !REAL_EVENT_TYPES.has(t))).toEqual([]);
    // the dashboards' projector knows every one of them
    expect(types.filter((t) => !(t in EVENT_MAP))).toEqual([]);
    expect(await n(a, `select count(*) as n from outbox_message where dispatched_at is null or dispatch is not null`)).toBe(0);
    expect(await n(a, `select count(*) as n from outbox_message where projected_at is not null`)).toBe(0);
    // every finding: its inspection's FindingsRaised naming it
    expect(await n(a, `select count(*) as n from finding f where not exists (select 1 from outbox_message m where m.aggregate_type = 'Inspection'
                         and m.aggregate_id = f.source_id::text and m.event_type = $1 and m.payload->'input'->'findingIds' @> to_jsonb(f.id::text))`,
    [FINDING_EVENTS.raised])).toBe(0);
    // every decision created, every dispute filed (with the tenancy of the institution)
    expect(await n(a, `select count(*) as n from handling_decision d where not exists (select 1 from outbox_message m where m.aggregate_type = 'HandlingDecision'
                         and m.aggregate_id = d.id::text and m.event_type = $1 and m.region_path = d.region_path and m.owner_org_id = d.owner_org_id)`,
    [DECISION_EVENTS.created])).toBe(0);
    expect(await n(a, `select count(*) as n from dispute s where not exists (select 1 from outbox_message m where m.aggregate_type = 'Dispute'
                         and m.aggregate_id = s.id::text and m.event_type = $1 and m.owner_org_id = s.owner_org_id)`, [DISPUTE_EVENTS.filed])).toBe(0);
    // every inspection: its own events once recorded, its spot-check's draw before that
    expect(await n(a, `select count(*) as n from inspection i where not exists (select 1 from outbox_message m where m.aggregate_type = 'Inspection'
                         and m.aggregate_id = i.id::text and m.event_type = any($1::text[]))
                         and not (i.status = 'assigned' and exists (select 1 from outbox_message m where m.aggregate_type = 'SpotCheck'
                                    and m.aggregate_id = i.spot_check_id::text and m.event_type = $2))`,
    [[INSPECTION_EVENTS.recorded, INSPECTION_EVENTS.sent], SPOT_CHECK_EVENTS.drawn])).toBe(0);
    expect(await n(a, `select count(*) as n from inspection i where i.status = 'sent' and not exists (select 1 from outbox_message m
                         where m.aggregate_id = i.id::text and m.event_type = $1 and m.region_path = i.region_path and m.owner_org_id = i.owner_org_id)`,
    [INSPECTION_EVENTS.sent])).toBe(0);
    // a confirmed finding's own event; the deemed ones in their inspection's batch
    expect(await n(a, `select count(*) as n from finding f where f.confirmed_at is not null and not f.deemed and f.appeal is null
                         and not exists (select 1 from outbox_message m where m.aggregate_id = f.id::text and m.event_type = $1)`, [FINDING_EVENTS.confirmed])).toBe(0);
    expect(await n(a, `select count(*) as n from finding f where f.deemed and not exists (select 1 from outbox_message m
                         where m.aggregate_id = f.source_id::text and m.event_type = $1 and m.payload->'findingIds' @> to_jsonb(f.id::text))`,
    [FINDING_EVENTS.deemed])).toBe(0);
    expect(await n(a, `select count(*) as n from annual_plan p where not exists (select 1 from outbox_message m where m.aggregate_id = p.id::text and m.event_type = $1)`,
      [PLAN_EVENTS.opened])).toBe(0);
    // the city's two steps: a county plan is filed by the city bureau after the city agency forwarded it; a city plan by the province
    const filed = await q<{ level: string; forward_by: string | null; file_by: string; forwarded_at: Date | null }>(a,
      `select p.unit_level as level, p.forwarded_at,
              (select by_name from annual_plan_history h where h.plan_id = p.id and h.action = 'forward' order by at desc limit 1) as forward_by,
              (select by_name from annual_plan_history h where h.plan_id = p.id and h.action = 'file') as file_by
         from annual_plan p where p.filed_at is not null`);
    expect(filed.filter((p) => p.level === 'county').length).toBeGreaterThan(50);
    for (const p of filed) {
      if (p.level === 'county') expect([p.forward_by, p.file_by, p.forwarded_at !== null]).toEqual([expect.stringContaining('方案审核人'), expect.stringContaining('方案备案人'), true]);
      else expect([p.forward_by, p.forwarded_at]).toEqual([null, null]);
    }
    expect(await n(a, `select count(*) as n from annual_plan where status = 'forwarded' and unit_level = 'city'`)).toBe(0);
    expect(await n(a, `select count(*) as n from annual_plan p where p.forwarded_at is not null and not exists (select 1 from outbox_message m
                         where m.aggregate_id = p.id::text and m.event_type = $1)`, [PLAN_EVENTS.forward])).toBe(0);
    expect(await n(a, `select count(*) as n from self_inspection s where s.status = 'submitted' and not exists (select 1 from outbox_message m
                         where m.aggregate_id = s.id::text and m.event_type = $1)`, [SELF_INSPECTION_EVENTS.submitted])).toBe(0);
  });

  it('files the monthly report of every county bureau for every month opened, with the figures the real opening assembles', async () => {
    const now = new Date();
    const months = openedMonths(YEAR, now);
    const counties = await countyBureaus(a);
    expect(counties.length).toBe(104);
    const reports = await reportsOf(a, YEAR);
    const county = reports.filter((r) => r.level === 'county');
    expect(first.monthlyReports).toBe(county.length);
    // exactly one per county bureau and month opened, and no other month
    expect([...new Set(county.map((r) => r.month))]).toEqual(months);
    for (const m of months) expect(county.filter((r) => r.month === m).map((r) => r.region_code)).toEqual(counties.map((k) => k.code));
    // tenancy of the county bureau; due the 10th of the next month (the 11th 00:00 China time); opened on the 1st at 00:30
    for (const r of county) {
      expect([r.region_path, r.owner_org_id, r.city_code]).toEqual([`/32/${r.region_code.slice(0, 4)}/${r.region_code}/`, `bureau-${r.region_code}`, r.region_code.slice(0, 4)]);
      expect(r.due_at.toISOString()).toBe(chinaInstant(`${nextMonth(r.month)}-11`).toISOString());
      expect(r.created_at.toISOString()).toBe(chinaInstant(`${nextMonth(r.month)}-01`, 0.5).toISOString());
    }
    // auto: what the real opening (the cycle's activity, MonthlyReports.assemble on the app role) gives for that county and month
    const real = await realAssembly(a, county.map((r) => ({ path: r.region_path, month: r.month })));
    const differing = county.filter((r, i) => !isDeepStrictEqual(r.auto, real[i]));
    expect(differing.map((r) => `${r.region_code} ${r.month}`)).toEqual([]);
    // …and not trivially: the year's sent inspections and findings are all in some county's month
    const sum = (key: 'inspections' | 'findings') => county.reduce((s, r) => s + r.auto[key], 0);
    expect(sum('inspections')).toBe(await n(a, `select count(*) as n from inspection where status = 'sent' and extract(year from inspected_on) = $1`, [YEAR]));
    expect(sum('findings')).toBe(await n(a, `select count(*) as n from finding where extract(year from created_at at time zone 'Asia/Shanghai') = $1`, [YEAR]));
    expect(county.filter((r) => r.auto.inspections > 0).length).toBeGreaterThan(county.length / 5);
    // the county's own part: plausible figures once saved, left empty otherwise
    const saved = await q<{ aggregate_id: string }>(a, `select distinct aggregate_id from outbox_message where event_type = $1`, [MONTHLY_REPORT_EVENTS.saved]);
    const savedIds = new Set(saved.map((x) => x.aggregate_id));
    for (const r of county) {
      // what the real save accepts (integers ≥ 0, yuan with 2 decimals, remarks ≤ 2000 characters, no other key)
      expect(validManual(r.manual, EMPTY_MANUAL)).toEqual(r.manual);
      const values = ['transferredToPolice', 'publicExposures', 'otherRecovered'].map((k) => r.manual[k] as number);
      expect(values.every((v) => v < 100_000)).toBe(true);
      if (!savedIds.has(r.id)) expect(r.manual).toEqual(EMPTY_MANUAL);
    }
    expect(county.filter((r) => r.status === 'submitted' && (r.manual.remarks as string) !== '').length).toBeGreaterThan(county.length / 2);
  }, 120_000);

  it('gives the reports the statuses of a real year: most on time and signed, a few late, very few missing, the latest still coming in', async () => {
    const now = new Date();
    const today = chinaInstant(chinaDateOf(now));
    const county = (await reportsOf(a, YEAR)).filter((r) => r.level === 'county');
    for (const r of county) {
      const due = r.due_at.getTime();
      const filed = r.status === 'submitted';
      // signed by the leader after the submission; late exactly when signed at or after the due instant
      if (filed) {
        expect(r.submitted_at && r.signed_at && r.submitted_at <= r.signed_at).toBe(true);
        expect(r.late).toBe(r.signed_at!.getTime() >= due);
      } else {
        expect([r.late, r.signed_at]).toEqual([false, null]);
        expect(r.status === 'awaiting_signoff').toBe(r.submitted_at !== null);
      }
      // overdue: flagged at the due instant when not filed by then
      expect(r.overdue).toBe(due <= now.getTime() && (!filed || r.signed_at!.getTime() >= due));
      expect(r.overdue_at?.getTime() ?? null).toBe(r.overdue ? due : null);
      // work happens after the opening and before today
      for (const t of [r.submitted_at, r.signed_at, r.auto_at]) if (t) expect(t >= r.created_at && t < today).toBe(true);
    }
    const count = (pred: (r: ReportRow) => boolean) => county.filter(pred).length;
    const onTime = count((r) => r.status === 'submitted' && !r.late);
    const late = count((r) => r.status === 'submitted' && r.late);
    const missing = count((r) => r.status !== 'submitted');
    expect(onTime / county.length).toBeGreaterThan(0.78);
    expect(late / county.length).toBeGreaterThan(0.05);
    expect(late / county.length).toBeLessThan(0.2);
    expect(missing).toBeGreaterThan(0);
    expect(missing / county.length).toBeLessThan(0.06);
    // some returned by the leader before signing, filed again
    const returned = await n(a, `select count(distinct m.aggregate_id) as n from outbox_message m join monthly_report r on r.id::text = m.aggregate_id
                                  where m.event_type = $1 and r.status = 'submitted' and r.returned_comment is null`, [MONTHLY_REPORT_EVENTS.returned]);
    expect(returned).toBeGreaterThan(0);
    // the demo counties (xw.bureau, Gusu) filed every month on time, signed by the leader
    const demo = county.filter((r) => ['320102', '320508'].includes(r.region_code) && r.due_at <= now);
    expect(demo.length).toBeGreaterThan(0);
    expect(demo.filter((r) => r.status !== 'submitted' || r.late || r.overdue)).toEqual([]);
  });

  it('the city agency compiles a city only when all its counties have filed or after the due instant; the city bureau files it the next day with the real bulletin', async () => {
    const reports = await reportsOf(a, YEAR);
    const cities = reports.filter((r) => r.level === 'city');
    expect(first.cityReports).toBe(cities.length);
    // a finished year: every city bureau compiled every month (on the 10th–14th of the next month)
    const cityBureaus = await n(a, `select count(*) as n from region c join organization b on b.id = 'bureau-' || c.code where c.level = 'city' and c.parent_code = '32'`);
    if (Date.now() > chinaInstant(`${YEAR + 1}-01-16`).getTime()) expect(cities.length).toBe(cityBureaus * 12);
    let beforeDue = 0;
    for (const c of cities) {
      const compiled = c.compiled!;
      const at = new Date(compiled.compiledAt);
      const mine = reports.filter((r) => r.level === 'county' && r.city_code === c.region_code && r.month === c.month);
      expect([c.owner_org_id, c.region_path]).toEqual([`bureau-${c.region_code}`, `/32/${c.region_code}/`]);
      // compiled by the city agency's fund-audit section, filed (备案) by the city bureau on the next day at 15:00 once that day has passed
      expect(compiled.compiledBy).toContain('市医保经办机构');
      const filedAt = chinaInstant(addCalendarDays(chinaDateOf(at), 1), 15);
      if (chinaDateOf(filedAt) < chinaDateOf(new Date())) {
        expect([c.status, c.filed_at, c.filed_by, compiled.filedBy]).toEqual(['filed', filedAt, expect.stringContaining('市医保局'), c.filed_by]);
        expect(compiled.bulletin).toContain(chinaDateOf(filedAt));
      } else {
        expect([c.status, c.filed_at, c.filed_by]).toEqual(['compiled', null, null]);
      }
      expect(compiled.counties.map((x) => x.regionCode).sort()).toEqual(mine.map((r) => r.region_code));
      const filedThen = (r: ReportRow) => r.status === 'submitted' && r.signed_at! <= at;
      expect(compiled.afterDue).toBe(at >= c.due_at);
      if (!compiled.afterDue) {
        beforeDue += 1;
        expect(mine.every(filedThen)).toBe(true);
      }
      // standings as the county reports stood at the compilation
      for (const x of compiled.counties) {
        const r = mine.find((y) => y.region_code === x.regionCode)!;
        expect(x.standing).toBe(!filedThen(r) ? 'missing' : r.late ? 'late' : 'on_time');
        expect(x.reportId).toBe(r.id);
      }
      // totals of the filed ones; the bulletin says so
      const filed = mine.filter(filedThen);
      expect(c.auto.inspections).toBe(filed.reduce((s, r) => s + r.auto.inspections, 0));
      expect(c.auto.findingAmount).toBeCloseTo(filed.reduce((s, r) => s + r.auto.findingAmount, 0), 2);
      expect(compiled.onTime + compiled.late + compiled.missing.length).toBe(mine.length);
      expect(compiled.bulletin).toContain(`按时报送 ${compiled.onTime} 个`);
      expect(compiled.bulletin).toContain(`共开展检查 ${c.auto.inspections} 家次`);
    }
    expect(beforeDue).toBeGreaterThan(0);
    expect(beforeDue).toBeLessThan(cities.length);
  });

  it('writes every report’s events: opened, saved, submitted, returned, signed, flagged overdue, compiled, filed', async () => {
    const reports = await reportsOf(a, YEAR);
    const events = await q<{ aggregate_id: string; event_type: string; region_path: string; owner_org_id: string; payload: Record<string, unknown>; occurred_at: Date }>(a,
      `select aggregate_id, event_type, region_path, owner_org_id, payload, occurred_at from outbox_message
        where aggregate_type = 'MonthlyReport' order by occurred_at, seq`);
    expect(events.every((e) => e.payload.demo === String(YEAR))).toBe(true);
    const byReport = new Map<string, typeof events>();
    for (const e of events) byReport.set(e.aggregate_id, [...(byReport.get(e.aggregate_id) ?? []), e]);
    expect(byReport.size).toBe(reports.length);
    for (const r of reports) {
      const list = byReport.get(r.id)!;
      const types = list.map((e) => e.event_type);
      expect(list.every((e) => e.region_path === r.region_path && e.owner_org_id === r.owner_org_id && e.payload.month === r.month
        && e.payload.regionCode === r.region_code && e.payload.level === r.level)).toBe(true);
      if (r.level === 'city') {
        expect(types).toEqual(r.status === 'filed' ? [MONTHLY_REPORT_EVENTS.compiled, MONTHLY_REPORT_EVENTS.filed] : [MONTHLY_REPORT_EVENTS.compiled]);
        expect(list[0]!.payload).toMatchObject({ status: 'compiled', onTime: r.compiled!.onTime, late: r.compiled!.late, missing: r.compiled!.missing.length });
        if (r.status === 'filed') expect([list[1]!.payload.status, list[1]!.occurred_at]).toEqual(['filed', r.filed_at]);
        expect(list.length).toBe(r.version);
        continue;
      }
      expect(types[0]).toBe(MONTHLY_REPORT_EVENTS.opened);
      expect(list[0]!.occurred_at.getTime()).toBe(r.created_at.getTime());
      // one event per change of the row (the version counts them), the last one carrying the report's status
      expect(list.length).toBe(r.version);
      expect(list.at(-1)!.payload.status).toBe(r.status);
      expect(types.includes(MONTHLY_REPORT_EVENTS.signed)).toBe(r.status === 'submitted');
      expect(types.filter((t) => t === MONTHLY_REPORT_EVENTS.overdue).length).toBe(r.overdue ? 1 : 0);
      if (r.overdue) expect(list.find((e) => e.event_type === MONTHLY_REPORT_EVENTS.overdue)!.occurred_at.getTime()).toBe(r.due_at.getTime());
      const signed = list.find((e) => e.event_type === MONTHLY_REPORT_EVENTS.signed);
      if (signed) expect([signed.occurred_at.getTime(), signed.payload.late]).toEqual([r.signed_at!.getTime(), r.late]);
      if (types.includes(MONTHLY_REPORT_EVENTS.submitted)) {
        expect(list.filter((e) => e.event_type === MONTHLY_REPORT_EVENTS.submitted).at(-1)!.occurred_at.getTime()).toBe(r.submitted_at!.getTime());
      }
    }
  });

  it('is idempotent: a second run of the year adds nothing', async () => {
    const before = await fingerprint(a);
    const again = await generate(a, { seed: SEED + 1 });
    expect(again.skipped).toBe(true);
    expect({ ...again, skipped: false, seconds: 0 }).toEqual({ ...first, seconds: 0 });
    expect(await fingerprint(a)).toEqual(before);
  }, 120_000);

  it('is deterministic: the same seed gives the same rows on another database, another seed other rows', async () => {
    const other = await generate(b);
    expect({ ...other, seconds: 0 }).toEqual({ ...first, seconds: 0 });
    expect(await fingerprint(b)).toEqual(await fingerprint(a));
    // another year on b with another seed differs, and stops at its horizon (mid-year: nothing after it)
    const midYear = await generate(b, { year: YEAR - 1, seed: SEED + 1, now: chinaInstant(`${YEAR - 1}-06-16`, 12) });
    expect(midYear.horizon).toBe(`${YEAR - 1}-06-15`);
    expect(midYear.findings).toBeGreaterThan(0);
    expect(midYear.findings).not.toBe(first.findings);
    expect(await n(b, `select count(*) as n from outbox_message where occurred_at >= $1 and payload->>'demo' = $2`,
      [chinaInstant(`${YEAR - 1}-06-16`).toISOString(), String(YEAR - 1)])).toBe(0);
    const [campaign] = await q<{ phase: string }>(b, `select phase from campaign where year = $1`, [YEAR - 1]);
    expect(campaign!.phase).toBe('self_inspection');
    // the self-inspection window is open: tasks pending, drafted or submitted, none missing yet
    const tasks = (await q<{ status: string }>(b, `select distinct s.status from self_inspection s join campaign c on c.id = s.campaign_id
                                                      where c.year = $1 order by 1`, [YEAR - 1])).map((r) => r.status);
    expect(tasks).toEqual(['draft', 'pending', 'submitted']);
  }, 300_000);

  it('between the 1st and the 10th the month being filed is open; a year generated before its reports gets them once; a month the cycle opened is left alone', async () => {
    const Y = YEAR - 2;
    const now = chinaInstant(`${Y}-03-05`, 12);
    const summary = await generate(b, { year: Y, seed: SEED + 2, now });
    const reports = await reportsOf(b, Y);
    expect(summary.monthlyReports).toBe(2 * 104);
    expect([...new Set(reports.map((r) => r.month))]).toEqual([`${Y}-01`, `${Y}-02`]);
    // February: open, due on 10 March: nobody overdue or late yet, some filed, some awaiting the leader or still drafts; no compilation
    const feb = reports.filter((r) => r.month === `${Y}-02`);
    expect(feb.filter((r) => r.overdue || r.late || r.level === 'city')).toEqual([]);
    expect(new Set(feb.map((r) => r.status))).toEqual(new Set(['draft', 'awaiting_signoff', 'submitted']));
    expect(feb.filter((r) => r.status === 'submitted').length).toBeGreaterThan(10);
    expect(feb.filter((r) => r.status === 'draft').length).toBeGreaterThan(10);
    // the demo counties' February report is as the opening left it; January filed on time
    for (const code of ['320102', '320508']) {
      const own = reports.filter((r) => r.region_code === code);
      expect(own.map((r) => [r.month, r.status, r.late, r.overdue, r.version])).toEqual([[`${Y}-01`, 'submitted', false, false, 4], [`${Y}-02`, 'draft', false, false, 1]]);
      expect(own[1]!.manual).toEqual(EMPTY_MANUAL);
    }
    // January: every city compiled after the due instant or once all its counties had filed
    expect(reports.filter((r) => r.level === 'city' && r.month === `${Y}-01`).length).toBe(13);
    // nothing after the generation instant, no work on its day
    expect(await n(b, `select count(*) as n from outbox_message where payload->>'demo' = $1 and occurred_at >= $2`, [String(Y), chinaInstant(`${Y}-03-05`).toISOString()])).toBe(0);
    // the due instant of February is ahead: the cycle will remind and flag it; the opening of February would add nothing
    expect(dueAtOf(`${Y}-02`) > now).toBe(true);

    // A year generated before the generator wrote reports: its next run adds only them, the same ones.
    const before = await q<{ d: string }>(b, `select md5(string_agg(id || status || auto::text || manual::text || version, ',' order by id)) as d from monthly_report where month = $1::date`, [`${Y}-01-01`]);
    await q(b, `delete from outbox_message where aggregate_type = 'MonthlyReport' and payload->>'demo' = $1`, [String(Y)]);
    await q(b, `delete from monthly_report where extract(year from month) = $1`, [Y]);
    // …and meanwhile the cycle opened February for the province (here: one county's report, opened by the real cycle)
    await q(b, `insert into monthly_report (id, region_path, owner_org_id, level, region_code, city_code, month, status, auto, manual, due_at, created_at, updated_at)
                values (gen_random_uuid(), '/32/3201/320102/', 'bureau-320102', 'county', '320102', '3201', $1::date, 'draft', '{}', '{}', $2, $3, $3)`,
    [`${Y}-02-01`, dueAtOf(`${Y}-02`), openAtOf(`${Y}-02`)]);
    const events = await n(b, `select count(*) as n from outbox_message`);
    const again = await generate(b, { year: Y, seed: SEED + 2, now });
    expect(again.skipped).toBe(false);
    expect(again.monthlyReports).toBe(104);
    expect(again.findings).toBe(summary.findings);
    expect(await q<{ d: string }>(b, `select md5(string_agg(id || status || auto::text || manual::text || version, ',' order by id)) as d from monthly_report where month = $1::date`, [`${Y}-01-01`])).toEqual(before);
    expect(await n(b, `select count(*) as n from monthly_report where month = $1::date`, [`${Y}-02-01`])).toBe(1);
    const afterAgain = await n(b, `select count(*) as n from outbox_message`);
    expect(afterAgain).toBe(events + (await n(b, `select count(*) as n from outbox_message where aggregate_type = 'MonthlyReport' and payload->>'demo' = $1`, [String(Y)])));
    expect(afterAgain).toBeGreaterThan(events + 104);
    // once: the next run writes nothing
    const third = await generate(b, { year: Y, seed: SEED + 2, now });
    expect(third.skipped).toBe(true);
    expect(await n(b, `select count(*) as n from outbox_message`)).toBe(afterAgain);
  }, 300_000);

  it('counts in the dashboards once rebuilt from the records (mr_* metrics)', async () => {
    const orm = await MikroORM.init(ormOptions(b.ownerUrl));
    try {
      await rebuildDashboards(orm);
    } finally {
      await orm.close();
    }
    const cube = async (metric: string) => n(b, `select coalesce(sum(value), 0)::int as n from dash_rollup where region_code = '000000' and period ~ '^\\d{4}$' and metric = $1`, [metric]);
    const rows = async (where: string) => n(b, `select count(*) as n from monthly_report where level = 'county' and ${where}`);
    expect(await cube('mr_reports')).toBe(await rows('true'));
    expect(await cube('mr_submitted')).toBe(await rows(`status = 'submitted'`));
    expect(await cube('mr_late')).toBe(await rows(`status = 'submitted' and late`));
    expect(await cube('mr_overdue')).toBe(await rows(`overdue and status <> 'submitted'`));
    expect(await cube('mr_late')).toBeGreaterThan(0);
    expect(await cube('mr_overdue')).toBeGreaterThan(0);
  }, 120_000);
});
