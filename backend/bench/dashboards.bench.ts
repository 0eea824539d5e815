import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../src/database.js';
import { chinaDateOf } from '../src/platform/calendar/working-days.js';
import type { Actor } from '../src/kernel/actor.js';
import { Queries } from '../src/platform/cqrs/commands.js';
import { seedActivity, type ActivitySummary } from '../src/seed/activity.js';
import { rebuildDashboards } from '../src/cli.js';
import { DashboardProjector } from '../src/contexts/dashboards/infrastructure/dashboard-projector.js';
import { GetDashboardQuery, ListDashboardItemsQuery } from '../src/contexts/dashboards/application/queries.js';
import { withTestApp, type TestApp } from '../test/support/app.js';
import type { TestUser } from '../test/support/tokens.js';
import { report } from './lib.js';
import { apiVsSql } from './api-vs-sql.js';

// Issue 7's benchmark: the leaders' dashboards over a province's year. The benchmark seed (30,003
// institutions in 13 cities) gets a generated year of activity (seed-activity at benchmark scale:
// ≥ 1,000,000 findings and outbox events) and, for the same-period comparison, the previous year at
// demo ratios. Measured: (a) the full rebuild of the read model, (b) the incremental projector
// catching up on 50,000 events, (c) GET /api/dashboards under 50 concurrent leaders (province, city
// and county level, mixed) through the real HTTP API with real tokens against the handler's own
// statements run directly in the same kind of tenant-scoped transaction on the app role — p95 ratio
// from the same run — and (d) the same for the items list behind a number. Only sanity is asserted,
// never timings. Rerun: ./suite bench (or the jest project `bench` with --testPathPatterns dashboards).

const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CATCH_UP = Number(process.env.BENCH_CATCH_UP ?? 50_000);
const YEAR = Number(chinaDateOf(new Date()).slice(0, 4));

let t: TestApp;

const { owner } = withTestApp((app) => (t = app), {}, { scale: 'benchmark', startMs: 900_000, closeMs: 120_000 });

async function generate(year: number, scale: 'demo' | 'benchmark'): Promise<ActivitySummary> {
  const orm = await MikroORM.init(ormOptions(t.db.ownerUrl));
  try {
    return await seedActivity(orm.em.fork(), { year, scale, seed: 20261122 });
  } finally {
    await orm.close();
  }
}

