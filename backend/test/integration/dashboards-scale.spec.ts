import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/database.js';
import { chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { seedActivity, type ActivitySummary } from '../../src/seed/activity.js';
import { DashboardProjector } from '../../src/contexts/dashboards/infrastructure/dashboard-projector.js';
import { parsePeriod } from '../../src/contexts/dashboards/domain/period.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { coverageFromRecords, readModelSnapshot } from '../support/dashboards.js';
import type { TestUser } from '../support/tokens.js';

// Issue 7: the dashboards over a generated year of activity (seed-activity, demo scale: about a
// thousand findings and five thousand events over the 13 cities). The read model projected event by
// event from an empty state equals the rebuild, rows of the rollups included; and what the API
// answers from the rollups (totals, children, months, coverage, campaigns, the size of the lists)
// equals counts taken directly on the write tables, for the province, a city and a county, for a
// year, a quarter and a month.

let t: TestApp;
let generated: ActivitySummary;
const YEAR = Number(chinaDateOf(new Date()).slice(0, 4)) - 1;
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);
const count = async (sql: string, params: unknown[] = []) => Number((await owner<{ n: string }>(sql, params))[0]!.n);
const projector = () => t.app.get(DashboardProjector);
const leaderOf = (path: string): TestUser => {
  const code = path.split('/').filter(Boolean).at(-1)!;
  return { sub: `u-lead-${code}`, username: `${code}.leader`, roles: ['leader'], regionPath: path, orgId: `bureau-${code}`, orgKind: 'bureau' };
};

beforeAll(async () => {
  t = await startTestApp();
  const orm = await MikroORM.init(ormOptions(t.db.ownerUrl));
  try {
    generated = await seedActivity(orm.em.fork(), { year: YEAR, scale: 'demo', seed: 20261122 });
  } finally {
    await orm.close();
  }
  expect(generated.findings).toBeGreaterThan(500);
}, 600_000);
afterAll(() => t?.close());

it('projecting every event from an empty read model gives what the rebuild gives, row for row', async () => {
  const rebuilt = await projector().rebuild();
  expect(rebuilt.facts.finding).toBe(generated.findings);
  const fromRecords = await readModelSnapshot(t.db);
  expect(fromRecords.rollup.length).toBeGreaterThan(1000);
  expect(fromRecords.coverage.length).toBeGreaterThan(100);
  expect(fromRecords.campaigns.length).toBeGreaterThan(10);

  await owner(`truncate dash_fact, dash_rollup, dash_coverage, dash_campaign`);
  await owner(`update outbox_message set projected_at = null`);
  const drained = await projector().drain();
  expect(drained.events).toBeGreaterThanOrEqual(generated.events);
  expect(drained.unknownEvents).toBe(0);
  const fromEvents = await readModelSnapshot(t.db);
  expect(fromEvents.facts).toEqual(fromRecords.facts);
  expect(fromEvents.rollup).toEqual(fromRecords.rollup);
  expect(fromEvents.coverage).toEqual(fromRecords.coverage);
  expect(fromEvents.campaigns).toEqual(fromRecords.campaigns);
}, 300_000);

