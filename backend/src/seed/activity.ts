import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addCalendarDays, addWorkingDays, chinaDateOf, chinaInstant } from '../platform/calendar/working-days.js';
import { FOCUS_OPTIONS } from '../contexts/campaigns/domain/campaign.js';
import { EMPTY_AUTO, EMPTY_MANUAL, MONTHLY_REPORT_EVENTS, MonthlyReport, nextMonth, type AutoFigures, type ManualFigures, type ReportStatus } from '../contexts/monthly-reports/domain/monthly-report.js';
import { dueAtOf, openAtOf } from '../contexts/monthly-reports/domain/schedule.js';
import { assembleFigures, countiesOf, type CountyRef } from '../contexts/monthly-reports/infrastructure/monthly-reports.repository.js';
import { AGENCY_INSPECTIONS_PER_YEAR, generateAgencyInspections } from './activity-agency-inspections.js';
import { bulletinText, compileCity } from '../contexts/monthly-reports/application/handlers.js';
import { Prng } from './prng.js';

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

export type ActivityScale = 'demo' | 'benchmark';

export interface ActivityOptions {
  year: number;
  scale: ActivityScale;
  seed: number;
  /** GB/T 2260 short code of the seeded province. */
  province?: string;
  /** The instant the activity ends at (default: now): nothing is dated on or after its China day. */
  now?: Date;
  /** Progress lines (step and elapsed seconds). */
  log?: (line: string) => void;
}

export interface ActivitySummary {
  year: number;
  scale: ActivityScale;
  /** The year had been generated already: nothing was written (counts are the year's existing rows). */
  skipped: boolean;
  horizon: string;
  plans: number;
  campaigns: number;
  selfInspections: number;
  spotChecks: number;
  inspections: number;
  /** The agencies' own inspections (issue 13). */
  agencyInspections: number;
  findings: number;
  decisions: number;
  disputes: number;
  icAudits: number;
  /** County monthly reports (医保基金监管月报表) and the cities' compiled reports. */
  monthlyReports: number;
  cityReports: number;
  events: number;
  seconds: number;
}

export const DEMO_MARK = '（演示数据）';
/** The fixed demo institutions (deploy/keycloak accounts): never given generated activity. */
export const UNTOUCHED_INSTITUTIONS = ['inst-320102-0001', 'inst-320102-0002', 'inst-320508-0001'] as const;
/** Their counties: only settled items there, so the county demo accounts' queues stay empty. */
const QUIET_COUNTIES = ['320102', '320508'];

const SCALES = {
  // monthly share of pharmacies and clinics inspected (≥ 10% per city), hospitals' yearly share,
  // and the findings of an inspection: 0 with probability `noFindings`, else 1..maxFindings
  demo: { monthlyRatio: 0.12, hospitalRatio: 0.15, noFindings: 0.2, maxFindings: 5, disputeShare: 0.15 },
  benchmark: { monthlyRatio: 0.12, hospitalRatio: 0.15, noFindings: 0.04, maxFindings: 25, disputeShare: 0.1 },
} as const;

const MAJOR_AMOUNT = 100_000;

const FINDING_TYPES: [string, string][] = [
  ['串换药品', '将非医保目录药品串换为目录内药品申报结算'],
  ['超标准收费', '诊疗项目收费超过医疗服务价格标准'],
  ['重复收费', '同一诊疗项目重复计费'],
  ['分解收费', '将一次诊疗分解为多个项目收费'],
  ['挂床住院', '参保人未实际住院而办理住院结算'],
  ['虚构医疗服务', '虚记诊疗服务项目骗取医保基金'],
  ['盗刷医保卡', '冒用参保人医保凭证结算'],
  ['销售非医保物品', '以医保结算方式销售生活用品、化妆品'],
  ['不合理诊疗', '无指征检查、过度诊疗'],
  ['套用项目收费', '套用高价项目编码收费'],
];
const CLINICIANS = ['王建国', '李秀兰', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周婷', '吴强', '徐丽', '孙浩'];

const DAY = 86_400_000;

type Row = Record<string, unknown>;
type Exec = <T = Row>(sql: string, params?: unknown[]) => Promise<T[]>;

interface Actor { userId: string; username: string; displayName: string; roles: string[]; regionPath: string; organizationId: string; organizationKind: 'bureau' | 'agency' | 'institution' }

function actorAt(kind: 'bureau' | 'agency' | 'institution', orgId: string, regionPath: string, role: string, name: string): Actor {
  return { userId: `demo-activity-${role}`, username: `demo.activity.${role}`, displayName: `${name}${DEMO_MARK}`, roles: [role], regionPath, organizationId: orgId, organizationKind: kind };
}

const iso = (d: Date) => d.toISOString();
const at = (day: string, hour = 10) => chinaInstant(day, hour);
const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** Events collected in TypeScript, written with the SQL-made ones at the end (in time order). */
interface EventRow { region_path: string; owner_org_id: string; aggregate_type: string; aggregate_id: string; event_type: string; payload: unknown; occurred_at: string }

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

// -------------------------------------------------------------------------------------------------
// Annual plans (年度监管方案) of every city and county handling agency

async function generatePlans(q: Exec, events: EventRow[], c: { Y: number; H: string; P: string; province: string; seed: number }): Promise<number> {
  const { Y, H } = c;
  const openedDay = `${Y}-01-06`;
  if (H < openedDay) return 0;
  const units = await q<{ id: string; region_path: string; code: string; level: 'city' | 'county'; parent_path: string }>(
    `select o.id, o.region_path, o.region_code as code, r.level, p.path as parent_path
       from organization o join region r on r.code = o.region_code join region p on p.code = r.parent_code
      where o.kind = 'agency' and o.region_path like ? and r.level in ('city', 'county') and o.region_code <> all(?::text[])
        and not exists (select 1 from annual_plan a where a.owner_org_id = o.id and a.year = ?)
      order by o.id`, [`${c.P}%`, `{${QUIET_COUNTIES.join(',')}}`, Y]);
  const rng = new Prng(c.seed ^ (Y * 31));
  const deadline = `${Y}-05-15`;
  const overdueAt = at(addCalendarDays(deadline, 1), 0);
  const closeAt = chinaInstant(`${Y + 1}-01-01`);
  const closed = at(c.H, 0) >= closeAt || H === `${Y}-12-31`;
  const rows: Row[] = [];
  const history: Row[] = [];
  for (const u of units) {
    const id = uuidOf(`plan|${Y}|${u.id}`);
    const actor = actorAt('agency', u.id, u.region_path, u.level === 'county' ? 'county_staff' : 'city_agency_staff', '方案编制人');
    // a county plan: the city agency reviews it and forwards it (汇总上报), the city bureau files it (备案);
    // a city plan: the province files it
    const reviewer = actorAt(u.level === 'county' ? 'agency' : 'bureau', u.level === 'county' ? `agency-${u.code.slice(0, 4)}` : `bureau-${c.province}`,
      u.parent_path, u.level === 'county' ? 'city_agency_staff' : 'province_official', '方案审核人');
    const filer = u.level === 'county' ? actorAt('bureau', `bureau-${u.code.slice(0, 4)}`, u.parent_path, 'city_agency_staff', '方案备案人') : reviewer;
    const opened = at(openedDay, 9);
    // outcome: filed 74%, submitted (awaiting review) 8%, returned 6%, draft 7%, never started 5%
    const x = rng.next();
    const outcome = x < 0.74 ? 'filed' : x < 0.82 ? 'submitted' : x < 0.88 ? 'returned' : x < 0.95 ? 'draft' : 'not_started';
    const late = outcome === 'filed' && rng.next() < 0.12;
    const draftDay = addCalendarDays(openedDay, 10 + rng.int(60));
    const submitDay = late ? addCalendarDays(deadline, 3 + rng.int(25)) : addCalendarDays(draftDay, 5 + rng.int(40));
    const reviewDay = addCalendarDays(submitDay, 2 + rng.int(10));
    const ev = (type: string, when: Date, payload: Row) => {
      if (chinaDateOf(when) > H) return false;
      events.push({ region_path: u.region_path, owner_org_id: u.id, aggregate_type: 'AnnualPlan', aggregate_id: id, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when) });
      return true;
    };
    const hist = (action: string, when: Date, by: Actor, comment: string | null = null) =>
      history.push({ id: uuidOf(`plan-h|${Y}|${u.id}|${action}|${iso(when)}`), region_path: u.region_path, owner_org_id: u.id, plan_id: id, at: iso(when), action, by_user_id: by.userId, by_name: by.displayName, comment });
    const transition = (action: string, when: Date, by: Actor, comment?: string) =>
      ({ unitOrgId: u.id, year: Y, transition: { action, at: iso(when), by: by.username, ...(comment ? { comment } : {}) } });

    ev('AnnualPlanOpened', opened, {
      opener: actorAt('bureau', `bureau-${c.province}`, c.P, 'province_official', '省医保局经办人'), unitOrgId: u.id, year: Y, status: 'not_started',
      deadline: { remindAt: [iso(at(addCalendarDays(deadline, -15), 9)), iso(at(addCalendarDays(deadline, -3), 9))], overdueAt: iso(overdueAt), closeAt: iso(closeAt) },
    });
    hist('opened', opened, actor);
    let status = 'not_started';
    let submittedAt: Date | null = null;
    let filedAt: Date | null = null;
    let forwardedAt: Date | null = null;
    let edit = 1;
    const steps: [string, string, Date, Actor, string?][] = [];
    if (outcome !== 'not_started') steps.push(['draft', 'AnnualPlanDrafted', at(draftDay, 15), actor]);
    if (['filed', 'submitted', 'returned'].includes(outcome)) steps.push(['submit', 'AnnualPlanSubmitted', at(submitDay, 16), actor]);
    // county plans awaiting review: about half already forwarded to the city bureau
    const forwarded = u.level === 'county' && (outcome === 'filed' || (outcome === 'submitted' && hash32(`plan-forward|${Y}|${u.id}`) % 2 === 0));
    if (forwarded) steps.push(['forward', 'AnnualPlanForwarded', at(reviewDay, 11), reviewer]);
    if (outcome === 'filed') steps.push(['file', 'AnnualPlanFiled', u.level === 'county' ? at(addCalendarDays(reviewDay, 2), 15) : at(reviewDay, 11), filer]);
    if (outcome === 'returned') steps.push(['return', 'AnnualPlanReturned', at(reviewDay, 11), reviewer, `工作目标与配档表不一致，请修改后重新报送${DEMO_MARK}`]);
    let overdue = false;
    for (const [action, type, when, by, comment] of steps) {
      // the clock flags the plan on 16 May when it was never submitted by then
      if (!overdue && when >= overdueAt && (status === 'not_started' || status === 'draft') && chinaDateOf(overdueAt) <= H) {
        overdue = true;
        ev('AnnualPlanMarkedOverdue', overdueAt, { deadline });
        hist('overdue', overdueAt, provinceActorFor(c));
      }
      if (!ev(type, when, transition(action, when, by, comment))) break;
      hist(action, when, by, comment ?? null);
      status = { draft: 'draft', submit: 'submitted', forward: 'forwarded', file: 'filed', return: 'returned' }[action]!;
      edit += 1;
      if (action === 'submit') submittedAt = when;
      if (action === 'forward') forwardedAt = when;
      if (action === 'file') filedAt = when;
    }
    if (!overdue && (status === 'not_started' || status === 'draft') && chinaDateOf(overdueAt) <= H) {
      overdue = true;
      ev('AnnualPlanMarkedOverdue', overdueAt, { deadline });
      hist('overdue', overdueAt, provinceActorFor(c));
    }
    let closedAt: Date | null = null;
    if (closed) {
      closedAt = closeAt;
      events.push({ region_path: u.region_path, owner_org_id: u.id, aggregate_type: 'AnnualPlan', aggregate_id: id, event_type: 'AnnualPlanClosed', payload: { filed: filedAt !== null, demo: `${Y}` }, occurred_at: iso(closeAt) });
      hist('close', closeAt, provinceActorFor(c));
      status = 'closed';
    }
    const target = 4 + rng.int(40);
    const monthly = Array.from({ length: 12 }, (_, m) => Math.floor(target / 12) + (m < target % 12 ? 1 : 0));
    const cumulative = [0];
    for (const m of monthly) cumulative.push(cumulative[cumulative.length - 1]! + m);
    const content = status === 'not_started' ? null : {
      targets: [{ code: 'onsite', label: '现场检查定点医药机构家次', unit: 'count', value: target }, { code: 'coverage', label: '检查覆盖率', unit: 'percent', value: 10 }],
      focusAreas: ['split_charging', 'drug_swapping', 'card_misuse'],
      methods: `日常审核与现场检查相结合，双随机抽查${DEMO_MARK}`,
      steps: '一季度部署，二、三季度检查，四季度总结',
      responsiblePersons: [{ name: '张明', title: '稽核科科长' }],
    };
    const schedule = content ? [
      { id: 'onsite', title: '现场检查', owner: '稽核科', targetCode: 'onsite', monthly },
      { id: 'coverage', title: '覆盖率跟踪', owner: '稽核科', targetCode: 'coverage', monthly: Array(12).fill(0) },
    ] : [];
    rows.push({
      id, region_path: u.region_path, owner_org_id: u.id, year: Y, unit_level: u.level, reviewer_region_path: u.parent_path, status, overdue,
      deadline, content, schedule, planned_cumulative: content ? cumulative : Array(13).fill(0), opened_at: iso(opened),
      submitted_at: submittedAt && iso(submittedAt), forwarded_at: forwardedAt && iso(forwardedAt), filed_at: filedAt && iso(filedAt),
      closed_at: closedAt && iso(closedAt), edit_version: edit,
    });
  }
  await insertJson(q, 'annual_plan', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', year: 'int', unit_level: 'text', reviewer_region_path: 'text', status: 'text', overdue: 'boolean',
    deadline: 'date', content: 'jsonb', schedule: 'jsonb', planned_cumulative: 'jsonb', opened_at: 'timestamptz', submitted_at: 'timestamptz',
    forwarded_at: 'timestamptz', filed_at: 'timestamptz', closed_at: 'timestamptz', edit_version: 'int',
  }, rows);
  await insertJson(q, 'annual_plan_history', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', plan_id: 'uuid', at: 'timestamptz', action: 'text', by_user_id: 'text', by_name: 'text', comment: 'text',
  }, history);
  return rows.length;
}

