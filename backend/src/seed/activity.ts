import type { EntityManager } from '@mikro-orm/postgresql';
import { addCalendarDays, addWorkingDays, chinaDateOf } from '../platform/calendar/working-days.js';
import { MonthlyReport } from '../contexts/monthly-reports/domain/monthly-report.js';
import { AGENCY_INSPECTIONS_PER_YEAR, generateAgencyInspections } from './activity/agency-inspections.js';
import { DEMO_MARK, QUIET_COUNTIES, SCALES, UNTOUCHED_INSTITUTIONS, actorAt, at, type ActivityOptions, type ActivitySummary, type EventRow, type Exec } from './activity/common.js';
import { generatePlans } from './activity/plans.js';
import { generateCampaign } from './activity/campaigns.js';
import { generateSpotChecks } from './activity/spot-checks.js';
import { generateFindingsAndDecisions } from './activity/findings.js';
import { generateDisputes } from './activity/disputes.js';
import { generateIc } from './activity/internal-control.js';
import { generateMonthlyReports } from './activity/monthly-reports.js';
export { DEMO_MARK, UNTOUCHED_INSTITUTIONS, type ActivityOptions, type ActivityScale, type ActivitySummary } from './activity/common.js';

// A year of supervision activity for the seeded province, written straight into the write tables
// (issue 7: the leaders' dashboards need numbers, and the benchmark needs a province's year). Every
// row satisfies the tables' constraints; statuses agree with their timestamps and with each other
// (finding.decision_id ↔ decision.finding_ids, a dispute on an effective decision, …); every
// aggregate gets the outbox events the real commands would have written (same types, aggregates and
// tenancy), already dispatched so that no workflow starts for generated data, and left unprojected
// for the dashboards projector.
//
// Deterministic: identifiers are hashes of the year and the item's key, randomness is
// hashtextextended(key, seed) (SQL) or the seeded Prng (TypeScript), and nothing happens after the
// horizon (yesterday, China time, for the current year). Idempotent per year: the year's generated
// campaign is the marker. The three fixed demo institutions get nothing; the other institutions of
// their counties get only settled items, so the demo accounts' work queues stay as the demo seed left
// them. Generated titles are marked （演示数据）.
//
// Monthly supervision reports (月报表, last): every county bureau's report of each month of the year
// whose reports have opened by the generation instant, i.e. the months already due and, between the
// 1st and the 10th, the month being filed (open, not yet due) — the cycle workflow takes over from
// there (its opening skips a month generated here). Their `auto` figures come from the real opening's
// statement (assembleFigures) over the records as generated, the cities' compilations and bulletins from
// the real compile's code (compileCity). Report work is dated before today, the cycle's clock steps
// (opening on the 1st 00:30, overdue at the due instant) up to the generation instant, so the December
// report of a finished year is filed in January of the next. Unlike the other queues, the demo
// counties get reports (their accounts should see the monthly cycle): every due month filed on time
// and signed by the leader, and the month being filed, if any, left as the opening leaves it (a draft
// for xw.bureau to fill in). The reports are written once per year: a year generated before the
// generator wrote reports gets only them on its next run; a month the cycle opened already is left alone.

/**
 * Generates the year. Runs on the owner's connection in one transaction (the scope is set to the
 * whole nation for it, as the seed does). Throws when the year has not begun (China time).
 */
