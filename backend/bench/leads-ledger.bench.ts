import pg from 'pg';
import { Queries } from '../src/platform/cqrs/commands.js';
import { ListLeadsQuery, type LeadFilter } from '../src/contexts/leads/application/queries.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { ownerQuery } from '../test/support/database.js';
import { USERS } from '../test/support/tokens.js';
import { report } from './lib.js';
import { listScenarios } from './api-vs-sql.js';

// Issue 17's benchmark ("Shown in the closing note", last line): the ledger list (线索台账) with 200,000
// leads in a province, 50 concurrent readers, p95 ≤ 1.5× its SQL. Rerun: ./suite bench (or, on any
// PostgreSQL: cd backend && DATABASE_URL=… node --experimental-vm-modules ../node_modules/jest/bin/jest.js
// --selectProjects bench --testPathPatterns leads-ledger). Results: .data/bench/leads-ledger.json.
//
// The data: the benchmark seed (Jiangsu's bureaus and agencies at every level, 30,003 institutions)
// and 200,000 leads generated in one statement: held by every bureau and agency of the province
// (the lead's tenancy is its holder's region), two in three naming an institution of the province,
// the ten sources, a year of registrations, and the statuses of a busy year (registered, assessed,
// assigned, investigating with due dates — some overdue —, closed with a result, accepted, dismissed).
//
// The list: 50 concurrent province officials (js.official), each request searched by an institution
// name fragment, filtered and sorted as the ledger page asks, through the real HTTP API with a real
// token, against ListLeadsHandler's own captured statements in a tenant-scoped transaction on the app
// role — the findings-list benchmark's harness (api-vs-sql.ts: alternating rounds, the median round's
// ratio, SQL on 50 connections and on the app's own pool). Asserted, per scenario: API p95 ≤ 1.5 × the
// SQL's on the same connection budget; the ratio to 50 connections is reported.

const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 150);
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 3);
const LEADS = Number(process.env.BENCH_LEADS ?? 200_000);
const RATIO_MAX = 1.5;

let t: TestApp;

// Setup: the benchmark template (built once per migration set) and the 200,000 rows; on the shared 2-core
// machine the first run needed more than 15 minutes for both (docs/benchmarks.md).
beforeAll(async () => {
  const started = performance.now();
  t = await startTestApp({}, 'benchmark');
  console.log(`benchmark database ready in ${Math.round(performance.now() - started)} ms`);
  await seedLeads();
}, 2_400_000);
afterAll(() => t?.close(), 120_000);

const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);