function provinceActorFor(c: { P: string; province: string }): Actor {
  return actorAt('bureau', `bureau-${c.province}`, c.P, 'province_official', '系统（计划时钟）');
}

// -------------------------------------------------------------------------------------------------
// The province's special campaign (专项治理) with every institution's self-inspection task

interface CampaignInfo { id: string; assignedDay: string | null; title: string }

async function generateCampaign(q: Exec, events: EventRow[], c: {
  Y: number; H: string; P: string; provinceBureau: string; provinceActor: Actor; cities: string[]; marker: string;
}): Promise<CampaignInfo> {
  const { Y, H, P } = c;
  const id = c.marker;
  const title = `${Y}年度医保基金使用专项治理${DEMO_MARK}`;
  const cal = { planFiledBy: `${Y}-03-31`, siStart: `${Y}-04-01`, siEnd: `${Y}-08-31`, scStart: `${Y}-09-01`, scEnd: `${Y}-10-31`, summaryDue: `${Y}-11-30` };
  const createdDay = `${Y}-01-10`;
  const assignedDay = H >= `${Y}-03-20` ? `${Y}-03-20` : null;
  const phases: [string, string][] = [['planning', `${Y}-03-20`], ['self_inspection', cal.siStart], ['spot_check', cal.scStart], ['summary', addCalendarDays(cal.scEnd, 1)]];
  const reached = assignedDay ? phases.filter(([, d]) => d <= H) : [];
  const summaryFiledDay = `${Y}-11-25`;
  const summaryFiled = reached.some(([p]) => p === 'summary') && H >= summaryFiledDay;
  const phase = summaryFiled ? 'closed' : reached.length ? reached[reached.length - 1]![0] : 'draft';
  const status = summaryFiled ? 'closed' : assignedDay ? 'assigned' : 'draft';
  const focus = FOCUS_OPTIONS.map((o) => ({ code: o.code, text: o.zh }));
  await q(`insert into campaign (id, region_path, owner_org_id, year, title, focus_areas, city_codes, institution_kinds, plan_filed_by,
             self_inspection_start, self_inspection_end, spot_check_start, spot_check_end, summary_due, status, phase, assigned_at,
             plan_filed_late, summary_filed_at, summary_comment, summary_overdue, created_at, created_by)
           values (?, ?, ?, ?, ?, ?::jsonb, ?::text[], '{hospital,pharmacy,clinic}', ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, false, ?, ?)`,
  [id, P, c.provinceBureau, Y, title, JSON.stringify(focus), `{${c.cities.join(',')}}`, cal.planFiledBy, cal.siStart, cal.siEnd, cal.scStart, cal.scEnd,
    cal.summaryDue, status, phase, assignedDay && at(assignedDay, 10), summaryFiled ? at(summaryFiledDay, 16) : null,
    summaryFiled ? `全省自查自纠与抽查复查工作已完成${DEMO_MARK}` : null, at(createdDay, 9), c.provinceActor.displayName]);
  const ev = (type: string, when: Date, payload: Row) => events.push({
    region_path: P, owner_org_id: c.provinceBureau, aggregate_type: 'Campaign', aggregate_id: id, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when),
  });
  const hist: [string, Date, string | null][] = [['created', at(createdDay, 9), null]];
  ev('CampaignCreated', at(createdDay, 9), { year: Y, title });
  if (assignedDay) {
    const when = at(assignedDay, 10);
    hist.push(['assigned', when, null]);
    ev('CampaignAssigned', when, {
      input: {
        campaignId: id, actor: c.provinceActor, cityCodes: c.cities,
        instants: {
          planFiledBy: iso(at(addCalendarDays(cal.planFiledBy, 1), 0)), selfInspectionStart: iso(at(cal.siStart, 0)), selfInspectionEnd: iso(at(addCalendarDays(cal.siEnd, 1), 0)),
          spotCheckStart: iso(at(cal.scStart, 0)), spotCheckEnd: iso(at(addCalendarDays(cal.scEnd, 1), 0)), summaryDue: iso(at(addCalendarDays(cal.summaryDue, 1), 0)),
        },
      },
    });
    for (const [p, d] of reached) {
      const t = p === 'planning' ? at(d, 10) : at(d, 0);
      const when = p === 'planning' ? new Date(t.getTime() + 1000) : t;
      hist.push([`phase_${p}`, when, null]);
      ev('CampaignPhaseOpened', when, { phase: p });
    }
    if (summaryFiled) {
      const when = at(summaryFiledDay, 16);
      hist.push(['summary_filed', when, null]);
      ev('CampaignSummaryFiled', when, { transition: { action: 'summary_filed', at: iso(when) } });
    }
  }
  await insertJson(q, 'campaign_history', {
    id: 'uuid', campaign_id: 'uuid', region_path: 'text', owner_org_id: 'text', at: 'timestamptz', action: 'text', by_user_id: 'text', by_name: 'text', comment: 'text',
  }, hist.map(([action, when, comment]) => ({
    id: uuidOf(`campaign-h|${Y}|${action}`), campaign_id: id, region_path: P, owner_org_id: c.provinceBureau, at: iso(when), action,
    by_user_id: c.provinceActor.userId, by_name: c.provinceActor.displayName, comment,
  })));
  if (!assignedDay) return { id, assignedDay, title };

  // The covered city and county bureaus, and one task per institution (as the workflow's fan-out does).
  await q(`insert into campaign_unit (campaign_id, region_path, owner_org_id, region_code, level)
           select ?, o.region_path, o.id, o.region_code, r.level from organization o join region r on r.code = o.region_code
            where o.kind = 'bureau' and o.region_path like ? and r.level in ('city', 'county') on conflict do nothing`, [id, `${P}%`]);
  // r < 0.80 on time, < 0.88 late (after being flagged missing), else missing; drafts and pending while the window runs
  const siStart = cal.siStart;
  const siEnd = cal.siEnd;
  const span = dayDiff(siStart, siEnd);
  await q(`create temp table act_si on commit drop as
    with t as (
      select i.*, pg_temp.uid('si|' || i.id) as si_id, pg_temp.r('si|' || i.id) as x, pg_temp.r('si2|' || i.id) as y
        from act_inst i
    ), s as (
      select t.*,
             case
               when '${H}'::date < '${siStart}'::date then case when x < 0.1 then 'draft' else 'pending' end
               when '${H}'::date <= '${siEnd}'::date then
                 case when x < 0.85 * ('${H}'::date - '${siStart}'::date) / ${span}.0 then 'submitted' when x < 0.9 then 'draft' else 'pending' end
               when quiet or x < 0.80 then 'submitted'
               when x < 0.88 and '${H}'::date >= '${siEnd}'::date + 1 + floor(y * 60)::int then 'submitted'
               else 'missing'
             end as st,
             case
               when '${H}'::date <= '${siEnd}'::date then '${siStart}'::date + floor(x / 0.85 * greatest(0, '${H}'::date - '${siStart}'::date))::int
               when quiet or x < 0.80 then '${siStart}'::date + floor(y * ${span})::int
               else '${siEnd}'::date + 1 + floor(y * 60)::int
             end as sday
        from t
    )
    select *, st = 'submitted' and sday > '${siEnd}'::date as late,
           case when st = 'submitted' then pg_temp.ts(sday, 9 + floor(y * 9)) end as submitted_at,
           case when st = 'submitted' and pg_temp.r('rf|' || id) < 0.6 then round((pg_temp.r('rf2|' || id) * 80000)::numeric, 2) else 0 end as refunded,
           ('${H}'::date > '${siEnd}'::date and (st = 'missing' or sday > '${siEnd}'::date)) as flagged
      from s`);
  await q(`insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, report, refunded_amount, issues,
             submitted_at, late, escalated_at, created_at, updated_at)
           select si_id, ?, region_path, id, city, kind, st,
                  case when st in ('submitted', 'draft') then '本机构按专项治理方案开展自查自纠，已对照问题清单逐项整改${DEMO_MARK}' else '' end,
                  refunded,
                  case when st = 'submitted' and refunded > 0 then jsonb_build_array(jsonb_build_object('focus', '串换药品', 'description', '自查发现串换药品结算，已主动退回', 'amount', refunded)) else '[]'::jsonb end,
                  submitted_at, late, case when flagged then pg_temp.ts('${siEnd}'::date + 1, 0) end, ?, coalesce(submitted_at, ?)
             from act_si on conflict do nothing`, [id, at(assignedDay, 10), at(assignedDay, 10)]);
  await q(`insert into act_evt
           select region_path, id, 'SelfInspection', si_id::text, 'SelfInspectionSubmitted',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'demo', '${Y}',
                                     'submission', jsonb_build_object('taskId', si_id, 'at', submitted_at, 'late', late)), submitted_at
             from act_si where st = 'submitted'`, [id]);
  // a task's first save makes it a draft (before its submission, for the submitted ones)
  await q(`insert into act_evt
           select region_path, id, 'SelfInspection', si_id::text, 'SelfInspectionDrafted',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'demo', '${Y}'),
                  case when st = 'submitted' then submitted_at - interval '2 hours'
                       else pg_temp.ts('${assignedDay}'::date + floor(y * ('${H}'::date - '${assignedDay}'::date))::int, 11) end
             from act_si where st in ('draft', 'submitted')`, [id]);
  // the bulk changes of the tasks, one campaign event per city (the task fan-out, the close of the self-inspection)
  await q(`insert into act_evt
           select ?, ?, 'Campaign', ?, 'SelfInspectionTasksCreated', jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'created', count(*), 'demo', '${Y}'),
                  ?::timestamptz + interval '1 minute'
             from act_si group by city`, [P, c.provinceBureau, id, id, at(assignedDay, 10)]);
  await q(`insert into act_evt
           select ?, ?, 'Campaign', ?, 'SelfInspectionsMarkedMissing', jsonb_build_object('campaignId', ?::text, 'cityCode', city, 'missing', count(*), 'demo', '${Y}'),
                  pg_temp.ts('${siEnd}'::date + 1, 0)
             from act_si where flagged group by city`, [P, c.provinceBureau, id, id]);
  await generateSelfInspectionReviews(q, { Y, H, P, id, siEnd: cal.siEnd, assignedDay });
  return { id, assignedDay, title };
}

/**
 * The pooling regions' part of the campaign (migration 0015): each task is handled by the agency holding
 * the institution's agreement, which verifies the submitted reports 3–10 days later (most of them,
 * with the refund; the latest still awaiting), and each city and county agency files its own report of
 * the region's self-inspection by the close (a few late or missing), with their real events.
 */
