import pg from 'pg';
import { chinaDateOf } from '../src/platform/calendar/working-days.js';
import { BOARD_NODES_SQL, BOARD_OWN_PLANS_SQL } from '../src/contexts/annual-plans/application/queries.js';
import { withTestApp, type TestApp } from '../test/support/app.js';
import { planContent, planSchedule } from '../test/support/plans.js';
import { USERS, type TestUser } from '../test/support/tokens.js';
import { load, report } from './lib.js';

// Issue 3's benchmark: the filing board of a province with 13 cities and 104 counties (the
// benchmark seed: 30,000 institutions, 2,000 inspectors), 50 concurrent readers, p95 of the board
// endpoint against the raw SQL behind it, measured in the same run. Rerun: ./suite bench.

const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const today = chinaDateOf(new Date());
const YEAR = Number(today.slice(0, 4));
const MONTH = Number(today.slice(5, 7));

let t: TestApp;

withTestApp((app) => (t = app), {}, { scale: 'benchmark', startMs: 300_000 });

const unitUser = (orgId: string, regionPath: string, level: 'city' | 'county'): TestUser => ({
  sub: `bench-${orgId}`, username: `bench.${orgId}`, roles: [level === 'city' ? 'city_agency_staff' : 'county_staff'],
  regionPath, orgId, orgKind: 'agency',
});

const [content, schedule] = [planContent(), planSchedule()];

/** A realistic mix: a fifth not started, a fifth in draft, a fifth submitted, two fifths filed with progress. */
async function prepare(): Promise<number> {
  const opened = await t.call(USERS.province, 'POST', '/api/plan-cycles', { year: YEAR });
  expect(opened.status).toBeLessThan(300);
  // Every plan of the year, page by page (the list is paged: issue 16 §2).
  const plans: { id: string; unitId: string; regionCode: string; level: 'city' | 'county' }[] = [];
  for (let page = 1; ; page++) {
    const list = await t.call(USERS.province, 'GET', `/api/plans?year=${YEAR}&pageSize=500&page=${page}`);
    plans.push(...list.body.items);
    if (plans.length >= list.body.total || !list.body.items.length) break;
  }
  let i = 0;
  for (const p of plans) {
    const stage = i++ % 5;
    if (stage === 0) continue;
    const path = p.level === 'city' ? `/32/${p.regionCode}/` : `/32/${p.regionCode.slice(0, 4)}/${p.regionCode}/`;
    const drafter = unitUser(p.unitId, path, p.level);
    let detail = (await t.call(drafter, 'GET', `/api/plans/${p.id}`)).body;
    detail = (await t.call(drafter, 'PUT', `/api/plans/${p.id}/draft`, { content, schedule, version: detail.version })).body;
    if (stage === 1) continue;
    const submitted = await t.call(drafter, 'POST', `/api/plans/${p.id}/submit`, { version: detail.version });
    expect(submitted.status).toBe(200);
    if (stage === 2) continue;
    const reviewer: TestUser = p.level === 'city'
      ? USERS.province
      : { sub: `bench-r-${p.regionCode.slice(0, 4)}`, username: `bench.r${p.regionCode.slice(0, 4)}`, roles: ['city_agency_staff'],
          regionPath: `/32/${p.regionCode.slice(0, 4)}/`, orgId: `agency-${p.regionCode.slice(0, 4)}`, orgKind: 'agency' };
    expect((await t.call(reviewer, 'POST', `/api/plans/${p.id}/file`, {})).status).toBe(200);
    for (let m = 1; m <= MONTH; m++) {
      await t.call(drafter, 'PUT', `/api/plans/${p.id}/progress/${m}`, { entries: [{ taskId: 'T1', doneQuantity: 8 + (m % 4) }] });
    }
  }
  return plans.length;
}

it('filing board: API p95 vs the raw SQL behind it, 50 concurrent readers', async () => {
  const units = await prepare();
  const path = '/api/plans/board?year=' + YEAR;
  const token = await t.keys.token(USERS.province);
  const check = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const board = (await check.json()) as { totals: { units: number }; rows: unknown[] };
  expect(board.totals.units).toBe(units);
  expect(board.rows).toHaveLength(13);

  const http = async () => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`board answered ${res.status}`);
    await res.arrayBuffer();
  };
  // The same two statements, in the same kind of tenant-scoped transaction, on the app role.
  const pool = new pg.Pool({ connectionString: t.db.appUrl, max: CONCURRENCY });
  const toPg = (sql: string) => { let n = 0; return sql.replace(/\?/g, () => `$${++n}`); };
  const nodesSql = toPg(BOARD_NODES_SQL);
  const ownSql = toPg(BOARD_OWN_PLANS_SQL);
  const sql = async () => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('app.region_path', '/32/', true), set_config('app.organization_id', '', true)`);
      const nodes = await c.query(nodesSql, [MONTH, MONTH, YEAR, '/32/%', '32', '32', '32']);
      await c.query(ownSql, [MONTH, MONTH, YEAR, `{${nodes.rows.map((r) => r.path).join(',')}}`]);
      await c.query('commit');
    } finally {
      c.release();
    }
  };

  await load(CONCURRENCY, 100, http); // warm-up: JIT, pools, caches
  await load(CONCURRENCY, 100, sql);
  const api = await load(CONCURRENCY, REQUESTS, http);
  const raw = await load(CONCURRENCY, REQUESTS, sql);
  await pool.end();
  report('filing-board', {
    setup: `${units} unit plans (13 cities, 104 counties), 30,003 institutions seeded; year ${YEAR}, month ${MONTH}`,
    api,
    rawSql: raw,
    p95Ratio: Math.round((api.p95 / raw.p95) * 100) / 100,
  });
}, 600_000);
