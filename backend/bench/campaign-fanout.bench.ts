import pg from 'pg';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignWorkflowId } from '@fundsup/workflows/contracts';
import { chinaDateOf } from '../src/platform/calendar/working-days.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { ownerQuery } from '../test/support/database.js';
import { eventually } from '../test/support/eventually.js';
import { createTestWorker, createTimeSkippingEnv } from '../test/support/temporal.js';
import { USERS } from '../test/support/tokens.js';
import { report } from './lib.js';

// Issue 4's fan-out benchmark: a campaign over the 13 cities of the benchmark province (30,000
// institutions) is assigned through the API; the outbox starts the campaign workflow, which starts
// one workflow per city, which create the tasks in pages of 500 through the worker's activities.
// Measured: the time until every self-inspection task exists, against the baseline of creating the
// same rows with one INSERT … SELECT in the same database in the same run; and the peak resident
// memory of this process, which hosts the API, the outbox relay and the worker (sampled every 20 ms),
// above its level before the assignment. Rerun: ./suite bench.

const YEAR = Number(chinaDateOf(new Date()).slice(0, 4)) + 1;
let env: TestWorkflowEnvironment;
let t: TestApp;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  t = await startTestApp({ temporalAddress: env.address, outboxRelayEnabled: true, outboxPollMs: 50, campaignCalendar: 'statutory' }, 'benchmark');
}, 600_000);
afterAll(async () => {
  await t?.close();
  await env?.teardown();
});

const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);

async function taskCount(id: string): Promise<number> {
  const [row] = await owner<{ n: string }>(`select count(*) as n from self_inspection where campaign_id = $1`, [id]);
  return Number(row.n);
}

const body = (title: string) => ({ year: YEAR, title, focusAreas: [{ code: 'pharmacy_card_misuse' }], institutionKinds: ['pharmacy', 'clinic', 'hospital'] });

it('fans a campaign out to 13 cities and 30,000 institutions', async () => {
  const [{ n }] = await owner<{ n: string }>(`select count(*) as n from organization where kind = 'institution'`);
  const institutions = Number(n);

  // Baseline: the same rows, one statement, no workflow.
  const base = await t.call(USERS.province, 'POST', '/api/campaigns', body('基线'));
  let started = performance.now();
  await owner(
    `insert into self_inspection (id, campaign_id, region_path, owner_org_id, city_code, kind, status, created_at, updated_at)
     select gen_random_uuid(), $1, o.region_path, o.id, substr(o.region_code, 1, 4), o.institution_type, 'pending', now(), now()
       from organization o where o.kind = 'institution'`, [base.body.id]);
  const baselineMs = performance.now() - started;
  expect(await taskCount(base.body.id)).toBe(institutions);

  const created = await t.call(USERS.province, 'POST', '/api/campaigns', body(`${YEAR}年打击欺诈骗保专项治理`));
  const id: string = created.body.id;
  const worker = await createTestWorker(env, t, { cached: true });
  let fanOutMs = 0;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  try {
    await worker.runUntil(async () => {
      started = performance.now();
      expect((await t.call(USERS.province, 'POST', `/api/campaigns/${id}/assign`)).status).toBe(201);
      await eventually('every task created', async () => (await taskCount(id)) === institutions, 600_000);
      fanOutMs = performance.now() - started;
      await env.client.workflow.getHandle(campaignWorkflowId(id)).describe();
    });
  } finally {
    clearInterval(sampler);
  }
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  report('campaign-fanout', {
    institutions,
    cities: 13,
    baselineInsertSelectMs: Math.round(baselineMs),
    fanOutUntilEveryTaskMs: Math.round(fanOutMs),
    ratioFanOutToBaseline: Math.round((fanOutMs / baselineMs) * 100) / 100,
    processRssBeforeMb: mb(rssBefore),
    processRssPeakMb: mb(rssPeak),
    processRssGrowthMb: mb(rssPeak - rssBefore),
  });
}, 900_000);