async function generateSelfInspectionReviews(q: Exec, c: { Y: number; H: string; P: string; id: string; siEnd: string; assignedDay: string }): Promise<void> {
  const { Y, H, id } = c;
  await q(`update self_inspection s set handling_agency_id = coalesce(
             (select sa.agency_id from service_agreement sa where sa.institution_id = s.owner_org_id),
             (select a.id from organization o join organization a on a.kind = 'agency' and a.region_code = o.region_code where o.id = s.owner_org_id order by a.id limit 1))
           where s.campaign_id = ?`, [id]);
  await q(`create temp table act_sir on commit drop as
    select s.id, s.region_path, s.owner_org_id, s.handling_agency_id, s.refunded_amount, s.city_code,
           (s.submitted_at::date + 3 + floor(pg_temp.r('rv|' || s.id) * 8)::int) as rday, pg_temp.r('rv2|' || s.id) as x
      from self_inspection s where s.campaign_id = ? and s.status = 'submitted'`, [id]);
  await q(`update self_inspection s set review_status = case when r.rday <= '${H}'::date and r.x < 0.9 then 'verified' else 'awaiting' end,
             reviewed_at = case when r.rday <= '${H}'::date and r.x < 0.9 then pg_temp.ts(r.rday, 15) end,
             reviewed_by = case when r.rday <= '${H}'::date and r.x < 0.9 then '稽核员${DEMO_MARK}' end,
             refund_confirmed = case when r.rday <= '${H}'::date and r.x < 0.9 then r.refunded_amount > 0 end,
             refund_verified_amount = case when r.rday <= '${H}'::date and r.x < 0.9 and r.refunded_amount > 0 then r.refunded_amount end,
             refund_verified_at = case when r.rday <= '${H}'::date and r.x < 0.9 and r.refunded_amount > 0 then pg_temp.ts(r.rday, 15) end
           from act_sir r where s.id = r.id`);
  await q(`insert into self_inspection_review (id, task_id, campaign_id, region_path, owner_org_id, at, action, by_org_id, by_name, comment, refund_confirmed, refund_amount)
           select pg_temp.uid('sir|' || r.id), r.id, ?, r.region_path, r.owner_org_id, pg_temp.ts(r.rday, 15), 'verified', r.handling_agency_id,
                  '稽核员${DEMO_MARK}', '经核实，自查情况属实', r.refunded_amount > 0, case when r.refunded_amount > 0 then r.refunded_amount end
             from act_sir r where r.rday <= '${H}'::date and r.x < 0.9 on conflict do nothing`, [id]);
  await q(`insert into act_evt
           select r.region_path, r.owner_org_id, 'SelfInspection', r.id::text, 'SelfInspectionReviewed',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', r.city_code, 'action', 'verified', 'demo', '${Y}'), pg_temp.ts(r.rday, 15)
             from act_sir r where r.rday <= '${H}'::date and r.x < 0.9`, [id]);
  // the agencies' own reports of their regions, filed in the last three weeks of the window (90% on time, 6% late, 4% missing)
  await q(`create temp table act_asi on commit drop as
    select pg_temp.uid('asi|' || o.id) as asi_id, o.id as agency_id, o.region_path, o.region_code, r.level,
           case when r.level = 'city' then r.code else r.parent_code end as city_code, pg_temp.r('asi|' || o.id) as x,
           coalesce((select count(*) from self_inspection s where s.campaign_id = ? and s.handling_agency_id = o.id and s.review_status = 'verified'), 0)::int as checked,
           coalesce((select sum(s.refunded_amount) from self_inspection s where s.campaign_id = ? and s.handling_agency_id = o.id and s.review_status = 'verified'), 0) as refunded
      from organization o join region r on r.code = o.region_code and r.level in ('city', 'county')
     where o.kind = 'agency' and o.region_path like ?
       and exists (select 1 from campaign cc where cc.id = ? and (case when r.level = 'city' then r.code else r.parent_code end) = any(cc.city_codes))`,
  [id, id, `${c.P}%`, id]);
  await q(`alter table act_asi add column sday date, add column st text`);
  await q(`update act_asi set sday = case when x < 0.9 then '${c.siEnd}'::date - floor(pg_temp.r('asd|' || agency_id) * 20)::int
                                          when x < 0.96 then '${c.siEnd}'::date + 1 + floor(pg_temp.r('asd|' || agency_id) * 20)::int end`);
  await q(`update act_asi set st = case when sday is not null and sday <= '${H}'::date then 'submitted'
                                         when '${H}'::date > '${c.siEnd}'::date then 'missing'
                                         when '${H}'::date >= '${c.assignedDay}'::date then 'pending' else 'pending' end`);
  await q(`insert into agency_self_inspection (id, campaign_id, region_path, owner_org_id, city_code, region_code, level, status, report,
             institutions_checked, problems_found, problem_amount, refunded_amount, issues, submitted_at, late, escalated_at, created_at, updated_at)
           select a.asi_id, ?, a.region_path, a.agency_id, a.city_code, a.region_code, a.level, a.st,
                  case when a.st = 'submitted' then '本统筹地区按专项治理方案组织定点医药机构自查自纠，经办机构逐一核实自查报告及退回金额${DEMO_MARK}' else '' end,
                  case when a.st = 'submitted' then a.checked else 0 end, 0, 0, case when a.st = 'submitted' then a.refunded else 0 end, '[]'::jsonb,
                  case when a.st = 'submitted' then pg_temp.ts(a.sday, 16) end, a.st = 'submitted' and a.sday > '${c.siEnd}'::date,
                  case when '${H}'::date > '${c.siEnd}'::date and (a.st = 'missing' or a.sday > '${c.siEnd}'::date) then pg_temp.ts('${c.siEnd}'::date + 1, 0) end,
                  pg_temp.ts('${c.assignedDay}'::date, 10), coalesce(pg_temp.ts(a.sday, 16), pg_temp.ts('${c.assignedDay}'::date, 10))
             from act_asi a on conflict do nothing`, [id]);
  await q(`insert into act_evt
           select a.region_path, a.agency_id, 'AgencySelfInspection', a.asi_id::text, 'AgencySelfInspectionSubmitted',
                  jsonb_build_object('campaignId', ?::text, 'cityCode', a.city_code, 'demo', '${Y}'), pg_temp.ts(a.sday, 16)
             from act_asi a where a.st = 'submitted'`, [id]);
}

// -------------------------------------------------------------------------------------------------
// Spot-checks (双随机抽查) and their inspections