export async function seedActivity(em: EntityManager, opts: ActivityOptions): Promise<ActivitySummary> {
  const started = performance.now();
  const Y = opts.year;
  if (!Number.isInteger(Y) || Y < 2000 || Y > 2100) throw new Error(`--year must be a year between 2000 and 2100, got ${String(opts.year)}`);
  const province = opts.province ?? '32';
  if (!/^\d{2}$/.test(province)) throw new Error(`invalid province code ${province}`);
  const seed = Math.trunc(opts.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`invalid seed ${String(opts.seed)}`);
  const scale = SCALES[opts.scale];
  if (!scale) throw new Error(`--scale must be demo or benchmark, got ${String(opts.scale)}`);
  const today = chinaDateOf(opts.now ?? new Date());
  const H = addCalendarDays(today, -1) < `${Y}-12-31` ? addCalendarDays(today, -1) : `${Y}-12-31`;
  if (H < `${Y}-01-15`) throw new Error(`the year ${Y} has not run long enough to generate its activity (horizon ${H})`);
  const P = `/${province}/`;
  const provinceBureau = `bureau-${province}`;

  return em.transactional(async (tx) => {
    let last = performance.now();
    const slow = Number(process.env.ACTIVITY_LOG_SLOW_MS ?? 2000);
    const q: Exec = async (sql, params = []) => {
      const rows = await tx.execute(sql, params);
      const now = performance.now();
      if (opts.log && now - last > slow) opts.log(`${((now - last) / 1000).toFixed(1)}s ${sql.replace(/\s+/g, ' ').slice(0, 90)}`);
      last = now;
      return rows as never;
    };
    await q(`select set_config('app.region_path', '/', true), set_config('app.organization_id', '', true)`);
    // Deterministic randomness, identifiers and China-time instants (inlined SQL functions).
    await q(`create or replace function pg_temp.r(k text) returns float8 language sql immutable as
               $$ select (hashtextextended(k, ${seed}) & 2147483647)::float8 / 2147483648.0 $$`);
    await q(`create or replace function pg_temp.uid(k text) returns uuid language sql immutable as
               $$ select md5('fundsup-activity|${province}|${Y}|' || k)::uuid $$`);
    await q(`create or replace function pg_temp.ts(d date, h float8) returns timestamptz language sql immutable as
               $$ select (d + make_interval(secs => h * 3600))::timestamp at time zone 'Asia/Shanghai' $$`);

    // Events made in SQL land here first, then everything goes to the outbox in time order.
    await q(`create temp table act_evt (region_path text, owner_org_id text, aggregate_type text, aggregate_id text,
               event_type text, payload jsonb, occurred_at timestamptz) on commit drop`);
    const events: EventRow[] = [];
    const flush = async () => {
      for (let i = 0; i < events.length; i += 5000) {
        await q(`insert into act_evt select * from jsonb_to_recordset(?::jsonb) as x(region_path text, owner_org_id text, aggregate_type text,
                   aggregate_id text, event_type text, payload jsonb, occurred_at timestamptz)`, [JSON.stringify(events.slice(i, i + 5000))]);
      }
      await q(`insert into outbox_message (id, region_path, owner_org_id, aggregate_type, aggregate_id, event_type, payload, dispatch,
                                           occurred_at, available_at, dispatched_at, attempts)
               select pg_temp.uid('evt|' || aggregate_id || '|' || event_type || '|' || occurred_at::text || '|' || md5(payload::text)),
                      region_path, owner_org_id, aggregate_type, aggregate_id, event_type, payload, null, occurred_at, occurred_at, occurred_at, 0
                 from act_evt order by occurred_at, aggregate_id, event_type
               on conflict (id) do nothing`);
    };
    const reportOpts = { Y, P, seed: seed ^ (Y * 13), now: opts.now ?? new Date() };

    const [{ id: marker }] = await q<{ id: string }>(`select pg_temp.uid('campaign')::text as id`);
    const [existing] = await q(`select 1 from campaign where id = ?`, [marker]);
    if (existing) {
      // The year was generated before the generator wrote monthly reports: only they are added (once).
      const added = await generateMonthlyReports(q, events, reportOpts);
      if (added) await flush();
      return { ...(await counts(q, marker, Y, P)), year: Y, scale: opts.scale, skipped: added === 0, horizon: H, seconds: secs(started) };
    }

    const provinceActor = actorAt('bureau', provinceBureau, P, 'province_official', '省医保局经办人');

    // ---- reference data
    await q(`create temp table act_inst on commit drop as
      select o.id, o.name, o.region_path, o.region_code as county, r.parent_code as city, o.institution_type as kind,
             o.institution_level as level, o.key_supervision as key, o.region_code = any(?::text[]) as quiet
        from organization o join region r on r.code = o.region_code
       where o.kind = 'institution' and o.region_path like ? and o.id <> all(?::text[])`,
    [`{${QUIET_COUNTIES.join(',')}}`, `${P}%`, `{${UNTOUCHED_INSTITUTIONS.join(',')}}`]);
    await q(`create index on act_inst (kind, city)`);
    await q(`analyze act_inst`);
    const cities = (await q<{ code: string }>(`select code from region where parent_code = ? and level = 'city' order by code`, [province])).map((c) => c.code);
    await q(`create temp table act_inspector on commit drop as
      select (row_number() over (order by i.id) - 1)::int as k, i.id, i.name, o.name as org
        from inspector i join organization o on o.id = i.organization_id where i.region_path like ? and i.active`, [`${P}%`]);
    await q(`create index on act_inspector (k)`);
    const [{ n: inspectorCount }] = await q<{ n: number }>(`select count(*)::int as n from act_inspector`);
    // Working days (China's official calendar) for the deadlines counted in working days.
    const days: string[] = [];
    for (let d = `${Y}-01-01`; d <= `${Y + 1}-03-31`; d = addCalendarDays(d, 1)) days.push(d);
    await q(`create temp table act_wd on commit drop as
      select d::date, w5::date, w15::date, w20::date from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(d, w5, w15, w20)`,
    [`{${days.join(',')}}`, `{${days.map((d) => addWorkingDays(d, 5)).join(',')}}`,
      `{${days.map((d) => addWorkingDays(d, 15)).join(',')}}`, `{${days.map((d) => addWorkingDays(d, 20)).join(',')}}`]);
    await q(`alter table act_wd add primary key (d)`);

    await generatePlans(q, events, { Y, H, P, province, seed });
    const campaign = await generateCampaign(q, events, { Y, H, P, provinceBureau, provinceActor, cities, marker });
    await generateSpotChecks(q, { Y, H, P, provinceBureau, provinceActor, cities, campaign, scale, inspectorCount });
    await generateAgencyInspections(q, { Y, H, perYear: AGENCY_INSPECTIONS_PER_YEAR[opts.scale], demoMark: DEMO_MARK });
    await generateFindingsAndDecisions(q, { H, provinceActor });
    await generateDisputes(q, events, { H, province, seed: seed ^ Y, share: scale.disputeShare });
    await generateIc(q, events, { Y, H, P, provinceBureau, provinceActor, seed: seed ^ (Y * 7) });
    // last: the reports assemble the figures of the records written above
    await generateMonthlyReports(q, events, reportOpts);

    // ---- the outbox: every event delivered already (no workflow starts), in time order
    await flush();
    return { ...(await counts(q, marker, Y, P)), year: Y, scale: opts.scale, skipped: false, horizon: H, seconds: secs(started) };
  });
}

