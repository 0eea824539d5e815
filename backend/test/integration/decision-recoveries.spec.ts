import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { withTestApp, uploadPdf, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { insertDrawnSpotCheck, inspectAndSend } from '../support/inspections.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 16, "recovered amounts say what they are": the handling agency records what it actually
// recovered under a decision (扣减 or 退回, a date, evidence) — positive, not more than what remains
// of the confirmed amount, not in the future; audited, in the decision's history and the outbox
// (DecisionRecoveryRecorded, which the dashboards project: dashboards.spec); tenancy throughout.

let t: TestApp;
const today = chinaDateOf(new Date());
const province = USERS.province as TestUser;
const XW = USERS.xuanwu as TestUser;
const XW_BUREAU: TestUser = { sub: 'u-xwb', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const HOSPITAL = USERS.hospital as TestUser;
const CHECKLIST_ITEM = '医保基金使用内部管理制度';
const { owner } = withTestApp((app) => (t = app));

/** A drawn spot-check's inspection of the hospital with these findings, sent: the finding ids in order. */
async function findingsOfSentInspection(amounts: number[]): Promise<string[]> {
  const title = '追回测试抽查';
  const spotCheckId = await insertDrawnSpotCheck(t, title, CHECKLIST_ITEM, 1);
  const { id } = await inspectAndSend(t, province, { id: spotCheckId, title, checklistItem: CHECKLIST_ITEM }, HOSPITAL.orgId,
    amounts.map((amount, i) => ({ type: '重复收费', description: `追回测试 ${i}`, amount })));
  const ids = (await owner<{ id: string }>(`select id from finding where source_id = $1 order by source_index`, [id])).map((r) => r.id);
  for (const f of ids) expect((await t.call(HOSPITAL, 'POST', `/api/findings/${f}/confirm`)).status).toBe(200);
  return ids;
}

let decisionId = '';
let pendingId = '';

beforeAll(async () => {
  const f = await findingsOfSentInspection([1200, 300.5, 5000]);
  const minor = await t.call(XW, 'POST', '/api/decisions', { findingIds: [f[0], f[1]], measures: [{ kind: 'talk' }], basis: '服务协议第三十条' });
  expect([minor.status, minor.body.status]).toEqual([201, 'effective']);
  decisionId = minor.body.id;
  const major = await t.call(XW, 'POST', '/api/decisions', { findingIds: [f[2]], measures: [{ kind: 'terminate_agreement' }], basis: '服务协议第四十条' });
  expect([major.status, major.body.status]).toEqual([201, 'pending_legal_review']);
  pendingId = major.body.id;
});

const record = (user: TestUser, id: string, body: Record<string, unknown>) => t.call(user, 'POST', `/api/decisions/${id}/recoveries`, body);

describe('recording an amount actually recovered', () => {
  it('records a deduction with its evidence: confirmed, recovered and remaining amounts; history, audit and event', async () => {
    const evidence = await uploadPdf(t, XW, '扣减凭证.pdf');
    const res = await record(XW, decisionId, { amount: 1000, recoveredOn: today, method: 'deduction', attachmentIds: [evidence] });
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({ decisionId, confirmedAmount: 1500.5, recoveredAmount: 1000, remainingAmount: 500.5 });
    expect(res.body.items).toEqual([expect.objectContaining({ amount: 1000, recoveredOn: today, method: 'deduction', attachmentIds: [evidence], recordedBy: expect.any(String) })]);
    // the institution reads its own decision's recoveries
    const own = await t.call(HOSPITAL, 'GET', `/api/decisions/${decisionId}/recoveries`);
    expect([own.status, own.body.recoveredAmount]).toEqual([200, 1000]);
    const detail = await t.call(XW, 'GET', `/api/decisions/${decisionId}`);
    expect(detail.body.history.at(-1)).toMatchObject({ action: 'recovery_recorded', comment: `扣减 1000.00 元（${today}）` });
    const events = await owner<{ payload: { amount: number; method: string } }>(
      `select payload from outbox_message where event_type = 'DecisionRecoveryRecorded' and aggregate_id = $1`, [decisionId]);
    expect(events.map((e) => [e.payload.amount, e.payload.method])).toEqual([[1000, 'deduction']]);
    const audit = await owner<{ result: string }>(`select result from audit_entry where command = 'RecordRecoveryCommand' and target = $1 order by seq`, [decisionId]);
    expect(audit.map((a) => a.result)).toEqual(['ok']);
  });

  it('refuses more than what remains of the confirmed amount, then records the rest as a repayment', async () => {
    const over = await record(XW, decisionId, { amount: 500.51, recoveredOn: today, method: 'repayment' });
    expect([over.status, over.body.error.code]).toEqual([409, 'recovery_exceeds_confirmed']);
    expect(over.body.error.message.zh).toContain('500.50');
    expect(over.body.error.message.en).toContain('500.50');
    const rest = await record(XW, decisionId, { amount: 500.5, recoveredOn: today, method: 'repayment' });
    expect([rest.status, rest.body.recoveredAmount, rest.body.remainingAmount]).toEqual([201, 1500.5, 0]);
    const more = await record(XW, decisionId, { amount: 0.01, recoveredOn: today, method: 'repayment' });
    expect([more.status, more.body.error.code]).toEqual([409, 'recovery_exceeds_confirmed']);
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from decision_recovery where decision_id = $1`, [decisionId]);
    expect(n).toBe(2);
    const audit = await owner<{ error_code: string }>(
      `select error_code from audit_entry where command = 'RecordRecoveryCommand' and target = $1 and result = 'error' order by seq`, [decisionId]);
    expect(audit.map((a) => a.error_code)).toEqual(['recovery_exceeds_confirmed', 'recovery_exceeds_confirmed']);
  });

  it('validates the amount, the date and the method, bilingually', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ amount: 0, recoveredOn: today, method: 'deduction' }, 400, 'recovery_amount_invalid'],
      [{ amount: -5, recoveredOn: today, method: 'deduction' }, 400, 'recovery_amount_invalid'],
      [{ amount: 1.234, recoveredOn: today, method: 'deduction' }, 400, 'recovery_amount_invalid'],
      [{ amount: 1, recoveredOn: addCalendarDays(today, 1), method: 'deduction' }, 400, 'recovery_date_invalid'],
      [{ amount: 1, recoveredOn: '2026-02-30', method: 'deduction' }, 400, 'recovery_date_invalid'],
      [{ amount: 1, recoveredOn: addCalendarDays(today, -400), method: 'deduction' }, 400, 'recovery_date_invalid'],
      [{ amount: 1, recoveredOn: today, method: 'cash' }, 400, 'recovery_method_invalid'],
      [{ amount: 1, recoveredOn: today, method: 'deduction', attachmentIds: [randomUUID()] }, 400, 'attachment_unknown'],
    ];
    const f = await findingsOfSentInspection([80]);
    const d = await t.call(XW, 'POST', '/api/decisions', { findingIds: f, measures: [{ kind: 'talk' }], basis: '服务协议第三十条' });
    for (const [body, status, code] of cases) {
      const res = await record(XW, d.body.id, body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status, code });
      expect(res.body.error.message.zh).toBeTruthy();
      expect(res.body.error.message.en).toBeTruthy();
    }
    // the institution's own upload is no evidence of the agency's
    const theirs = await uploadPdf(t, HOSPITAL, '机构上传.pdf');
    expect((await record(XW, d.body.id, { amount: 1, recoveredOn: today, method: 'deduction', attachmentIds: [theirs] })).body.error.code).toBe('attachment_unknown');
    expect((await t.call(XW, 'GET', `/api/decisions/${d.body.id}/recoveries`)).body).toMatchObject({ confirmedAmount: 80, recoveredAmount: 0, items: [] });
  });

  it('refuses a decision not in effect (pending legal review)', async () => {
    const res = await record(XW, pendingId, { amount: 100, recoveredOn: today, method: 'deduction' });
    expect([res.status, res.body.error.code]).toEqual([409, 'decision_status_invalid']);
  });

  it('tenancy: only the handling agency records; another county cannot see the decision; the institution and the bureau cannot record', async () => {
    const body = { amount: 1, recoveredOn: today, method: 'deduction' };
    const f = await findingsOfSentInspection([10]);
    const d = (await t.call(XW, 'POST', '/api/decisions', { findingIds: f, measures: [{ kind: 'talk' }], basis: '服务协议第三十条' })).body.id as string;
    const gusu = await record(USERS.gusu as TestUser, d, body);
    expect([gusu.status, gusu.body.error.code]).toEqual([404, 'not_found']);
    expect((await t.call(USERS.gusu as TestUser, 'GET', `/api/decisions/${d}/recoveries`)).status).toBe(404);
    // the city agency sees the county's decision but does not handle it
    const nanjing = await record(USERS.nanjing as TestUser, d, body);
    expect([nanjing.status, nanjing.body.error.code]).toEqual([403, 'decision_forbidden']);
    expect((await record(HOSPITAL, d, body)).status).toBe(403);
    expect((await record(XW_BUREAU, d, body)).body.error.code).toBe('decision_forbidden');
    expect((await record(XW, randomUUID(), body)).status).toBe(404);
    expect((await record(XW, 'not-a-uuid', body)).status).toBe(404);
    const [{ n }] = await owner<{ n: number }>(`select count(*)::int as n from decision_recovery where decision_id = $1`, [d]);
    expect(n).toBe(0);
  });

  it('row-level security: a sibling county reads no recovery row, even with a predicate on the id', async () => {
    const rows = await ownerQuery<{ n: number }>(t.db, `select count(*)::int as n from decision_recovery`);
    expect(rows[0]!.n).toBeGreaterThan(0);
    const c = new pg.Client({ connectionString: t.db.appUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('app.region_path', '/32/3205/320508/', true), set_config('app.organization_id', '', true)`);
      const { rows: seen } = await c.query(`select count(*)::int as n from decision_recovery where decision_id = $1`, [decisionId]);
      expect(seen[0].n).toBe(0);
      await c.query(`select set_config('app.region_path', '/32/3201/320102/', true)`);
      const { rows: own } = await c.query(`select count(*)::int as n from decision_recovery where decision_id = $1`, [decisionId]);
      expect(own[0].n).toBe(2);
      await c.query('rollback');
    } finally {
      await c.end();
    }
  });
});