async function generateSpotChecks(q: Exec, c: {
  Y: number; H: string; P: string; provinceBureau: string; provinceActor: Actor; cities: string[]; campaign: CampaignInfo;
  scale: (typeof SCALES)[ActivityScale]; inspectorCount: number;
}): Promise<void> {
  const { Y, H, P } = c;
  const checks: { key: string; title: string; kinds: string[]; keyOnly: boolean; ratio: number; draw: string; due: string; campaignId: string | null }[] = [];
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    checks.push({ key: `m${mm}`, title: `${Y}年${m}月定点零售药店及基层医疗机构双随机抽查${DEMO_MARK}`, kinds: ['pharmacy', 'clinic'], keyOnly: false,
      ratio: c.scale.monthlyRatio, draw: `${Y}-${mm}-05`, due: `${Y}-${mm}-27`, campaignId: null });
  }
  const inCampaign = c.campaign.assignedDay !== null;
  checks.push({ key: 'hospital', title: `${Y}年度专项治理定点医疗机构抽查复查${DEMO_MARK}`, kinds: ['hospital'], keyOnly: false, ratio: c.scale.hospitalRatio,
    draw: `${Y}-09-03`, due: `${Y}-10-31`, campaignId: inCampaign ? c.campaign.id : null });
  checks.push({ key: 'key1', title: `${Y}年上半年重点监管对象现场检查${DEMO_MARK}`, kinds: ['hospital', 'pharmacy', 'clinic'], keyOnly: true, ratio: 1, draw: `${Y}-04-08`, due: `${Y}-06-30`, campaignId: null });
  checks.push({ key: 'key2', title: `${Y}年下半年重点监管对象现场检查${DEMO_MARK}`, kinds: ['hospital', 'pharmacy', 'clinic'], keyOnly: true, ratio: 1, draw: `${Y}-10-09`, due: `${Y}-11-30`, campaignId: null });
  const live = checks.filter((s) => s.draw <= H);
  if (!live.length) return;
  await q(`create temp table act_sc on commit drop as
    select pg_temp.uid('sc|' || key) as id, key, title, kinds::text[] as kinds, key_only, ratio, draw::date, due::date, campaign_id::uuid
      from jsonb_to_recordset(?::jsonb) as x(key text, title text, kinds text[], key_only boolean, ratio float8, draw date, due date, campaign_id text)`,
  [JSON.stringify(live.map((s) => ({ key: s.key, title: s.title, kinds: s.kinds, key_only: s.keyOnly, ratio: s.ratio, draw: s.draw, due: s.due, campaign_id: s.campaignId })))]);
  const checklist = FOCUS_OPTIONS.map((o) => o.zh);
  const hex = (k: string) => `md5('${k}|' || key) || md5('${k}2|' || key)`;
  await q(`insert into spot_check (id, region_path, owner_org_id, year, title, campaign_id, city_codes, institution_kinds, parameters, checklist_items,
             due_date, witnesses, beacon_required, status, commitment, committed_at, drawn_at, result_hash, population, drawn, overdue, created_at, created_by)
           select id, ?, ?, ${Y}, title, campaign_id, ?::text[], kinds,
                  jsonb_build_object('defaultRatio', ratio, 'ratios', '{}'::jsonb, 'teamSize', 2, 'riskWeighted', true), ?::jsonb,
                  due, '[{"name":"省纪委驻局纪检组见证人"},{"name":"参保人代表"}]'::jsonb, false, 'drawn', ${hex('commit')},
                  pg_temp.ts(draw - 1, 15), pg_temp.ts(draw, 10), ${hex('result')}, 0, 0, false, pg_temp.ts(draw - 3, 9), ?
             from act_sc`, [P, c.provinceBureau, `{${c.cities.join(',')}}`, JSON.stringify(checklist), c.provinceActor.displayName]);

  // the drawn institutions: per city at least the ratio (rounded up), by a seeded shuffle
  const s = c.scale;
  await q(`create temp table act_insp on commit drop as
    with cand as (
      select sc.id as sc_id, sc.key as sc_key, sc.title as sc_title, sc.campaign_id, sc.draw, sc.due, sc.ratio, i.*,
             row_number() over (partition by sc.id, i.city order by pg_temp.r(sc.key || '|' || i.id)) as rn,
             count(*) over (partition by sc.id, i.city) as n
        from act_sc sc join act_inst i on i.kind = any(sc.kinds) and (not sc.key_only or i.key)
    ), picked as (
      select cand.*, pg_temp.uid('insp|' || sc_key || '|' || id) as insp_id,
             row_number() over (partition by sc_id order by city, rn) as draw_order,
             draw + 2 + floor(pg_temp.r('io|' || sc_key || id) * greatest(1, due - draw - 8))::int as ip,
             pg_temp.r('ix|' || sc_key || id) as x
        from cand where rn <= ceil(ratio * n)
    ), dated as (
      select picked.*,
             case when x < 0.06 then due + 3 + floor(pg_temp.r('il|' || sc_key || id) * 12)::int
                  else ip + 1 + floor(pg_temp.r('is|' || sc_key || id) * 4)::int end as sd,
             x > 0.97 as never_sent
        from picked
    )
    select dated.*,
           case when ip > '${H}'::date or (never_sent and x > 0.985) then 'assigned'
                when never_sent or sd > '${H}'::date then 'recorded' else 'sent' end as st,
           (select jsonb_agg(jsonb_build_object('inspectorId', t.id, 'name', t.name, 'organizationName', t.org) order by t.k)
              from act_inspector t
             where ${c.inspectorCount} > 0 and t.k in (((hashtext(dated.insp_id::text)::bigint & 2147483647) % greatest(${c.inspectorCount}, 1)),
                                                       (((hashtext(dated.insp_id::text)::bigint & 2147483647) + 1) % greatest(${c.inspectorCount}, 1)))) as team
      from dated`);
  await q(`alter table act_insp add column nf int`);
  // findings only on recorded results; settled-only institutions get none in their last 75 days
  await q(`update act_insp set nf = case
             when st = 'assigned' then 0
             when quiet and sd > '${H}'::date - 75 then 0
             when pg_temp.r('nf0|' || insp_id) < ${s.noFindings} then 0
             else 1 + floor(pg_temp.r('nf|' || insp_id) * ${s.maxFindings})::int end`);
  await q(`create index on act_insp (insp_id)`);
  await q(`analyze act_insp`);
  await q(`create temp table act_find on commit drop as
    select i.insp_id, i.sc_id, g as idx, pg_temp.uid('f|' || i.insp_id || '|' || g) as id, i.id as inst, i.region_path, i.county, i.city, i.kind, i.quiet, i.st as insp_st,
           i.sd, ft.type, ft.description,
           round(exp(ln(100) + pg_temp.r('fa|' || i.insp_id || g) * ln(500))::numeric, 2) as amount,
           case when i.kind <> 'pharmacy' and pg_temp.r('fc|' || i.insp_id || g) < 0.3
                then (?::text[])[1 + floor(pg_temp.r('fcn|' || i.insp_id || g) * ${CLINICIANS.length})::int] end as clinician
      from act_insp i cross join generate_series(0, i.nf - 1) g
      cross join lateral (select (?::text[])[1 + floor(pg_temp.r('ft|' || i.insp_id || g) * ${FINDING_TYPES.length})::int] as type) t0
      cross join lateral (select t0.type, (?::jsonb)->>t0.type as description) ft`,
  [`{${CLINICIANS.join(',')}}`, `{${FINDING_TYPES.map(([t]) => t).join(',')}}`, JSON.stringify(Object.fromEntries(FINDING_TYPES))]);
  await q(`create index on act_find (insp_id, idx)`);
  await q(`analyze act_find`);

  await q(`insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, campaign_id, checklist_items, institution_id,
             city_code, kind, level, draw_order, team, status, due_date, overdue, inspected_on, checklist, findings, recorded_at, recorded_by, sent_at, created_at)
           select i.insp_id, i.region_path, i.id, i.sc_id, i.sc_title, i.campaign_id, ?::jsonb, i.id, i.city, i.kind, i.level, i.draw_order,
                  coalesce(i.team, '[]'::jsonb), i.st, i.due,
                  (i.st <> 'sent' and i.due < '${H}'::date) or (i.st = 'sent' and i.sd > i.due),
                  case when i.st <> 'assigned' then i.ip end,
                  case when i.st = 'assigned' then '[]'::jsonb else
                    (select jsonb_agg(jsonb_build_object('item', item, 'result', case when i.nf > 0 and n = 1 then 'deficient' else 'compliant' end, 'note', null) order by n)
                       from jsonb_array_elements_text(?::jsonb) with ordinality as e(item, n)) end,
                  coalesce((select jsonb_agg(jsonb_build_object('type', f.type, 'description', f.description, 'amount', f.amount,
                                                                'clinicianName', f.clinician, 'attachmentIds', '[]'::jsonb) order by f.idx)
                              from act_find f where f.insp_id = i.insp_id), '[]'::jsonb),
                  case when i.st <> 'assigned' then pg_temp.ts(i.ip, 18) end,
                  case when i.st <> 'assigned' then ? end,
                  case when i.st = 'sent' then pg_temp.ts(i.sd, 10) end,
                  pg_temp.ts(i.draw, 10)
             from act_insp i`, [JSON.stringify(checklist), JSON.stringify(checklist), c.provinceActor.displayName]);
  // the spot-checks' figures and their ends (closed once every inspection was sent; overdue flagged at the due instant)
  await q(`update spot_check s set drawn = x.n, population = x.pop, status = case when x.unsent = 0 then 'closed' else 'drawn' end,
             overdue = x.late > 0
           from (select sc.id, count(i.*)::int as n,
                        (select count(*)::int from act_inst a where a.kind = any(sc.kinds) and (not sc.key_only or a.key)) as pop,
                        count(*) filter (where i.st <> 'sent')::int as unsent,
                        count(*) filter (where (i.st <> 'sent' and sc.due < '${H}'::date) or (i.st = 'sent' and i.sd > sc.due))::int as late
                   from act_sc sc left join act_insp i on i.sc_id = sc.id group by sc.id, sc.kinds, sc.key_only) x
          where s.id = x.id`);
  const actor = JSON.stringify(c.provinceActor);
  await q(`insert into spot_check_history (id, spot_check_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
           select pg_temp.uid('sch|' || sc.id || '|' || a.action), sc.id, ?, ?, a.at, a.action, 'demo-activity-province_official', ?, a.comment
             from act_sc sc join spot_check s on s.id = sc.id
             cross join lateral (values ('created', pg_temp.ts(sc.draw - 3, 9), null),
                                        ('committed', pg_temp.ts(sc.draw - 1, 15), '承诺值 ' || s.commitment),
                                        ('drawn', pg_temp.ts(sc.draw, 10), '抽取 ' || s.drawn || ' 家，结果摘要 ' || s.result_hash)) as a(action, at, comment)`,
  [P, c.provinceBureau, c.provinceActor.displayName]);
  await q(`insert into act_evt
           select ?, ?, 'SpotCheck', sc.id::text, e.type, e.payload || jsonb_build_object('demo', '${Y}'), e.at
             from act_sc sc join spot_check s on s.id = sc.id
             cross join lateral (
               select 'SpotCheckCreated' as type, jsonb_build_object('year', ${Y}, 'title', sc.title) as payload, pg_temp.ts(sc.draw - 3, 9) as at
               union all select 'SpotCheckCommitted', jsonb_build_object('commitment', s.commitment, 'population', s.population), pg_temp.ts(sc.draw - 1, 15)
               union all select 'SpotCheckDrawn', jsonb_build_object('input', jsonb_build_object('spotCheckId', sc.id, 'actor', ?::jsonb, 'inspections', s.drawn,
                                  'dueAt', pg_temp.ts(sc.due + 1, 0))), pg_temp.ts(sc.draw, 10)
               union all select 'SpotCheckOverdue', jsonb_build_object('unsent', (select count(*) from act_insp i where i.sc_id = sc.id and (i.st <> 'sent' or i.sd > sc.due))),
                                pg_temp.ts(sc.due + 1, 0) where s.overdue and sc.due < '${H}'::date
               union all select 'SpotCheckClosed', '{}'::jsonb, (select max(pg_temp.ts(i.sd, 10)) from act_insp i where i.sc_id = sc.id)
                where s.status = 'closed' and exists (select 1 from act_insp i where i.sc_id = sc.id)
             ) e`, [P, c.provinceBureau, actor]);
  await q(`insert into act_evt
           select i.region_path, i.id, 'Inspection', i.insp_id::text, e.type, e.payload || jsonb_build_object('demo', '${Y}'), e.at
             from act_insp i cross join lateral (
               select 'InspectionRecorded' as type, jsonb_build_object('spotCheckId', i.sc_id, 'findings', i.nf) as payload, pg_temp.ts(i.ip, 18) as at
                where i.st <> 'assigned'
               union all
               select 'InspectionSent', jsonb_build_object('spotCheckId', i.sc_id,
                        'transition', jsonb_build_object('action', 'inspection_sent', 'inspectionId', i.insp_id, 'at', pg_temp.ts(i.sd, 10))), pg_temp.ts(i.sd, 10)
                where i.st = 'sent'
             ) e`);
}

// -------------------------------------------------------------------------------------------------
// Findings of the sent inspections, their feedback, and the handling decisions on them