describe('the API from the rollups = counts on the write tables', () => {
  let scopes: { name: string; path: string }[];
  beforeAll(async () => {
    const [busy] = await owner<{ city: string; county: string }>(
      `select split_part(region_path, '/', 3) as city, split_part(region_path, '/', 4) as county from finding
        where split_part(region_path, '/', 4) <> '' group by 1, 2 order by count(*) desc, 2 limit 1`);
    scopes = [
      { name: 'province', path: '/32/' },
      { name: 'city', path: `/32/${busy!.city}/` },
      { name: 'county', path: `/32/${busy!.city}/${busy!.county}/` },
    ];
  });

  for (const key of [String(YEAR), `${YEAR}-Q2`, `${YEAR}-07`]) {
    it(`period ${key}: totals, children, months, coverage, campaigns and list sizes`, async () => {
      const period = parsePeriod(key);
      const inPeriod = `between $2::date and $3::date`;
      for (const scope of scopes) {
        const res = await t.call(leaderOf(scope.path), 'GET', `/api/dashboards?period=${key}`);
        expect([scope.name, res.status]).toEqual([scope.name, 200]);
        const d = res.body;
        const args = [`${scope.path}%`, period.from, period.to];

        const findings = await count(`select count(*) as n from finding where region_path like $1 and (created_at at time zone 'Asia/Shanghai')::date ${inPeriod}`, args);
        const amount = Number((await owner<{ v: string }>(
          `select coalesce(sum(amount), 0)::text as v from finding where region_path like $1 and (created_at at time zone 'Asia/Shanghai')::date ${inPeriod}`, args))[0]!.v);
        const sent = `from inspection where region_path like $1 and status = 'sent' and coalesce(inspected_on, due_date) ${inPeriod}`;
        const inspections = await count(`select count(*) as n ${sent}`, args);
        expect([scope.name, d.totals.findings, d.totals.finding_amount, d.totals.inspections]).toEqual([scope.name, findings, amount, inspections]);
        expect(findings).toBeGreaterThan(0);

        // children add up to the totals (a county's children are its institutions)
        for (const m of ['findings', 'inspections', 'decisions', 'disputes', 'si_tasks']) {
          expect([scope.name, m, d.children.reduce((s: number, c: any) => s + c.metrics[m], 0)]).toEqual([scope.name, m, d.totals[m]]);
        }
        // the months of the period
        for (const row of d.byMonth) {
          const from = `${row.month}-01`;
          const n = await count(`select count(*) as n from finding where region_path like $1 and to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') between $2 and $3`,
            [`${scope.path}%`, from, `${row.month}-31`]);
          expect([scope.name, row.month, row.findings]).toEqual([scope.name, row.month, n]);
        }

        // coverage: distinct institutions inspected (sent) in the period, by kind, key supervision twice
        const inspected = await count(`select count(distinct institution_id) as n ${sent}`, args);
        expect([scope.name, d.coverage.inspected]).toEqual([scope.name, inspected]);
        expect(inspected).toBeGreaterThan(0);
        for (const k of d.coverage.byKind) {
          expect([scope.name, k.kind, k.inspected]).toEqual([scope.name, k.kind, await count(`select count(distinct institution_id) as n ${sent} and kind = $4`, [...args, k.kind])]);
        }
        const twice = await count(`select count(*) as n from (select i.institution_id ${sent.replace('from inspection', 'from inspection i')}
            group by i.institution_id having count(*) >= 2) x join organization o on o.id = x.institution_id where o.key_supervision`, args);
        expect([scope.name, d.coverage.keySupervision.inspectedTwice]).toEqual([scope.name, twice]);
        const childInspected = d.children.reduce((s: number, c: any) => s + c.coverage.inspected, 0);
        expect([scope.name, childInspected]).toEqual([scope.name, inspected]);

        // each coverage rule against its own basis (§2.1): the year to the period's end, the months of the
        // period; every month of the generated year is over, so a rule is met or missed, except a yearly
        // one before December (in progress)
        const expected = await coverageFromRecords(t.db, scope.path, period);
        expect([scope.name, d.coverage.rules.map((r: any) => ({ rule: r.rule, basis: r.basis, required: r.required, done: r.done, unit: r.unit }))])
          .toEqual([scope.name, expected.rules]);
        for (const r of d.coverage.rules) {
          const yearlyOpen = r.unit === 'institutions' && !r.rule.endsWith('_monthly') && period.kind !== 'year';
          expect([scope.name, r.rule, r.state]).toEqual([scope.name, r.rule, r.met ? 'met' : yearlyOpen ? 'in_progress' : 'not_met']);
        }
        const sample = scope.name === 'province' ? [...expected.sample].sort() : scope.name === 'city' ? [[scope.path.split('/')[2]!, expected.sample.get(scope.path.split('/')[2]!)!]] : [];
        expect([scope.name, d.coverage.provinceSample.map((r: any) => [r.cityCode, r.basis, r.required, r.done])])
          .toEqual([scope.name, sample.map(([city, s]: any) => [city, s.basis, Math.ceil(s.basis / 10), s.done])]);
        // the generated data reviews matter: institutions inspected only by data review this year to date are not on site
        const toDate = [`${scope.path}%`, `${YEAR}-01-01`, period.to];
        const anyMethod = await count(`select count(distinct institution_id) as n from inspection where region_path like $1 and status = 'sent' and inspected_on between $2::date and $3::date`, toDate);
        const reviewedOnly = await count(`select count(*) as n from (select institution_id from inspection where region_path like $1 and status = 'sent'
            and inspected_on between $2::date and $3::date group by institution_id having bool_and(origin = 'agency' and method = 'data_review')) x`, toDate);
        if (scope.name === 'province') expect(reviewedOnly).toBeGreaterThan(0);
        expect([scope.name, d.coverage.rules.find((r: any) => r.rule === 'full_coverage').done]).toEqual([scope.name, anyMethod - reviewedOnly]);
        // the lists behind the rules: on-site inspections from January, inspections of pharmacies in the period
        const onSite = await t.call(leaderOf(scope.path), 'GET', `/api/dashboards/items?period=${key}&metric=inspections_on_site&ytd=true&size=1`);
        expect([scope.name, onSite.body.total]).toEqual([scope.name, await count(`select count(*) as n from inspection where region_path like $1 and status = 'sent'
            and (origin = 'spot_check' or method = 'on_site') and inspected_on between $2::date and $3::date`, toDate)]);
        const pharmacies = await t.call(leaderOf(scope.path), 'GET', `/api/dashboards/items?period=${key}&metric=inspections&institutionKind=pharmacy&size=1`);
        expect([scope.name, pharmacies.body.total]).toEqual([scope.name, await count(`select count(*) as n ${sent} and kind = 'pharmacy'`, args)]);

        // campaigns whose self-inspection ends in the period: their tasks in scope
        const campaigns = await owner<{ id: string; tasks: string; submitted: string; missing: string }>(
          `select c.id, count(*) as tasks, count(*) filter (where s.status = 'submitted') as submitted, count(*) filter (where s.status = 'missing') as missing
             from self_inspection s join campaign c on c.id = s.campaign_id
            where s.region_path like $1 and c.self_inspection_end ${inPeriod} group by c.id order by c.id`, args);
        expect([scope.name, d.campaigns.map((c: any) => [c.id, c.tasks, c.submitted, c.missing]).sort()])
          .toEqual([scope.name, campaigns.map((c) => [c.id, Number(c.tasks), Number(c.submitted), Number(c.missing)]).sort()]);

        // the size of the list behind a number: the rollup's item count = the rows of the list
        for (const metric of ['findings', 'finding_amount', 'recovered_amount', 'inspections', 'overdue']) {
          const list = await t.call(leaderOf(scope.path), 'GET', `/api/dashboards/items?period=${key}&metric=${metric}&size=200`);
          expect([scope.name, metric, list.status]).toEqual([scope.name, metric, 200]);
          const facts = metric === 'overdue'
            ? await count(`select count(*) as n from dash_fact where region_path like $1 and jsonb_exists_any(metrics, '{plans_overdue,inspections_overdue,rectification_overdue,disputes_overdue,si_missing,ic_self_assessment_overdue,ic_rectification_overdue,mr_overdue}'::text[])
                and ((kind in ('plan', 'ic_audit') and month = date_trunc('year', $2::date)::date) or (kind not in ('plan', 'ic_audit') and month ${inPeriod}))`, args)
            : await count(`select count(*) as n from dash_fact where region_path like $1 and metrics ? $4 and month ${inPeriod}`, [...args, metric]);
          expect([scope.name, metric, list.body.total]).toEqual([scope.name, metric, facts]);
          if (metric === 'findings') expect(list.body.total).toBe(findings);
          expect(list.body.items.length).toBe(Math.min(200, facts));
          // newest month first
          const months = list.body.items.map((i: any) => i.month);
          expect(months).toEqual([...months].sort().reverse());
        }
      }
    }, 120_000);
  }

  it('coverage compares with the same period last year', async () => {
    const res = await t.call(leaderOf('/32/'), 'GET', `/api/dashboards?period=${YEAR + 1}`);
    const before = await t.call(leaderOf('/32/'), 'GET', `/api/dashboards?period=${YEAR}`);
    expect(before.body.coverage.inspected).toBeGreaterThan(0);
    expect(res.body.coverage.lastYear).toEqual({ inspected: before.body.coverage.inspected, ratio: before.body.coverage.ratio });
  });
});