it('dashboards: rebuild, catch-up and API p95 vs the raw SQL under 50 concurrent leaders, a province-year of activity', async () => {
  // ---- the data: the previous year (demo ratios) and this year at benchmark scale
  const previous = await generate(YEAR - 1, 'demo');
  const current = await generate(YEAR, 'benchmark');
  expect(current.skipped).toBe(false);
  expect(current.findings + current.events).toBeGreaterThanOrEqual(1_000_000);
  const [{ events: outboxRows }] = await owner<{ events: string }>(`select count(*) as events from outbox_message`);

  // ---- (a) full rebuild: the operator's rebuild-dashboards (owner connection, one transaction)
  const projector = t.app.get(DashboardProjector);
  const rebuildStarted = performance.now();
  const orm = await MikroORM.init(ormOptions(t.db.ownerUrl));
  const counts = await rebuildDashboards(orm).finally(() => orm.close());
  const rebuilt = { ...counts, ms: Math.round(performance.now() - rebuildStarted) };
  const facts = Object.values(rebuilt.facts).reduce((s, x) => s + Number(x), 0);
  expect(facts).toBeGreaterThan(current.findings);
  expect(rebuilt.rollupRows).toBeGreaterThan(0);
  const rollupDigest = () => owner<{ d: string }>(`select md5(string_agg(region_code || period || metric || value || '/' || items, ',' order by region_code, period, metric)) as d from dash_rollup`);
  const [rollupBefore] = await rollupDigest();
  console.log(`rebuild: ${JSON.stringify(rebuilt)}`);

  // ---- (a') the same rebuild by the API process (application role, row-level security on)
  const appRebuild = await projector.rebuild();
  const appRebuildSame = (await rollupDigest())[0]!.d === rollupBefore!.d;
  console.log(`rebuild (app role): ${appRebuild.ms} ms, same read model: ${appRebuildSame}`);

  // ---- (b) incremental catch-up: the last N events unprojected again, drained by the projector
  await owner(`update outbox_message set projected_at = null where seq > (select max(seq) from outbox_message) - $1`, [CATCH_UP]);
  const started = performance.now();
  const drained = await projector.drain();
  const catchUpMs = performance.now() - started;
  expect(drained.events).toBe(CATCH_UP);
  expect(drained.unknownEvents).toBe(0);
  // replayed events should converge to the same numbers (reported, not asserted: a benchmark)
  const readModelUnchanged = (await rollupDigest())[0]!.d === rollupBefore!.d;
  console.log(`catch-up: ${JSON.stringify(drained)} in ${Math.round(catchUpMs)} ms, read model unchanged: ${readModelUnchanged}`);

  // ---- (c) + (d) the API under load vs the handler's statements
  const [county] = await owner<{ code: string; path: string }>(
    `select r.code, r.path from finding f join organization o on o.id = f.owner_org_id join region r on r.code = o.region_code
      group by 1, 2 order by count(*) desc limit 1`);
  const leaders: TestUser[] = [
    { sub: 'bench-js-leader', username: 'js.leader', roles: ['leader'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' },
    { sub: 'bench-nj-leader', username: 'nj.leader', roles: ['leader'], regionPath: '/32/3201/', orgId: 'bureau-3201', orgKind: 'bureau' },
    { sub: 'bench-county-leader', username: 'county.leader', roles: ['leader'], regionPath: county!.path, orgId: `bureau-${county!.code}`, orgKind: 'bureau' },
  ];
  const queries = t.app.get(Queries);
  const scenario = (name: string, path: string, run: (actor: Actor) => Promise<unknown>) => apiVsSql(t, {
    name, path, readers: leaders, concurrency: CONCURRENCY, requests: REQUESTS, run,
    numberOf: (body: { totals?: { findings: number }; total?: number }) => body.totals?.findings ?? body.total ?? 0,
  });

  const dashboard = await scenario('dashboard', `/api/dashboards?period=${YEAR}`, (a) => queries.execute(new GetDashboardQuery(a, undefined, String(YEAR))));
  const items = await scenario('items', `/api/dashboards/items?period=${YEAR}&metric=findings&page=1&size=20`,
    (a) => queries.execute(new ListDashboardItemsQuery(a, { period: String(YEAR), metric: 'findings', page: '1', size: '20' })));

  report('dashboards', {
    setup: `30,003 institutions; ${YEAR}: ${current.findings} findings, ${current.events} events, ${current.inspections} inspections, ${current.decisions} decisions, `
      + `${current.disputes} disputes (generated in ${current.seconds}s); ${YEAR - 1}: ${previous.findings} findings, ${previous.events} events (${previous.seconds}s); `
      + `outbox ${outboxRows} rows; leaders: province, city 3201, county ${county!.code}`,
    generatedFindingsPlusEvents: current.findings + current.events,
    rebuildMs: rebuilt.ms,
    rebuildFacts: facts,
    rebuildRollupRows: rebuilt.rollupRows,
    appRoleRebuildMs: appRebuild.ms,
    appRoleRebuildSameReadModel: String(appRebuildSame),
    catchUpEvents: drained.events,
    catchUpItems: drained.items,
    catchUpMs: Math.round(catchUpMs),
    catchUpEventsPerSecond: Math.round(drained.events / (catchUpMs / 1000)),
    readModelUnchangedAfterReplay: String(readModelUnchanged),
    dashboard: JSON.stringify(dashboard),
    items: JSON.stringify(items),
    dashboardP95Ratio: dashboard.p95Ratio,
    itemsP95Ratio: items.p95Ratio,
  });
}, 3_600_000);