function secs(started: number): number {
  return +((performance.now() - started) / 1000).toFixed(1);
}

/** The year's generated rows (by their deterministic marks), for the summary. */
async function counts(q: Exec, marker: string, Y: number, P: string): Promise<Omit<ActivitySummary, 'year' | 'scale' | 'skipped' | 'horizon' | 'seconds'>> {
  const like = `%${DEMO_MARK}%`;
  const [c] = await q<Record<string, number>>(`
    with sc as (select id from spot_check where year = ? and region_path = ? and title like ?),
         ins as (select id from inspection where spot_check_id in (select id from sc)),
         fi as (select id, decision_id from finding where source_id in (select id from ins)),
         de as (select distinct decision_id as id from fi where decision_id is not null),
         ia as (select a.id from ic_audit a join ic_audit_plan p on p.id = a.plan_id where p.year = ? and p.region_path = ? and p.title like ?),
         ev as (select aggregate_type, aggregate_id from outbox_message where dispatch is null and payload->>'demo' = ?),
         mr as (select r.level from monthly_report r where r.id::text in (select aggregate_id from ev where aggregate_type = 'MonthlyReport'))
    select (select count(distinct aggregate_id)::int from ev where aggregate_type = 'AnnualPlan') as plans,
           (select count(*)::int from campaign where id = ?::uuid) as campaigns,
           (select count(*)::int from self_inspection where campaign_id = ?::uuid) as "selfInspections",
           (select count(*)::int from sc) as "spotChecks",
           (select count(*)::int from ins) as inspections,
           (select count(*)::int from inspection where origin = 'agency' and region_path like ? and spot_check_title like ?
               and coalesce(planned_on, due_date) >= make_date(?, 1, 1) and coalesce(planned_on, due_date) < make_date(? + 1, 1, 1)) as "agencyInspections",
           (select count(*)::int from fi) as findings,
           (select count(*)::int from de) as decisions,
           (select count(*)::int from dispute where decision_id in (select id from de)) as disputes,
           (select count(*)::int from ia) as "icAudits",
           (select count(*)::int from mr where level = 'county') as "monthlyReports",
           (select count(*)::int from mr where level = 'city') as "cityReports",
           (select count(*)::int from ev) as events`,
  [Y, P, like, Y, P, like, `${Y}`, marker, marker, `${P}%`, like, Y, Y]);
  return c as never;
}
