import pg from 'pg';
import { FINDING_ORDER, FINDING_SELECT } from '../src/contexts/findings/application/queries.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { ownerQuery } from '../test/support/database.js';
import type { TestUser } from '../test/support/tokens.js';
import { load, report } from './lib.js';

// Issue 5's benchmark: the work queues with 100,000 open findings in the province (the benchmark
// seed: 30,003 institutions in 13 cities). 50 concurrent users: institution clerks opening their
// queue (what they still have to confirm or appeal) and agency staff opening theirs (appeals to
// review, findings to decide on), each through the API against the same two statements (count and
// first page) run directly in the same kind of tenant-scoped transaction on the app role. p95 ratios
// reported, measured in the same run. Rerun: ./suite bench.

const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const FINDINGS = 100_000;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({}, 'benchmark');
}, 600_000);
afterAll(() => t?.close());

const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);

/** 100,000 findings over the province's institutions: a mix of statuses as in a busy year. */
async function seedFindings(): Promise<void> {
  await owner(
    `with inst as (select (row_number() over (order by id) - 1)::int as k, id, region_path, region_code
                     from organization where kind = 'institution'),
          n as (select count(*)::int as c from inst)
     insert into finding (id, region_path, owner_org_id, source, source_id, source_index, handling_agency_id, type, description, amount,
                          status, confirmation_due, confirmed_at, deemed, appeal, created_at)
     select gen_random_uuid(), o.region_path, o.id, 'spot_check', md5(o.id || (g / 7))::uuid, g % 7, 'agency-' || o.region_code,
            '串换药品', '将非医保药品串换为医保药品结算', (g % 5000) + 0.5,
            case g % 10 when 0 then 'appealed' when 1 then 'confirmed' when 2 then 'confirmed' when 3 then 'deemed_confirmed' else 'awaiting_confirmation' end,
            current_date + (g % 5),
            case when g % 10 in (1, 2, 3) then now() end,
            g % 10 = 3,
            case when g % 10 = 0 then jsonb_build_object('reasons', '事实不清', 'attachmentIds', '[]'::jsonb, 'at', now(), 'review', null) end,
            now() - (g % 300) * interval '1 hour'
       from generate_series(1, $1) g cross join n
       join inst o on o.k = (g::bigint * 7919) % n.c`, [FINDINGS]);
}

it('work queues: API p95 vs the raw SQL, 50 concurrent users, 100,000 open findings', async () => {
  await seedFindings();
  const [{ n }] = await owner<{ n: string }>(`select count(*) as n from finding`);
  expect(Number(n)).toBe(FINDINGS);
  // The busiest institution and agency: the worst case for a queue.
  const [inst] = await owner<{ id: string; region_path: string }>(
    `select owner_org_id as id, min(region_path) as region_path from finding where status = 'awaiting_confirmation' group by 1 order by count(*) desc limit 1`);
  const [agency] = await owner<{ id: string; region_path: string }>(
    `select f.handling_agency_id as id, o.region_path from finding f join organization o on o.id = f.handling_agency_id
      group by 1, 2 order by count(*) desc limit 1`);
  const clerk: TestUser = { sub: 'bench-clerk', username: 'bench.clerk', roles: ['institution_clerk'], regionPath: inst!.region_path, orgId: inst!.id, orgKind: 'institution' };
  const staff: TestUser = { sub: 'bench-staff', username: 'bench.staff', roles: ['county_staff'], regionPath: agency!.region_path, orgId: agency!.id, orgKind: 'agency' };

  const toPg = (sql: string) => { let i = 0; return sql.replace(/\?/g, () => `$${++i}`); };
  const pool = new pg.Pool({ connectionString: t.db.appUrl, max: CONCURRENCY });
  const scenario = async (user: TestUser, queue: string[]) => {
    const token = await t.keys.token(user);
    const path = '/api/findings?queue=true&pageSize=50';
    const first = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await first.json()) as { total: number };
    expect(body.total).toBeGreaterThan(0);
    const http = async () => {
      const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`queue answered ${res.status}`);
      await res.arrayBuffer();
    };
    // The statements the queue handler runs for this user: the scope predicates (for the indexes)
    // and the queue's statuses (and, for an agency, what it handles itself).
    const institutionUser = user.orgKind === 'institution';
    const scope = institutionUser ? 'f.owner_org_id = ?' : 'f.region_path like ?';
    const own = institutionUser ? '' : ' and f.handling_agency_id = ?';
    const where = `where ${scope} and f.status = any(?::text[])${own}`;
    const countSql = toPg(`select count(*)::int as n from finding f ${where}`);
    const pageSql = toPg(`${FINDING_SELECT} ${where} order by ${FINDING_ORDER} limit ? offset ?`);
    const statuses = `{${queue.join(',')}}`;
    const args = institutionUser ? [user.orgId, statuses] : [`${user.regionPath}%`, statuses, user.orgId];
    const sql = async () => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        await c.query(`select set_config('app.region_path', $1, true), set_config('app.organization_id', $2, true),
                              set_config('app.actor_org', $3, true), set_config('app.actor_org_kind', $4, true)`,
          [user.regionPath, user.orgKind === 'institution' ? user.orgId : '', user.orgId, user.orgKind]);
        await c.query(countSql, args);
        await c.query(pageSql, [...args, 50, 0]);
        await c.query('commit');
      } finally {
        c.release();
      }
    };
    await load(CONCURRENCY, 100, http);
    await load(CONCURRENCY, 100, sql);
    const api = await load(CONCURRENCY, REQUESTS, http);
    const raw = await load(CONCURRENCY, REQUESTS, sql);
    return { total: body.total, api, rawSql: raw, p95Ratio: Math.round((api.p95 / raw.p95) * 100) / 100 };
  };

  const institution = await scenario(clerk, ['awaiting_confirmation']);
  const agencyQueue = await scenario(staff, ['appealed', 'confirmed', 'deemed_confirmed']);
  await pool.end();
  report('work-queues', {
    setup: `${FINDINGS} findings over 30,003 institutions; busiest institution ${inst!.id}, busiest agency ${agency!.id}`,
    institutionQueue: JSON.stringify(institution),
    agencyQueue: JSON.stringify(agencyQueue),
    institutionP95Ratio: institution.p95Ratio,
    agencyP95Ratio: agencyQueue.p95Ratio,
  });
}, 900_000);