async function generateFindingsAndDecisions(q: Exec, c: { H: string; provinceActor: Actor }): Promise<void> {
  const H = c.H;
  // Feedback: confirmed 55%, deemed 20%, appealed 12% (reviewed after the window: 40% upheld), the
  // rest confirmed; while the window is open, a part answered already. Decisions group the findings
  // of an inspection by three (source_index / 3).
  await q(`create temp table act_fs on commit drop as
    with f as (
      select f.*, w.w5 as due, pg_temp.r('fs|' || f.id) as x, pg_temp.r('fs2|' || f.id) as y, pg_temp.r('fs3|' || f.id) as z
        from act_find f join act_wd w on w.d = f.sd
       where f.insp_st = 'sent'
    ), s as (
      select f.*,
             f.sd + 1 + floor(y * greatest(1, f.due - f.sd))::int as answer_day,
             f.due + 3 + floor(z * 8)::int as review_day,
             case when '${H}'::date <= f.due then
                    case when x < 0.3 and f.sd + 1 + floor(y * greatest(1, f.due - f.sd))::int <= '${H}'::date then 'confirmed'
                         when x < 0.4 and f.sd + 1 + floor(y * greatest(1, f.due - f.sd))::int <= '${H}'::date then 'appealed'
                         else 'awaiting_confirmation' end
                  when x < 0.55 then 'confirmed'
                  when x < 0.75 then 'deemed_confirmed'
                  when x < 0.87 then 'appealed'
                  else 'confirmed' end as base
        from f
    )
    select s.*,
           case when base = 'appealed' and review_day <= '${H}'::date then
                  case when pg_temp.r('up|' || id) < 0.4 then 'appeal_upheld' else 'confirmed' end
                else base end as st,
           base = 'appealed' and review_day <= '${H}'::date as reviewed,
           case when base = 'confirmed' then pg_temp.ts(answer_day, 9 + y * 8)
                when base = 'deemed_confirmed' then pg_temp.ts(due + 1, 0)
                when base = 'appealed' and review_day <= '${H}'::date and pg_temp.r('up|' || id) >= 0.4 then pg_temp.ts(review_day, 15) end as confirmed_at,
           (idx / 3) as grp
      from s`);
  await q(`create index on act_fs (insp_id, grp)`);
  await q(`analyze act_fs`);
  // A decision per group with decidable findings, dated 12–41 days after the feedback deadline.
  await q(`create temp table act_dec on commit drop as
    with g as (
      select insp_id, grp, min(inst) as inst, min(region_path) as region_path, min(county) as county, bool_or(quiet) as quiet,
             max(due) as due, min(clinician) as clinician,
             array_agg(id order by idx) filter (where st in ('confirmed', 'deemed_confirmed')) as ids,
             sum(amount) filter (where st in ('confirmed', 'deemed_confirmed')) as amount,
             max(confirmed_at) filter (where st in ('confirmed', 'deemed_confirmed')) as last_confirmed
        from act_fs group by insp_id, grp
    ), d as (
      select g.*, pg_temp.uid('d|' || insp_id || '|' || grp) as dec_id,
             g.due + 12 + floor(pg_temp.r('dd|' || insp_id || grp) * 30)::int as dday,
             pg_temp.r('dm|' || insp_id || grp) as x, pg_temp.r('dm2|' || insp_id || grp) as y, pg_temp.r('dm3|' || insp_id || grp) as z
        from g where ids is not null
    )
    select d.*,
           case when quiet then case when x < 0.4 then 'talk' else 'refuse' end
                when x < 0.35 then 'talk' when x < 0.85 then 'refuse' when x < 0.95 then 'suspend'
                when x < 0.99 then case when clinician is null then 'talk' else 'clinician' end
                else 'terminate' end as band
      from d
     where (quiet or pg_temp.r('dx|' || insp_id || grp) < 0.85) and dday <= '${H}'::date
       and last_confirmed < pg_temp.ts(dday, 10)`);
  await q(`alter table act_dec add column measures jsonb, add column refused numeric, add column major boolean, add column rect_due date,
             add column lr_day date, add column approved boolean, add column eff_day date, add column status text, add column settlement text,
             add column sub_day date, add column conf_day date, add column overdue boolean`);
  await q(`update act_dec set
      measures = case band
        when 'talk' then '[{"kind":"talk"}]'::jsonb
        when 'refuse' then case when y < 0.3 then jsonb_build_array(jsonb_build_object('kind', 'talk')) else '[]'::jsonb end
                           || jsonb_build_array(jsonb_build_object('kind', 'refuse_payment', 'amount', amount))
        when 'suspend' then jsonb_build_array(jsonb_build_object('kind', 'refuse_payment', 'amount', amount),
                                              jsonb_build_object('kind', 'suspend_settlement', 'rectificationDue', dday + 30))
        when 'terminate' then jsonb_build_array(jsonb_build_object('kind', 'refuse_payment', 'amount', amount), jsonb_build_object('kind', 'terminate_agreement'))
        else case when y < 0.25 then jsonb_build_array(jsonb_build_object('kind', 'clinician_admonition', 'clinicianName', clinician))
                  when y < 0.5 then jsonb_build_array(jsonb_build_object('kind', 'clinician_talk', 'clinicianName', clinician))
                  when y < 0.75 then jsonb_build_array(jsonb_build_object('kind', 'clinician_suspend_realtime', 'clinicianName', clinician, 'rectificationDue', dday + 30))
                  else jsonb_build_array(jsonb_build_object('kind', 'clinician_refuse_payment', 'clinicianName', clinician, 'amount', amount)) end
      end`);
  await q(`update act_dec set
      refused = coalesce((select sum((m->>'amount')::numeric) from jsonb_array_elements(measures) m where m->>'kind' in ('refuse_payment', 'clinician_refuse_payment')), 0),
      rect_due = (select min((m->>'rectificationDue')::date) from jsonb_array_elements(measures) m where m->>'kind' in ('suspend_settlement', 'clinician_suspend_realtime'))`);
  await q(`update act_dec set major = exists (select 1 from jsonb_array_elements(measures) m where m->>'kind' in ('terminate_agreement', 'suspend_settlement', 'clinician_suspend_realtime'))
                                  or refused > ${MAJOR_AMOUNT}`);
  // settled-only institutions: a major decision is reviewed and approved at once (its rows stay out of every queue)
  await q(`update act_dec set lr_day = case when major then dday + case when quiet then 0 else 2 + floor(z * 6)::int end end,
                              approved = case when major then quiet or z < 0.92 end`);
  await q(`update act_dec set eff_day = case when not major then dday when lr_day <= '${H}'::date and approved then lr_day end`);
  // with a suspension: rectification report 1–10 days before the deadline (75%), accepted 3–7 days later
  await q(`update act_dec set
      sub_day = case when eff_day is not null and rect_due is not null and pg_temp.r('rs|' || dec_id) < 0.75
                     then rect_due - 1 - floor(pg_temp.r('rs2|' || dec_id) * 10)::int end`);
  await q(`update act_dec set sub_day = null where sub_day > '${H}'::date`);
  await q(`update act_dec set conf_day = case when sub_day is not null and sub_day + 3 + floor(pg_temp.r('rc|' || dec_id) * 5)::int <= '${H}'::date
                                             then sub_day + 3 + floor(pg_temp.r('rc|' || dec_id) * 5)::int end`);
  await q(`update act_dec set
      status = case when major and lr_day > '${H}'::date then 'pending_legal_review'
                    when major and not approved then 'closed'
                    when rect_due is null then 'effective'
                    when conf_day is not null then 'closed'
                    when sub_day is not null then 'rectification_submitted'
                    else 'rectifying' end,
      settlement = case when eff_day is null or rect_due is null then 'normal' when conf_day is not null then 'restored' else 'suspended' end,
      overdue = eff_day is not null and rect_due is not null and conf_day is null and rect_due < '${H}'::date and (sub_day is null or sub_day > rect_due)`);
  await q(`create index on act_dec (dec_id)`);
  await q(`insert into handling_decision (id, region_path, owner_org_id, agency_id, finding_ids, measures, basis, major, status, decided_by, decided_by_user_id,
             legal_review, effective_at, reported_to_bureau_at, settlement, rectification, termination_on_hold, created_at)
           select dec_id, region_path, inst, coalesce((select a.agency_id from service_agreement a where a.institution_id = inst), 'agency-' || county), ids, measures,
                  '依据《定点医药机构服务协议》相关条款及《医疗保障基金使用监督管理条例》作出处理${DEMO_MARK}', major, status,
                  '经办员${DEMO_MARK}', 'demo-activity-county_staff',
                  case when major and lr_day <= '${H}'::date then jsonb_build_object('by', '法制审核员${DEMO_MARK}', 'byUserId', 'demo-activity-legal',
                       'approved', approved, 'comment', case when approved then '' else '事实认定证据不足，请补充调查' end, 'at', pg_temp.ts(lr_day, 16)) end,
                  pg_temp.ts(eff_day, case when major then 16 else 10 end),
                  -- every handling result is reported to the same-level bureau (seed 002 一(六))
                  case when eff_day is not null then pg_temp.ts(eff_day, case when major then 16 else 10 end) end,
                  settlement,
                  case when eff_day is not null and rect_due is not null then jsonb_build_object('due', rect_due,
                       'report', case when sub_day is not null then '已按要求完成整改，相关人员已培训' end, 'attachmentIds', '[]'::jsonb,
                       'submittedAt', pg_temp.ts(sub_day, 14), 'confirmedAt', pg_temp.ts(conf_day, 11), 'overdue', overdue) end,
                  false, pg_temp.ts(dday, 10)
             from act_dec`);
  // The agreements follow the decisions in force, as the agreements context keeps them (agreementStatusOf).
  await q(`update service_agreement a set version = a.version + 1, updated_at = now(), status = case
             when exists (select 1 from handling_decision d where d.owner_org_id = a.institution_id and d.effective_at is not null
                            and not d.termination_on_hold and d.measures @> '[{"kind": "terminate_agreement"}]'::jsonb) then 'terminated'
             when exists (select 1 from handling_decision d where d.owner_org_id = a.institution_id and d.settlement = 'suspended'
                            and d.measures @> '[{"kind": "suspend_settlement"}]'::jsonb) then 'suspended'
             else 'active' end
           where a.institution_id in (select inst from act_dec)`);
  await q(`create temp table act_fdec on commit drop as select unnest(ids) as id, dec_id from act_dec`);
  await q(`create index on act_fdec (id)`);
  await q(`insert into finding (id, region_path, owner_org_id, source, source_id, source_index, handling_agency_id, type, description, amount,
             clinician_name, status, confirmation_due, confirmed_at, deemed, appeal, decision_id, created_at)
           select f.id, f.region_path, f.inst, 'spot_check', f.insp_id, f.idx,
                  coalesce((select a.agency_id from service_agreement a where a.institution_id = f.inst), 'agency-' || f.county), f.type, f.description, f.amount, f.clinician,
                  case when d.dec_id is not null then 'decided' else f.st end, f.due, f.confirmed_at, f.base = 'deemed_confirmed',
                  case when f.base = 'appealed' then jsonb_build_object('reasons', '对问题认定有异议，已提交病历等证明材料', 'attachmentIds', '[]'::jsonb,
                       'at', pg_temp.ts(f.answer_day, 11),
                       'review', case when f.reviewed then jsonb_build_object('outcome', case when f.st = 'appeal_upheld' then 'upheld' else 'rejected' end,
                                   'comment', case when f.st = 'appeal_upheld' then '证据充分，申诉成立' else '证据不足，维持认定' end,
                                   'at', pg_temp.ts(f.review_day, 15), 'by', '经办员${DEMO_MARK}', 'byUserId', 'demo-activity-county_staff') end) end,
                  d.dec_id, pg_temp.ts(f.sd, 10)
             from act_fs f left join act_fdec d on d.id = f.id`);
  await q(`insert into finding_history (id, finding_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
           select pg_temp.uid('fh|' || f.id || '|' || h.action), f.id, f.region_path, f.inst, h.at, h.action, h.by_user, h.by_name, h.comment
             from act_fs f cross join lateral (
               select 'raised' as action, pg_temp.ts(f.sd, 10) as at, 'demo-activity-province_official' as by_user, ? as by_name, null as comment
               union all select 'confirmed', f.confirmed_at, 'demo-activity-institution_clerk', '机构经办人${DEMO_MARK}', null where f.base = 'confirmed'
               union all select 'deemed_confirmed', f.confirmed_at, 'demo-activity-system', '系统（反馈时钟）', null where f.base = 'deemed_confirmed'
               union all select 'appealed', pg_temp.ts(f.answer_day, 11), 'demo-activity-institution_clerk', '机构经办人${DEMO_MARK}', '对问题认定有异议' where f.base = 'appealed'
               union all select case when f.st = 'appeal_upheld' then 'appeal_upheld' else 'appeal_rejected' end, pg_temp.ts(f.review_day, 15),
                                'demo-activity-county_staff', '经办员${DEMO_MARK}', null where f.reviewed
             ) h`, [c.provinceActor.displayName]);
  await q(`insert into decision_history (id, decision_id, region_path, owner_org_id, at, action, by_user_id, by_name, comment)
           select pg_temp.uid('dh|' || d.dec_id || '|' || h.action), d.dec_id, d.region_path, d.inst, h.at, h.action, h.by_user, h.by_name, h.comment
             from act_dec d cross join lateral (
               select 'decided' as action, pg_temp.ts(d.dday, 10) as at, 'demo-activity-county_staff' as by_user, '经办员${DEMO_MARK}' as by_name, null as comment
               union all select case when d.approved then 'legal_review_approved' else 'legal_review_refused' end, pg_temp.ts(d.lr_day, 16),
                                'demo-activity-legal', '法制审核员${DEMO_MARK}', null where d.major and d.lr_day <= '${H}'::date
               union all select 'effective', pg_temp.ts(d.eff_day, case when d.major then 16 else 10 end), 'demo-activity-county_staff', '经办员${DEMO_MARK}', null
                where d.eff_day is not null
               union all select 'rectification_submitted', pg_temp.ts(d.sub_day, 14), 'demo-activity-institution_clerk', '机构经办人${DEMO_MARK}', null where d.sub_day is not null
               union all select 'rectification_overdue', pg_temp.ts(d.rect_due + 1, 0), 'demo-activity-system', '系统（整改时钟）', '整改期限 ' || d.rect_due where d.overdue
               union all select 'rectification_accepted', pg_temp.ts(d.conf_day, 11), 'demo-activity-county_staff', '经办员${DEMO_MARK}', null where d.conf_day is not null
             ) h`);

  // events: the inspection's findings raised (the feedback workflow's start), the answers, the deeming batch, the decisions
  await q(`insert into act_evt
           select min(f.region_path), min(f.inst), 'Inspection', f.insp_id::text, 'FindingsRaised',
                  jsonb_build_object('input', jsonb_build_object('inspectionId', f.insp_id, 'actor', ?::jsonb, 'findingIds', jsonb_agg(f.id order by f.idx),
                                     'confirmationDueAt', pg_temp.ts(min(f.due) + 1, 0)),
                                     'confirmationDue', min(f.due), 'demo', to_char(min(f.sd), 'YYYY')),
                  pg_temp.ts(min(f.sd), 10)
             from act_fs f group by f.insp_id`, [JSON.stringify(c.provinceActor)]);
  await q(`insert into act_evt
           select f.region_path, f.inst, 'Finding', f.id::text, e.type, e.payload || jsonb_build_object('demo', to_char(f.sd, 'YYYY')), e.at
             from act_fs f cross join lateral (
               select 'FindingConfirmed' as type, jsonb_build_object('at', f.confirmed_at) as payload, f.confirmed_at as at where f.base = 'confirmed'
               union all select 'FindingAppealed', jsonb_build_object('at', pg_temp.ts(f.answer_day, 11), 'attachments', 0), pg_temp.ts(f.answer_day, 11) where f.base = 'appealed'
               union all select 'FindingAppealReviewed', jsonb_build_object('at', pg_temp.ts(f.review_day, 15),
                                 'outcome', case when f.st = 'appeal_upheld' then 'upheld' else 'rejected' end), pg_temp.ts(f.review_day, 15) where f.reviewed
             ) e`);
  await q(`insert into act_evt
           select min(f.region_path), min(f.inst), 'Inspection', f.insp_id::text, 'FindingsDeemedConfirmed',
                  jsonb_build_object('findingIds', jsonb_agg(f.id order by f.idx), 'at', pg_temp.ts(min(f.due) + 1, 0), 'demo', to_char(min(f.sd), 'YYYY')),
                  pg_temp.ts(min(f.due) + 1, 0)
             from act_fs f where f.base = 'deemed_confirmed' group by f.insp_id`);
  await q(`insert into act_evt
           select d.region_path, d.inst, 'HandlingDecision', d.dec_id::text, e.type, e.payload || jsonb_build_object('demo', to_char(d.dday, 'YYYY')), e.at
             from act_dec d cross join lateral (
               select 'DecisionCreated' as type,
                      jsonb_build_object('input', jsonb_build_object('decisionId', d.dec_id,
                        'actor', jsonb_build_object('userId', 'demo-activity-county_staff', 'username', 'demo.activity.county_staff', 'displayName', '经办员${DEMO_MARK}',
                                                    'roles', '["county_staff"]'::jsonb, 'regionPath', d.region_path,
                                                    'organizationId', 'agency-' || d.county, 'organizationKind', 'agency'),
                        'status', case when d.major then 'pending_legal_review' when d.rect_due is not null then 'rectifying' else 'effective' end,
                        'rectificationDueAt', case when d.rect_due is not null then pg_temp.ts(d.rect_due + 1, 0) end)) as payload,
                      pg_temp.ts(d.dday, 10) as at
               union all select 'DecisionTransitioned', jsonb_build_object('transition', jsonb_build_object('action', 'legal_review', 'at', pg_temp.ts(d.lr_day, 16),
                                  'approved', d.approved, 'status', case when not d.approved then 'closed' when d.rect_due is not null then 'rectifying' else 'effective' end)),
                                pg_temp.ts(d.lr_day, 16) where d.major and d.lr_day <= '${H}'::date
               union all select 'DecisionTransitioned', jsonb_build_object('transition', jsonb_build_object('action', 'rectification_submitted', 'at', pg_temp.ts(d.sub_day, 14))),
                                pg_temp.ts(d.sub_day, 14) where d.sub_day is not null
               union all select 'DecisionRectificationOverdue', jsonb_build_object('due', d.rect_due), pg_temp.ts(d.rect_due + 1, 0) where d.overdue
               union all select 'DecisionTransitioned', jsonb_build_object('transition', jsonb_build_object('action', 'rectification_reviewed', 'at', pg_temp.ts(d.conf_day, 11),
                                  'accepted', true, 'newRectificationDueAt', null)), pg_temp.ts(d.conf_day, 11) where d.conf_day is not null
             ) e`);
}