/** 200,000 leads held across the province's bureaus and agencies, in one statement. */
async function seedLeads(): Promise<void> {
  const started = performance.now();
  // The cloned template has no statistics: without them the planner expects one organization and joins
  // the 30,000 institutions by a nested loop for each of the 200,000 rows (the first run stopped at the
  // hook's 15 minutes inside this statement; EXPLAIN in docs/benchmarks.md).
  await owner('analyze organization');
  await owner(
    `with unit as (select (row_number() over (order by id) - 1)::int as k, id, region_path, region_code
                     from organization where kind in ('bureau', 'agency') and region_path like '/32/%'),
          inst as (select (row_number() over (order by id) - 1)::int as k, id from organization where kind = 'institution' and region_path like '/32/%'),
          n as (select (select count(*) from unit)::int as units, (select count(*) from inst)::int as insts)
     insert into lead (id, region_path, owner_org_id, registered_org_id, registered_region_path, source, region_code, institution_org_id, subject, facts,
                       amount_involved, status, valuable, due_date, overdue, result, confirmed_amount, closed_at, accepted_at, registered_at, registered_by,
                       registered_by_user_id)
     select gen_random_uuid(), u.region_path, u.id, u.id, u.region_path,
            (array['tip', 'national_assignment', 'provincial_assignment', 'flight_inspection', 'smart_monitoring', 'self_inspection',
                   'other_department', 'media', 'offsite_verification', 'other'])[1 + g % 10],
            u.region_code, case when g % 3 <> 0 then i.id end,
            (array['串换药品', '虚假住院', '重复收费', '超量开药', '挂床住院', '诱导住院'])[1 + g % 6] || '线索 ' || g,
            '线索反映：' || (array['将非医保药品串换为医保药品结算', '虚构住院记录套取基金', '同一项目重复收取费用'])[1 + g % 3],
            case when g % 4 <> 0 then round(((g::bigint * 7919) % 500000)::numeric / 10 + 100, 2) end,
            s.status, case when s.status not in ('registered') then s.status <> 'dismissed' end,
            case when s.status in ('assigned', 'investigating', 'closed', 'accepted') then (c.at at time zone 'Asia/Shanghai')::date + 30 + g % 60 end,
            s.status in ('assigned', 'investigating') and g % 9 = 0,
            case when s.status in ('closed', 'accepted') then (array['violation_confirmed', 'not_confirmed', 'transferred'])[1 + g % 3] end,
            case when s.status in ('closed', 'accepted') and g % 3 = 0 then round(((g::bigint * 104729) % 300000)::numeric / 10 + 50, 2) end,
            case when s.status in ('closed', 'accepted') then c.at + interval '20 days' end,
            case when s.status = 'accepted' then c.at + interval '25 days' end,
            c.at, 'bench', 'u-bench'
       from generate_series(0, $1 - 1) g
       cross join n
       join unit u on u.k = (g::bigint * 7919) % n.units
       join inst i on i.k = (g::bigint * 104729) % n.insts
       cross join lateral (select case when g % 20 < 2 then 'registered' when g % 20 < 4 then 'assessed' when g % 20 < 7 then 'assigned'
                                       when g % 20 < 12 then 'investigating' when g % 20 < 16 then 'closed' when g % 20 < 19 then 'accepted'
                                       else 'dismissed' end as status) s
       cross join lateral (select now() - ((g::bigint * 104729) % (365 * 24 * 60)) * interval '1 minute' as at) c`, [LEADS]);
  await owner('analyze lead');
  console.log(`seeded ${LEADS} leads in ${Math.round(performance.now() - started)} ms`);
}

it(`leads ledger: API p95 vs its SQL under ${CONCURRENCY} concurrent province officials, ${LEADS} leads, searched + filtered + sorted`, async () => {
  const [{ n }] = await owner<{ n: string }>(`select count(*) as n from lead where region_path like '/32/%'`);
  expect(Number(n)).toBe(LEADS);
  const queries = t.app.get(Queries);
  // The ledger as the province reads it: the whole province's newest first (the page's default), a
  // hospital name fragment in a city by due date among the open ones, national assignments by status.
  const scenarios: { name: string; filter: LeadFilter }[] = [
    { name: 'provinceNewest', filter: { page: 1, pageSize: 20 } },
    { name: 'nameInCityOpenByDue', filter: { q: '人民医院', regionCode: '3205', status: 'assigned,investigating', sort: 'dueDate', page: 1, pageSize: 20 } },
    { name: 'nationalByStatus', filter: { source: 'national_assignment', sort: '-status', page: 1, pageSize: 20 } },
  ];
  const { fields, over, appConnections } = await listScenarios(t, {
    listPath: '/api/leads', scenarios, readers: [USERS.province], concurrency: CONCURRENCY, requests: REQUESTS, rounds: ROUNDS, ratioMax: RATIO_MAX,
    run: (actor, filter) => queries.execute(new ListLeadsQuery(actor, filter)),
  });
  report('leads-ledger', {
    setup: `${LEADS} leads held by Jiangsu's bureaus and agencies (the benchmark seed); ${CONCURRENCY} concurrent province officials; ${ROUNDS} rounds of ${REQUESTS} requests a side, alternating (the median round's ratio); `
      + 'API = HTTP through the real app (RS256 token, RLS); SQL = ListLeadsHandler\'s captured statements on the app role in a tenant-scoped transaction, '
      + `by 50 clients on 50 connections, and on the app's own ${appConnections}`,
    ...fields,
  });
  expect(over).toEqual([]);
}, 1_800_000);
