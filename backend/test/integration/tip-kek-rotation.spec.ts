import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { rotateTipKeys } from '../../src/contexts/tips/index.js';
import { kekId } from '../../src/contexts/tips/infrastructure/tip-crypto.js';
import { ormOptions } from '../../src/database.js';
import { createHttpApp } from '../../src/http-app.js';
import { JsonLogger } from '../../src/platform/logging/logger.js';
import type { TipsConfig } from '../../src/platform/config/config.js';
import { startTestApp, testConfig, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { solvePow } from '../support/proof-of-work.js';
import { type TestUser, USERS } from '../support/tokens.js';
import { sealVersion1 } from '../support/tip-envelope-v1.js';

// Issue 17, rotation of the tips' key-encryption key over real rows: tips filed under the old key (one
// of them still in the envelope layout from before key ids), `tips-rotate-kek` with TIPS_KEK = new and
// TIPS_KEK_PREVIOUS = old, then an application with the new key ALONE: the receipts are still found
// (the pepper outlives the rotation), the reporter still opens, new tips work; a second run changes
// nothing; without the rotation the new key alone would open nothing.

let t: TestApp;
const OLD = randomBytes(32);
const NEW = randomBytes(32);
const tips = (kek: Buffer, previousKeks: Buffer[] = []): TipsConfig =>
  ({ kek, previousKeks, powBits: 6, receiptPerMinute: 100, submissionsPerHour: 1000, acceptWorkingDays: null, rewardRulesJson: null });
const XW_BUREAU: TestUser = { sub: 'u-xwb', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const HOSPITAL = USERS.hospital as TestUser;
const REPORTER = { name: '赵举报', phone: '13700001111', idNumber: null };
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);

/** An application on the test database with `config` tips, and its public and staff calls. */
async function appWith(tipsConfig: TipsConfig): Promise<{ app: INestApplication; post: (path: string, body: unknown, user?: TestUser) => Promise<{ status: number; body: any }> }> {
  const app = await createHttpApp(testConfig(t.db, { tips: tipsConfig }), { tokenKeys: t.keys.getKey, logger: new JsonLogger('warn') });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const post = async (path: string, body: unknown, user?: TestUser) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(user ? { authorization: `Bearer ${await t.keys.token(user)}` } : {}) },
    });
    return { status: res.status, body: await res.json() as any };
  };
  return { app, post };
}

async function fileTip(post: Awaited<ReturnType<typeof appWith>>['post'], base: string, facts: string): Promise<{ receipt: string; id: string }> {
  const c = await (await fetch(`${base}/api/public/tips/challenge`)).json() as { challenge: string; bits: number };
  const filed = await post('/api/public/tips', { challenge: c.challenge, nonce: solvePow(c.challenge, c.bits), anonymous: false, reporter: REPORTER, institutionOrgId: HOSPITAL.orgId, facts });
  expect(filed.status).toBe(201);
  const [{ id }] = await owner<{ id: string }>(`select id::text as id from tip where facts = $1`, [facts]);
  return { receipt: filed.body.receipt, id: id! };
}

beforeAll(async () => {
  t = await startTestApp({ tips: tips(OLD) });
});
afterAll(() => t?.close());

it('rotates every envelope and keeps every receipt: the new key alone then finds, opens and files tips', async () => {
  // Before: two tips under the old key, the second one's reporter in the layout from before key ids.
  const before = { post: async (path: string, body: unknown) => {
    const res = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() as any };
  } };
  const first = await fileTip(before.post, t.baseUrl, '轮换前举报一：该院虚构住院。');
  const second = await fileTip(before.post, t.baseUrl, '轮换前举报二：该院串换药品。');
  await owner(`update tip set reporter_envelope = $1 where id = $2`, [sealVersion1(OLD, second.id, REPORTER), second.id]);
  const envelopes = async () => owner<{ id: string; reporter_envelope: Buffer }>(`select id::text as id, reporter_envelope from tip where id = any($1::uuid[]) order by id`, [[first.id, second.id]]);
  const old = await envelopes();
  expect(old.map((r) => r.reporter_envelope[0]).sort()).toEqual([1, 2]);

  // The new key alone, without a rotation: the receipts are not found, the reporter does not open.
  const unrotated = await appWith(tips(NEW));
  try {
    expect((await unrotated.post('/api/public/tips/receipt', { receipt: first.receipt })).status).toBe(404);
    const refused = await unrotated.post(`/api/tips/${first.id}/reporter`, { reason: '核实举报人身份' }, XW_BUREAU);
    expect([refused.status, refused.body.error.code]).toEqual([503, 'tips_key_missing']);
    expect(JSON.stringify(refused.body)).not.toContain(REPORTER.name);
  } finally {
    await unrotated.app.close();
  }

  // The rotation (TIPS_KEK = new, TIPS_KEK_PREVIOUS = old), in batches of one; then again: nothing to do.
  const orm = await MikroORM.init(ormOptions(t.db.ownerUrl));
  try {
    const run = await rotateTipKeys(orm.em.fork(), [NEW, OLD], { batchSize: 1 });
    expect(run).toMatchObject({ pepper: 'written', envelopesRewrapped: 2, envelopesCurrent: 0 });
    expect(run.tips).toBeGreaterThanOrEqual(2);
    expect(run.batches).toBe(run.tips);
    const again = await rotateTipKeys(orm.em.fork(), [NEW, OLD]);
    expect(again).toMatchObject({ pepper: 'current', envelopesRewrapped: 0, envelopesCurrent: 2 });
  } finally {
    await orm.close();
  }
  const rotated = await envelopes();
  for (const r of rotated) expect([r.reporter_envelope[0], r.reporter_envelope.subarray(1, 9).equals(kekId(NEW))]).toEqual([2, true]);
  const [secret] = await owner<{ envelope: Buffer }>(`select envelope from tip_secret where name = 'receipt pepper'`);
  expect(secret!.envelope.subarray(1, 9).equals(kekId(NEW))).toBe(true);

  // The application with the new key alone: both receipts found, both reporters open, a new tip works.
  const after = await appWith(tips(NEW));
  try {
    for (const tip of [first, second]) {
      const page = await after.post('/api/public/tips/receipt', { receipt: tip.receipt });
      expect(page.status).toBe(200);
      const read = await after.post(`/api/tips/${tip.id}/reporter`, { reason: '轮换后核实举报人身份' }, XW_BUREAU);
      expect(read.status).toBeLessThan(300);
      expect(read.body.reporter.name).toBe(REPORTER.name);
    }
    const base = `http://127.0.0.1:${(after.app.getHttpServer().address() as { port: number }).port}`;
    const third = await fileTip(after.post, base, '轮换后举报三：该院挂床住院。');
    expect((await after.post('/api/public/tips/receipt', { receipt: third.receipt })).status).toBe(200);
  } finally {
    await after.app.close();
  }
  // And the old key alone no longer opens what was rotated.
  const stale = await appWith(tips(OLD));
  try {
    const refused = await stale.post(`/api/tips/${first.id}/reporter`, { reason: '核实举报人身份' }, XW_BUREAU);
    expect([refused.status, refused.body.error.code]).toEqual([503, 'tips_key_missing']);
    // nor the receipt pepper's row (sealed under the new key now): a clean 503, not a wrong answer
    expect((await stale.post('/api/public/tips/receipt', { receipt: first.receipt })).status).toBe(503);
  } finally {
    await stale.app.close();
  }
}, 120_000);