// -------------------------------------------------------------------------------------------------
// Disputes (争议处理) over effective decisions, level by level up to the province

async function generateDisputes(q: Exec, events: EventRow[], c: { H: string; province: string; seed: number; share: number }): Promise<void> {
  const H = c.H;
  const decisions = await q<{ id: string; region_path: string; inst: string; county: string; eff_day: string; conf_day: string | null; y: number }>(
    `select dec_id::text as id, region_path, inst, county, to_char(eff_day, 'YYYY-MM-DD') as eff_day, to_char(conf_day, 'YYYY-MM-DD') as conf_day,
            pg_temp.r('dsp|' || dec_id) as y
       from act_dec
      where not quiet and eff_day is not null and eff_day + 3 <= '${H}'::date
        and exists (select 1 from jsonb_array_elements(measures) m where m->>'kind' in ('refuse_payment', 'terminate_agreement', 'suspend_settlement'))
      order by dec_id`);
  const rows: Row[] = [];
  const history: Row[] = [];
  for (const d of decisions) {
    if (d.y >= c.share) continue;
    const rng = new Prng(c.seed ^ hash32(d.id));
    const city = d.county.slice(0, 4);
    const path = [
      { level: 'county', bureauId: `bureau-${d.county}`, regionPath: `/${c.province}/${city}/${d.county}/` },
      { level: 'city', bureauId: `bureau-${city}`, regionPath: `/${c.province}/${city}/` },
      { level: 'province', bureauId: `bureau-${c.province}`, regionPath: `/${c.province}/` },
    ];
    const filedDay = addCalendarDays(d.eff_day, 3 + rng.int(12));
    // a decision is disputable while in effect (not once its rectification was accepted and it closed)
    if (filedDay > H || (d.conf_day !== null && filedDay >= d.conf_day)) continue;
    const id = uuidOf(`dispute|${d.id}`);
    const clerk = actorAt('institution', d.inst, d.region_path, 'institution_clerk', '机构经办人');
    const levels = path.map((p) => ({ ...p, dueDate: null as string | null, receivedAt: null as string | null, decision: null as Row | null, overdue: false }));
    const ev = (type: string, when: Date, payload: Row) =>
      events.push({ region_path: d.region_path, owner_org_id: d.inst, aggregate_type: 'Dispute', aggregate_id: id, event_type: type, payload: { ...payload, demo: d.eff_day.slice(0, 4) }, occurred_at: iso(when) });
    const hist = (action: string, level: number, when: Date, by: Actor, comment: string | null) =>
      history.push({ id: uuidOf(`dispute-h|${d.id}|${action}|${level}`), dispute_id: id, region_path: d.region_path, owner_org_id: d.inst, at: iso(when), action, level,
        by_user_id: by.userId, by_name: by.displayName, by_org_id: by.organizationId, comment });
    const filedAt = at(filedDay, 10);
    levels[0]!.dueDate = addWorkingDays(filedDay, 20);
    levels[0]!.receivedAt = iso(filedAt);
    const reasons = `对处理决定认定的事实和适用条款有异议，申请争议处理${DEMO_MARK}`;
    hist('filed', 0, filedAt, clerk, reasons);
    ev('DisputeFiled', filedAt, {
      input: { disputeId: id, actor: clerk, path, firstDueAt: iso(at(addCalendarDays(levels[0]!.dueDate, 1), 0)) }, decisionId: d.id,
    });
    let current = 0;
    let status = 'open';
    let escalationDue: string | null = null;
    let outcome: string | null = null;
    let endedAt: Date | null = null;
    let day = filedDay;
    for (;;) {
      const level = levels[current]!;
      const bureau = actorAt('bureau', level.bureauId, level.regionPath, current === 2 ? 'province_official' : current === 1 ? 'city_agency_staff' : 'county_staff', '争议处理经办人');
      if (rng.next() < 0.1) {
        const wday = addCalendarDays(day, 2 + rng.int(10));
        if (wday <= H) {
          const when = at(wday, 15);
          status = 'withdrawn';
          endedAt = when;
          hist('withdrawn', current, when, clerk, '经沟通，撤回争议申请');
          ev('DisputeWithdrawn', when, { transition: { action: 'withdrawn', at: iso(when) } });
        }
        break;
      }
      // 85% decided in time, else late (flagged at the due instant)
      const late = rng.next() < 0.15;
      const decideDay = late ? addCalendarDays(level.dueDate!, 3 + rng.int(20)) : addCalendarDays(day, 5 + rng.int(Math.max(1, dayDiff(day, level.dueDate!) - 5)));
      if (late && addCalendarDays(level.dueDate!, 1) <= H) {
        level.overdue = true;
        const when = at(addCalendarDays(level.dueDate!, 1), 0);
        hist('level_overdue', current, when, actorAt('bureau', level.bureauId, level.regionPath, 'county_staff', '系统（争议时钟）'), `应于 ${level.dueDate} 前作出决定`);
        ev('DisputeLevelOverdue', when, { level: current, bureauId: level.bureauId });
      }
      if (decideDay > H) break;
      const when = at(decideDay, 16);
      const o = rng.next() < 0.7 ? 'upheld' : 'revised';
      const reasoning = o === 'upheld' ? '原处理决定事实清楚、依据充分，予以维持' : '部分金额认定有误，变更原处理决定';
      level.decision = { outcome: o, reasoning, at: iso(when), by: bureau.displayName, byUserId: bureau.userId };
      const final = current === levels.length - 1;
      if (final) {
        status = 'final';
        outcome = o;
        endedAt = when;
        escalationDue = null;
      } else {
        status = 'decided';
        escalationDue = addWorkingDays(decideDay, 15);
      }
      hist(final ? `decided_final_${o}` : `decided_${o}`, current, when, bureau, reasoning);
      ev('DisputeDecided', when, {
        transition: { action: 'decided', at: iso(when), level: current, final, escalationDueAt: escalationDue ? iso(at(addCalendarDays(escalationDue, 1), 0)) : null },
        outcome: o, decisionId: d.id,
      });
      if (final) break;
      // escalate within the window (35% at the county, 30% at the city)
      if (rng.next() < (current === 0 ? 0.35 : 0.3)) {
        const eday = addCalendarDays(decideDay, 2 + rng.int(Math.max(1, dayDiff(decideDay, escalationDue!) - 2)));
        if (eday > H) break;
        const ewhen = at(eday, 11);
        current += 1;
        levels[current]!.dueDate = addWorkingDays(eday, 20);
        levels[current]!.receivedAt = iso(ewhen);
        status = 'open';
        escalationDue = null;
        hist('escalated', current, ewhen, clerk, '不服本级争议处理决定，申请上一级处理');
        ev('DisputeEscalated', ewhen, { transition: { action: 'escalated', at: iso(ewhen), toLevel: current, dueAt: iso(at(addCalendarDays(levels[current]!.dueDate!, 1), 0)) } });
        day = eday;
        continue;
      }
      // the window closes without escalation: the level's decision stands
      const closeDay = addCalendarDays(escalationDue!, 1);
      if (closeDay <= H) {
        const cwhen = at(closeDay, 0);
        status = 'closed';
        outcome = o;
        endedAt = cwhen;
        hist('closed', current, cwhen, clerk, null);
        ev('DisputeClosed', cwhen, { outcome: o, decisionId: d.id });
      }
      break;
    }
    rows.push({
      id, region_path: d.region_path, owner_org_id: d.inst, decision_id: d.id, party: 'institution', clinician_name: null, reasons, path: levels, current,
      status, escalation_due: status === 'decided' || status === 'closed' ? escalationDue : null, outcome, filed_by: clerk.displayName, filed_by_user_id: clerk.userId,
      created_at: iso(filedAt), ended_at: endedAt && iso(endedAt),
    });
  }
  await insertJson(q, 'dispute', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', decision_id: 'uuid', party: 'text', clinician_name: 'text', reasons: 'text', path: 'jsonb', current: 'int',
    status: 'text', escalation_due: 'date', outcome: 'text', filed_by: 'text', filed_by_user_id: 'text', created_at: 'timestamptz', ended_at: 'timestamptz',
  }, rows);
  await insertJson(q, 'dispute_history', {
    id: 'uuid', dispute_id: 'uuid', region_path: 'text', owner_org_id: 'text', at: 'timestamptz', action: 'text', level: 'int', by_user_id: 'text', by_name: 'text',
    by_org_id: 'text', comment: 'text',
  }, history.sort((a, b) => String(a.at).localeCompare(String(b.at))));
}

// -------------------------------------------------------------------------------------------------
// Internal-control audits (内控检查) of the handling agencies

