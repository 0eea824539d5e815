import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../src/database.js';
import { chinaDateOf } from '../src/platform/calendar/working-days.js';
import { Queries } from '../src/platform/cqrs/commands.js';
import { seedActivity } from '../src/seed/activity.js';
import { JurisdictionCoverageQuery } from '../src/contexts/spot-checks/application/agency-inspection.queries.js';
import { withTestApp, type TestApp } from '../test/support/app.js';
import type { TestUser } from '../test/support/tokens.js';
import { report } from './lib.js';
import { apiVsSql } from './api-vs-sql.js';

// Issue 13's benchmark: the coverage board of the province (GET /api/coverage/jurisdictions: every
// jurisdiction's rules and the province's sample per city) at benchmark scale — 30,003 institutions
// with their service agreements and a year of the agencies' own inspections (≥ 150,000, from the
// activity generator at benchmark scale, with the province's spot-checks) — under 50 concurrent
// province readers through the real HTTP API, against the handler's own statements run directly in
// the same run. Only sanity is asserted, never timings. Rerun: ./suite bench (or the jest project
// `bench` with --testPathPatterns coverage); BENCH_REQUESTS sets the requests per side (default 1000).

const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const YEAR = Number(chinaDateOf(new Date()).slice(0, 4));

let t: TestApp;

const { owner } = withTestApp((app) => (t = app), {}, { scale: 'benchmark', startMs: 900_000, closeMs: 120_000 });

it('coverage board: API p95 vs its SQL under 50 concurrent province readers, a province-year of local inspections', async () => {
  const orm = await MikroORM.init(ormOptions(t.db.ownerUrl));
  const generated = await seedActivity(orm.em.fork(), { year: YEAR, scale: 'benchmark', seed: 20261207 }).finally(() => orm.close());
  const [counts] = await owner<{ institutions: string; agreements: string; local: string; sent: string; spot: string }>(
    `select (select count(*) from organization where kind = 'institution') as institutions, (select count(*) from service_agreement) as agreements,
            (select count(*) from inspection where origin = 'agency') as local, (select count(*) from inspection where origin = 'agency' and status = 'sent') as sent,
            (select count(*) from inspection where origin = 'spot_check') as spot`);
  expect(Number(counts!.local)).toBeGreaterThanOrEqual(150_000);
  await owner('analyze');

  const readers: TestUser[] = [
    { sub: 'bench-js-official', username: 'js.official', roles: ['province_official'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' },
    { sub: 'bench-js-leader', username: 'js.leader', roles: ['leader'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' },
  ];
  const month = chinaDateOf(new Date()).slice(0, 7);
  const queries = t.app.get(Queries);
  const board = await apiVsSql(t, {
    name: 'coverage-board', path: `/api/coverage/jurisdictions?month=${month}`, readers, concurrency: CONCURRENCY, requests: REQUESTS,
    run: (a) => queries.execute(new JurisdictionCoverageQuery(a, month)),
    numberOf: (body: { jurisdictions: { onSiteThisYear: number }[] }) => body.jurisdictions.reduce((s, j) => s + j.onSiteThisYear, 0),
  });
  report('coverage', {
    setup: `${counts!.institutions} institutions, ${counts!.agreements} agreements; ${YEAR}: ${counts!.local} agency inspections (${counts!.sent} sent), `
      + `${counts!.spot} spot-check inspections, ${generated.findings} findings (generated in ${generated.seconds}s); readers: province official and leader`,
    coverageBoard: JSON.stringify(board),
    coverageBoardP95Ratio: board.p95Ratio,
  });
}, 3_600_000);
