import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/platform/database/orm.js';
import { chinaDateOf, chinaInstant } from '../../src/platform/calendar/working-days.js';
import { seedActivity, UNTOUCHED_INSTITUTIONS, type ActivityOptions, type ActivitySummary } from '../../src/seed/activity.js';
import { PLAN_EVENTS } from '../../src/contexts/annual-plans/domain/annual-plan.entity.js';
import { CAMPAIGN_EVENTS } from '../../src/contexts/campaigns/domain/campaign.js';
import { SELF_INSPECTION_EVENTS } from '../../src/contexts/campaigns/domain/self-inspection.js';
import { SPOT_CHECK_EVENTS } from '../../src/contexts/spot-checks/domain/spot-check.js';
import { INSPECTION_EVENTS } from '../../src/contexts/spot-checks/domain/inspection.js';
import { FINDING_EVENTS } from '../../src/contexts/findings/domain/finding.js';
import { DECISION_EVENTS } from '../../src/contexts/findings/domain/decision.js';
import { DISPUTE_EVENTS } from '../../src/contexts/disputes/domain/dispute.js';
import { IC_EVENTS } from '../../src/contexts/internal-control/domain/ic-audit.js';
import { IC_PLAN_EVENTS } from '../../src/contexts/internal-control/domain/ic-plan.js';
import { EVENT_MAP } from '../../src/contexts/dashboards/infrastructure/event-map.js';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/database.js';

// Issue 7: the activity generator (seed-activity) on a fresh demo database. It writes a year of
// supervision work straight into the write tables: the constraints hold (it inserted at all), the
// numbers are plausible and a function of the seed, a second run adds nothing, the fixed demo
// institutions and their counties' queues are left alone, and every generated item carries the
// outbox events the real commands write (already delivered: no workflow starts for it).

const REAL_EVENT_TYPES = new Set<string>([
  ...Object.values(PLAN_EVENTS), ...Object.values(CAMPAIGN_EVENTS), ...Object.values(SELF_INSPECTION_EVENTS),
  ...Object.values(SPOT_CHECK_EVENTS), ...Object.values(INSPECTION_EVENTS), ...Object.values(FINDING_EVENTS),
  ...Object.values(DECISION_EVENTS), ...Object.values(DISPUTE_EVENTS), ...Object.values(IC_EVENTS), ...Object.values(IC_PLAN_EVENTS),
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
  order by 1`);

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
    expect(first.selfInspections).toBe(300);
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
    // nothing happens outside the year
    const bounds = [chinaInstant(`${YEAR}-01-01`).toISOString(), chinaInstant(`${YEAR + 1}-01-01`).toISOString()];
    expect(await n(a, `select count(*) as n from outbox_message where occurred_at < $1 or occurred_at > $2`, bounds)).toBe(0);
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
    expect(await n(a, `select count(*) as n from self_inspection s where s.status = 'submitted' and not exists (select 1 from outbox_message m
                         where m.aggregate_id = s.id::text and m.event_type = $1)`, [SELF_INSPECTION_EVENTS.submitted])).toBe(0);
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
});