async function generateIc(q: Exec, events: EventRow[], c: { Y: number; H: string; P: string; provinceBureau: string; provinceActor: Actor; seed: number }): Promise<void> {
  const { Y, H, P } = c;
  const createdDay = `${Y}-02-10`;
  const publishedDay = `${Y}-02-20`;
  if (H < publishedDay) return;
  const [taken] = await q(`select 1 from ic_audit_plan where owner_org_id = ? and year = ?`, [c.provinceBureau, Y]);
  if (taken) return;
  const planId = uuidOf(`ic-plan|${Y}`);
  const title = `${Y}年度经办机构内部控制检查计划${DEMO_MARK}`;
  await q(`insert into ic_audit_plan (id, region_path, owner_org_id, year, title, period_start, period_end, status, created_at, created_by, published_at)
           values (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?)`,
  [planId, P, c.provinceBureau, Y, title, `${Y}-03-01`, `${Y}-11-30`, at(createdDay, 9), c.provinceActor.displayName, at(publishedDay, 10)]);
  const agencies = await q<{ id: string; name: string; region_path: string; region_code: string }>(
    `select o.id, o.name, o.region_path, o.region_code from organization o join region r on r.code = o.region_code
      where o.kind = 'agency' and o.region_path like ? and r.level in ('city', 'county') and o.region_code <> all(?::text[]) order by o.id`,
    [`${P}%`, `{${QUIET_COUNTIES.join(',')}}`]);
  const inspectors = await q<{ id: string; name: string; org: string; organization_id: string }>(
    `select i.id, i.name, o.name as org, i.organization_id from inspector i join organization o on o.id = i.organization_id where i.region_path like ? order by i.id limit 200`, [`${P}%`]);
  const rng = new Prng(c.seed);
  const audits: Row[] = [];
  const findings: Row[] = [];
  const history: Row[] = [];
  const auditInputs: Row[] = [];
  const areas = ['management_rules', 'systems', 'segregation_of_duties', 'violations_handled', 'payment_records'];
  const areaText: Record<string, string> = {
    management_rules: '内控管理制度未及时修订', systems: '信息系统权限未定期复核', segregation_of_duties: '经办与复核岗位由同一人兼任',
    violations_handled: '违规问题处理台账不完整', payment_records: '基金支付凭证归档不规范',
  };
  const ev = (a: { id: string; region_path: string }, id: string, type: string, when: Date, payload: Row) =>
    events.push({ region_path: a.region_path, owner_org_id: a.id, aggregate_type: 'IcAudit', aggregate_id: id, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when) });
  for (const a of agencies) {
    const id = uuidOf(`ic|${Y}|${a.id}`);
    const notice = addCalendarDays(`${Y}-03-02`, rng.int(250));
    const saDue = addCalendarDays(notice, 10);
    const fwStart = addCalendarDays(saDue, 5 + rng.int(10));
    const fwEnd = addCalendarDays(fwStart, 2 + rng.int(3));
    const team = inspectors.filter((i) => i.organization_id !== a.id).slice(rng.int(Math.max(1, inspectors.length - 3)), undefined).slice(0, 3)
      .map((i) => ({ inspectorId: i.id, name: i.name, organizationName: i.org, organizationId: i.organization_id }));
    const sys = actorAt('bureau', c.provinceBureau, P, 'province_official', '系统（内控检查时钟）');
    const staff = actorAt('agency', a.id, a.region_path, 'county_staff', '经办机构内控专员');
    let status = 'scheduled';
    let saOverdue = false;
    let saSubmittedAt: Date | null = null;
    let closedAt: Date | null = null;
    const h = (action: string, when: Date, by: Actor, comment: string | null = null) =>
      history.push({ id: uuidOf(`ic-h|${Y}|${a.id}|${action}|${iso(when)}`), audit_id: id, region_path: a.region_path, owner_org_id: a.id, at: iso(when), action, by_user_id: by.userId, by_name: by.displayName, comment });
    h('scheduled', at(publishedDay, 10), c.provinceActor);
    auditInputs.push({ auditId: id, agencyId: a.id, noticeDate: notice, selfAssessmentDue: saDue, fieldworkStart: fwStart, fieldworkEnd: fwEnd });
    if (notice <= H) {
      status = 'self_assessment';
      h('notice_sent', at(notice, 9), sys);
      ev(a, id, 'IcAuditNoticeSent', at(notice, 9), {});
      const submits = rng.next() < 0.88;
      const sday = addCalendarDays(notice, 2 + rng.int(8));
      if (submits && sday <= H) {
        saSubmittedAt = at(sday, 15);
        h('self_assessment_submitted', saSubmittedAt, staff);
        ev(a, id, 'IcAuditTransitioned', saSubmittedAt, { transition: { action: 'self_assessment_submitted', at: iso(saSubmittedAt) }, status });
      } else if (addCalendarDays(saDue, 1) <= H) {
        saOverdue = true;
        const when = at(addCalendarDays(saDue, 1), 0);
        h('self_assessment_overdue', when, sys);
        ev(a, id, 'IcSelfAssessmentOverdue', when, {});
      }
    }
    if (fwStart <= H) {
      status = 'fieldwork';
      const when = at(fwStart, 9);
      h('fieldwork_started', when, sys, saSubmittedAt ? null : '自查未提交');
      ev(a, id, 'IcFieldworkStarted', when, {});
    }
    const issueDay = addCalendarDays(fwEnd, 3);
    if (issueDay <= H) {
      const n = 1 + rng.int(3);
      const issued = at(issueDay, 10);
      const list: { findingId: string; rectificationDueAt: string }[] = [];
      let allVerified = true;
      let lastVerified: Date | null = null;
      for (let k = 0; k < n; k++) {
        const fid = uuidOf(`ic-f|${Y}|${a.id}|${k}`);
        const area = areas[rng.int(areas.length)]!;
        const due = addWorkingDays(issueDay, 20);
        list.push({ findingId: fid, rectificationDueAt: iso(at(addCalendarDays(due, 1), 0)) });
        const x = rng.next();
        const subDay = addCalendarDays(issueDay, 5 + rng.int(20));
        const verDay = addCalendarDays(subDay, 3 + rng.int(7));
        let fstatus = 'open';
        let rect: Row | null = null;
        let ver: Row | null = null;
        let overdue = false;
        if (x < 0.8 && subDay <= H) {
          fstatus = 'rectification_submitted';
          rect = { report: '已修订制度并组织培训', attachmentIds: [], at: iso(at(subDay, 15)) };
          ev(a, id, 'IcAuditTransitioned', at(subDay, 15), { transition: { action: 'rectification_submitted', at: iso(at(subDay, 15)), findingId: fid }, status: 'verification' });
          if (verDay <= H) {
            fstatus = 'verified';
            ver = { accepted: true, comment: '整改到位', at: iso(at(verDay, 11)) };
            ev(a, id, 'IcAuditTransitioned', at(verDay, 11), { transition: { action: 'finding_verified', at: iso(at(verDay, 11)), findingId: fid, accepted: true }, status: 'verification' });
            if (!lastVerified || at(verDay, 11) > lastVerified) lastVerified = at(verDay, 11);
          }
        }
        if (fstatus !== 'verified') allVerified = false;
        if ((fstatus === 'open') && addCalendarDays(due, 1) <= H) {
          overdue = true;
          const when = at(addCalendarDays(due, 1), 0);
          h('rectification_overdue', when, sys, areaText[area]!);
          ev(a, id, 'IcRectificationOverdue', when, { findingId: fid });
        }
        findings.push({
          id: fid, audit_id: id, region_path: a.region_path, owner_org_id: a.id, area, item_code: null, source: 'fieldwork',
          description: `${areaText[area]}${DEMO_MARK}`, rectification_due: due, status: fstatus, rectification: rect, verification: ver, overdue, ord: k, created_at: iso(issued),
        });
      }
      h('findings_issued', issued, c.provinceActor);
      ev(a, id, 'IcAuditTransitioned', issued, { transition: { action: 'findings_issued', at: iso(issued), findings: list }, status: 'rectification' });
      status = allVerified ? 'closed' : findings.slice(-n).some((f) => f.status === 'rectification_submitted') && findings.slice(-n).every((f) => f.status !== 'open') ? 'verification' : 'rectification';
      if (allVerified) closedAt = lastVerified;
    }
    audits.push({
      id, region_path: a.region_path, owner_org_id: a.id, plan_id: planId, province_path: P, follow_up_of: null, status, notice_date: notice,
      self_assessment_due: saDue, fieldwork_start: fwStart, fieldwork_end: fwEnd, team, checklist_version: 1, self_assessment_overdue: saOverdue,
      self_assessment_submitted_at: saSubmittedAt && iso(saSubmittedAt), created_at: iso(at(publishedDay, 10)), closed_at: closedAt && iso(closedAt),
    });
  }
  await insertJson(q, 'ic_audit', {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', plan_id: 'uuid', province_path: 'text', follow_up_of: 'uuid', status: 'text', notice_date: 'date',
    self_assessment_due: 'date', fieldwork_start: 'date', fieldwork_end: 'date', team: 'jsonb', checklist_version: 'int', self_assessment_overdue: 'boolean',
    self_assessment_submitted_at: 'timestamptz', created_at: 'timestamptz', closed_at: 'timestamptz',
  }, audits);
  await insertJson(q, 'ic_finding', {
    id: 'uuid', audit_id: 'uuid', region_path: 'text', owner_org_id: 'text', area: 'text', item_code: 'text', source: 'text', description: 'text',
    rectification_due: 'date', status: 'text', rectification: 'jsonb', verification: 'jsonb', overdue: 'boolean', ord: 'int', created_at: 'timestamptz',
  }, findings);
  await insertJson(q, 'ic_audit_history', {
    id: 'uuid', audit_id: 'uuid', region_path: 'text', owner_org_id: 'text', at: 'timestamptz', action: 'text', by_user_id: 'text', by_name: 'text', comment: 'text',
  }, history);
  const planEv = (type: string, when: Date, payload: Row) =>
    events.push({ region_path: P, owner_org_id: c.provinceBureau, aggregate_type: 'IcPlan', aggregate_id: planId, event_type: type, payload: { ...payload, demo: `${Y}` }, occurred_at: iso(when) });
  planEv('IcPlanCreated', at(createdDay, 9), { year: Y, title });
  planEv('IcPlanPublished', at(publishedDay, 10), { actor: c.provinceActor, audits: auditInputs });
}

// -------------------------------------------------------------------------------------------------
// Monthly supervision reports (医保基金监管月报表) of every county bureau, and the cities' compilations

/**
 * The county reports of every month of the year whose reports have opened by `now` (the 1st of the
 * next month, 00:30): the months already due (the 10th of the next month), and the month being filed
 * when generating between the 1st and the 10th (open, not yet due); the cycle workflow handles the
 * months after that, and skips (its opening is idempotent) the one generated here. `auto` is the
 * figures the real opening assembles, by the same statement (assembleFigures), over the records as they
 * are now; the city compilation and its bulletin by the real compile's code (compileCity).
 *
 * Per county and month, seeded: on time 85% (6% of them returned once by the leader and filed again),
 * submitted on time but signed after the due instant 4%, submitted late 8% (flagged overdue at the
 * due instant, filed 1–15 days after), never filed 3% (overdue; half of them saved once). Work is done
 * on days before today only, the clock's steps (opening, overdue flag) up to `now`: for the latest due
 * month the late ones not filed by yesterday are still overdue. The two demo counties (QUIET_COUNTIES)
 * filed every due month on time and signed, and their report being filed, if any, is left as the
 * opening leaves it (a draft for xw.bureau to fill in and xw.leader to sign). A city compiles on the
 * 10th at 16:00 when all its counties have filed by then, else on a day from the 11th to the 14th
 * (after the due instant, the missing ones listed as 未报), once.
 *
 * Written once per year (none of the year's generated reports may exist yet), and never for a month
 * that has any report of the province already (the cycle opened it). Returns the reports written.
 */
async function generateMonthlyReports(q: Exec, events: EventRow[], c: { Y: number; P: string; seed: number; now: Date }): Promise<number> {
  const { Y, P, now } = c;
  const today = chinaDateOf(now);
  const R = addCalendarDays(today, -1);
  const exec = (sql: string, params?: unknown[]) => q(sql, params);
  const allMonths = Array.from({ length: 12 }, (_, i) => `${Y}-${String(i + 1).padStart(2, '0')}`).filter((m) => openAtOf(m) <= now);
  if (!allMonths.length) return 0;
  const counties = await countiesOf(exec, P);
  if (!counties.length) return 0;
  const reportId = (county: string, month: string) => uuidOf(`monthly-report|${Y}|${county}|${month}`);
  const [done] = await q(`select 1 from monthly_report where id = any(?::uuid[]) limit 1`,
    [`{${allMonths.flatMap((m) => counties.map((k) => reportId(k.code, m))).join(',')}}`]);
  if (done) return 0;
  const taken = new Set((await q<{ m: string }>(
    `select distinct to_char(month, 'YYYY-MM') as m from monthly_report where region_path like ? and month >= ?::date and month <= ?::date`,
    [`${P}%`, `${allMonths[0]}-01`, `${allMonths.at(-1)}-01`])).map((r) => r.m));
  const months = allMonths.filter((m) => !taken.has(m));
  if (!months.length) return 0;
  const figures = await assembleFigures(exec, P, months[0]!, months.at(-1)!);
  const cityBureaus = new Set((await q<{ id: string }>(`select id from organization where kind = 'bureau' and id = any(?::text[])`,
    [`{${[...new Set(counties.map((k) => `bureau-${k.cityCode}`))].join(',')}}`])).map((r) => r.id));

  const rows: Row[] = [];
  const reportEvents: EventRow[] = [];
  const remarks = ['本月按计划开展日常稽核和现场检查', '本月重点核查串换药品、分解收费问题', '配合市局开展专项治理抽查复查', '本月无重大案件'];
  const manualOf = (rng: Prng, partial: boolean): ManualFigures => {
    const casesOpened = rng.int(4);
    const tipsReceived = rng.int(9);
    if (partial) return { ...EMPTY_MANUAL, casesOpened, tipsReceived };
    return {
      casesOpened, casesClosed: rng.int(4), transferredToPolice: rng.next() < 0.06 ? 1 : 0, tipsReceived,
      tipsRewarded: tipsReceived > 0 && rng.next() < 0.15 ? 1 : 0,
      otherRecovered: rng.next() < 0.4 ? Math.round((500 + rng.next() * 30_000) * 100) / 100 : 0,
      publicExposures: rng.next() < 0.2 ? 1 + rng.int(2) : 0, remarks: `${remarks[rng.int(remarks.length)]}${DEMO_MARK}`,
    };
  };

  for (const month of months) {
    const filing = nextMonth(month);
    const day = (n: number) => `${filing}-${String(n).padStart(2, '0')}`;
    const openAt = openAtOf(month);
    const dueAt = dueAtOf(month);
    const dueReached = dueAt <= now;
    const byCity = new Map<string, { county: CountyRef; report: MonthlyReport; signedAt: Date | null; statusAt: (t: Date) => ReportStatus }[]>();
    for (const k of counties) {
      const rng = new Prng(c.seed ^ hash32(`monthly-report|${Y}|${k.code}|${month}`));
      const quiet = QUIET_COUNTIES.includes(k.code);
      const x = rng.next();
      const profile = quiet ? 'on_time' : x < 0.85 ? 'on_time' : x < 0.89 ? 'sign_late' : x < 0.97 ? 'late' : 'missing';
      const staff = actorAt('bureau', k.bureauId, k.path, 'county_staff', '月报填报人');
      const leader = actorAt('bureau', k.bureauId, k.path, 'leader', '分管局长');
      type Action = 'save' | 'submit' | 'return' | 'sign';
      const steps: [Action, Date][] = [];
      const work = (d: number, hour: number, ...actions: Action[]) =>
        actions.forEach((a, i) => steps.push([a, chinaInstant(day(d), Math.round((hour + i * 0.25) * 60) / 60)]));
      if (quiet && !dueReached) {
        // the demo counties' report being filed: as the opening leaves it
      } else if (profile === 'on_time') {
        const s = 2 + rng.int(7);
        const h = 9 + rng.next() * 6;
        if (!quiet && rng.next() < 0.06) {
          work(s, h, 'save', 'submit');
          work(s + 1, 9.5, 'return');
          work(s + 1, 14 + rng.next() * 2, 'save', 'submit');
          work(s + 2, 10, 'sign');
        } else {
          work(s, h, 'save', 'submit');
          const next = rng.next() < 0.5;
          work(next ? s + 1 : s, next ? 9 + rng.next() * 3 : h + 1.5, 'sign');
        }
      } else if (profile === 'sign_late') {
        const s = 6 + rng.int(5);
        work(s, 9 + rng.next() * 6, 'save', 'submit');
        work(11 + rng.int(5), 10, 'sign');
      } else if (profile === 'late') {
        const s = 11 + rng.int(15);
        work(s, 9 + rng.next() * 5, 'save', 'submit');
        const d = s + rng.int(3);
        work(d, d === s ? 16.5 : 10, 'sign');
      } else if (rng.next() < 0.5) {
        work(3 + rng.int(7), 10, 'save');
      }
      const manualRng = new Prng(c.seed ^ hash32(`monthly-report-manual|${Y}|${k.code}|${month}`));
      const manual = manualOf(manualRng, profile === 'missing');

      const id = reportId(k.code, month);
      const r = Object.assign(new MonthlyReport(), {
        id, regionPath: k.path, ownerOrgId: k.bureauId, level: 'county', regionCode: k.code, cityCode: k.cityCode, month, status: 'draft',
        auto: figures.get(`${k.code}|${month}`) ?? ({ ...EMPTY_AUTO, measures: {} } as AutoFigures), manual: { ...EMPTY_MANUAL }, autoAt: openAt, dueAt,
      }) as MonthlyReport;
      let updatedAt = openAt;
      const transitions: [Date, ReportStatus][] = [[openAt, 'draft']];
      const ev = (type: string, when: Date, payload: Row) => {
        reportEvents.push({
          region_path: k.path, owner_org_id: k.bureauId, aggregate_type: 'MonthlyReport', aggregate_id: id, event_type: type,
          payload: { month, level: 'county', regionCode: k.code, cityCode: k.cityCode, status: r.status, ...payload, at: iso(when), demo: `${Y}` },
          occurred_at: iso(when),
        });
        if (type !== MONTHLY_REPORT_EVENTS.opened) r.version += 1;
        updatedAt = when;
        transitions.push([when, r.status]);
      };
      ev(MONTHLY_REPORT_EVENTS.opened, openAt, { dueAt: iso(dueAt) });
      // the cycle's flag at the due instant, when the report was not filed by then
      const flag = () => {
        if (r.overdue || r.status === 'submitted' || !dueReached) return;
        r.overdue = true;
        r.overdueAt = dueAt;
        ev(MONTHLY_REPORT_EVENTS.overdue, dueAt, {});
      };
      for (const [action, when] of steps.sort((a, b) => a[1].getTime() - b[1].getTime())) {
        if (chinaDateOf(when) > R) break;
        if (when >= dueAt) flag();
        if (action === 'save') {
          r.manual = manual;
          r.autoAt = when;
          ev(MONTHLY_REPORT_EVENTS.saved, when, {});
        } else if (action === 'submit') {
          r.status = 'awaiting_signoff';
          r.submittedBy = staff.displayName;
          r.submittedAt = when;
          r.returnedComment = null;
          r.autoAt = when;
          ev(MONTHLY_REPORT_EVENTS.submitted, when, {});
        } else if (action === 'return') {
          r.status = 'draft';
          r.returnedComment = `请补充本月举报受理和立案情况后重新提交${DEMO_MARK}`;
          ev(MONTHLY_REPORT_EVENTS.returned, when, { by: 'leader' });
        } else {
          r.status = 'submitted';
          r.signedBy = leader.displayName;
          r.signedAt = when;
          r.late = r.overdue || when >= dueAt;
          ev(MONTHLY_REPORT_EVENTS.signed, when, { late: r.late });
        }
      }
      flag();
      rows.push({
        id, region_path: k.path, owner_org_id: k.bureauId, level: 'county', region_code: k.code, city_code: k.cityCode, month: `${month}-01`,
        status: r.status, auto: r.auto, manual: r.manual, auto_at: iso(r.autoAt!), due_at: iso(dueAt), submitted_by: r.submittedBy,
        submitted_at: r.submittedAt && iso(r.submittedAt), signed_by: r.signedBy, signed_at: r.signedAt && iso(r.signedAt), late: r.late,
        overdue: r.overdue, overdue_at: r.overdueAt && iso(r.overdueAt), returned_comment: r.returnedComment, compiled: null,
        created_at: iso(openAt), updated_at: iso(updatedAt), version: r.version,
      });
      const statusAt = (t: Date) => transitions.filter(([w]) => w <= t).at(-1)![1];
      byCity.set(k.cityCode, [...(byCity.get(k.cityCode) ?? []), { county: k, report: r, signedAt: r.signedAt, statusAt }]);
    }

    // the cities' compilations and bulletins (内部通报)
    for (const [cityCode, list] of byCity) {
      if (!cityBureaus.has(`bureau-${cityCode}`)) continue;
      const rng = new Prng(c.seed ^ hash32(`monthly-report-city|${Y}|${cityCode}|${month}`));
      const early = chinaInstant(day(10), 16);
      const allEarly = list.every((x) => x.signedAt !== null && x.signedAt < early);
      const compiledAt = allEarly ? early : chinaInstant(day(11 + rng.int(4)), 10);
      if (chinaDateOf(compiledAt) > R) continue;
      const afterDue = compiledAt >= dueAt;
      // each county's report as the city read it then
      const reports = new Map(list.map(({ county, report, statusAt }) => {
        const status = statusAt(compiledAt);
        const filed = status === 'submitted';
        return [county.code, Object.assign(new MonthlyReport(), {
          ...report, status, late: filed && report.late, signedAt: filed ? report.signedAt : null,
          overdue: report.overdue && report.overdueAt! <= compiledAt,
        }) as MonthlyReport];
      }));
      const cityPath = `${P}${cityCode}/`;
      // the city agency's fund-audit section compiles; the city bureau files it the next day (备案) and issues the bulletin
      const cityActor = actorAt('agency', `agency-${cityCode}`, cityPath, 'city_agency_staff', '市医保经办机构月报汇总人');
      const bureauActor = actorAt('bureau', `bureau-${cityCode}`, cityPath, 'city_agency_staff', '市医保局月报备案人');
      const { compiled, autoTotals, manualTotals } = compileCity({
        cityCode, cityName: list[0]!.county.cityName, month, counties: list.map((x) => x.county), reports, compiledBy: cityActor.displayName, afterDue, now: compiledAt,
      });
      const filedAt = chinaInstant(addCalendarDays(chinaDateOf(compiledAt), 1), 15);
      const filed = chinaDateOf(filedAt) <= R;
      if (filed) {
        compiled.bulletin = bulletinText(compiled, autoTotals, manualTotals, filedAt);
        compiled.filedAt = iso(filedAt);
        compiled.filedBy = bureauActor.displayName;
      }
      const id = uuidOf(`monthly-report-city|${Y}|${cityCode}|${month}`);
      rows.push({
        id, region_path: cityPath, owner_org_id: `bureau-${cityCode}`, level: 'city', region_code: cityCode, city_code: cityCode, month: `${month}-01`,
        status: filed ? 'filed' : 'compiled', auto: autoTotals, manual: manualTotals, auto_at: iso(compiledAt), due_at: iso(dueAt), submitted_by: null, submitted_at: null,
        signed_by: null, signed_at: null, late: false, overdue: false, overdue_at: null, returned_comment: null, compiled,
        filed_by: filed ? bureauActor.displayName : null, filed_at: filed ? iso(filedAt) : null,
        created_at: iso(compiledAt), updated_at: iso(filed ? filedAt : compiledAt), version: filed ? 2 : 1,
      });
      const cityEvent = (type: string, when: Date, status: string, extra: Row) => reportEvents.push({
        region_path: cityPath, owner_org_id: `bureau-${cityCode}`, aggregate_type: 'MonthlyReport', aggregate_id: id, event_type: type,
        payload: { month, level: 'city', regionCode: cityCode, cityCode, status, at: iso(when), ...extra, demo: `${Y}` },
        occurred_at: iso(when),
      });
      cityEvent(MONTHLY_REPORT_EVENTS.compiled, compiledAt, 'compiled', { onTime: compiled.onTime, late: compiled.late, missing: compiled.missing.length });
      if (filed) cityEvent(MONTHLY_REPORT_EVENTS.filed, filedAt, 'filed', {});
    }
  }

  const written = new Set<string>();
  const columns = {
    id: 'uuid', region_path: 'text', owner_org_id: 'text', level: 'text', region_code: 'text', city_code: 'text', month: 'date', status: 'text',
    auto: 'jsonb', manual: 'jsonb', auto_at: 'timestamptz', due_at: 'timestamptz', submitted_by: 'text', submitted_at: 'timestamptz', signed_by: 'text',
    signed_at: 'timestamptz', late: 'boolean', overdue: 'boolean', overdue_at: 'timestamptz', returned_comment: 'text', compiled: 'jsonb',
    filed_by: 'text', filed_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz', version: 'int',
  };
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n as keyof typeof columns]}`).join(', ');
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = await q<{ id: string }>(
      `insert into monthly_report (${names.join(', ')}) select ${names.join(', ')} from jsonb_to_recordset(?::jsonb) as x(${defs})
       on conflict do nothing returning id::text`, [JSON.stringify(rows.slice(i, i + 1000))]);
    for (const { id } of ids) written.add(id);
  }
  // the events of the reports written (a report that existed already keeps its own history)
  for (const e of reportEvents) if (written.has(e.aggregate_id)) events.push(e);
  return rows.filter((r) => r.level === 'county' && written.has(r.id as string)).length;
}

// -------------------------------------------------------------------------------------------------

/** Rows computed in TypeScript, inserted set-based from a JSON parameter (chunks of 2,000). */
async function insertJson(q: Exec, table: string, columns: Record<string, string>, rows: Row[]): Promise<void> {
  const names = Object.keys(columns);
  const defs = names.map((n) => `${n} ${columns[n]}`).join(', ');
  for (let i = 0; i < rows.length; i += 2000) {
    await q(`insert into ${table} (${names.join(', ')}) select ${names.join(', ')} from jsonb_to_recordset(?::jsonb) as x(${defs}) on conflict do nothing`,
      [JSON.stringify(rows.slice(i, i + 2000))]);
  }
}

/** Stable identifiers of the rows made in TypeScript (the key names the year and the item). */
function uuidOf(key: string): string {
  const h = hashHex(`fundsup-activity-ts|${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function hashHex(s: string): string {
  return createHash('md5').update(s).digest('hex');
}
function hash32(s: string): number {
  return parseInt(hashHex(s).slice(0, 8), 16) | 0;
}
