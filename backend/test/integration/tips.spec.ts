import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { createHttpApp } from '../../src/http-app.js';
import { JsonLogger } from '../../src/platform/logging/logger.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { solvePow } from '../support/proof-of-work.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 17, tips from the public: filed without sign-in (proof of work, per-address limits), a
// 16-digit receipt stored only as a slow hash, the reporter sealed in an envelope (ciphertext in the
// table), readable only by the intake bureau's staff and its leader with a stated reason (audited),
// never by the investigating agency (403), never in the list, the export or an error message;
// acceptance registers a lead; the reward follows the lead's confirmed violation.

let t: TestApp;
const KEK = randomBytes(32);
const POW_BITS = 6;
const XW_BUREAU: TestUser = { sub: 'u-xwb', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const XW_LEADER: TestUser = { sub: 'u-xwl', username: 'xw.leader', roles: ['leader'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const GS_BUREAU: TestUser = { sub: 'u-gsb', username: 'gs.bureau', roles: ['county_staff'], regionPath: '/32/3205/320508/', orgId: 'bureau-320508', orgKind: 'bureau' };
const INVESTIGATOR = USERS.xuanwu as TestUser; // xw.staff, the county agency that investigates
const HOSPITAL = USERS.hospital as TestUser;
const REPORTER = { name: '李秀英举报人', phone: '13912345678', idNumber: '320102199001011234' };
const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => ownerQuery<T>(t.db, sql, params);

/** A public call from `ip` (the app trusts the loopback proxy's X-Forwarded-For, so each test address has its own limits). */
async function pub(method: string, path: string, body?: unknown, ip = '198.51.100.1', headers: Record<string, string> = {}) {
  const res = await fetch(`${t.baseUrl}${path}`, {
    method, headers: { 'x-forwarded-for': ip, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

async function solved(ip = '198.51.100.1'): Promise<{ challenge: string; nonce: string }> {
  const c = await pub('GET', '/api/public/tips/challenge', undefined, ip);
  expect([c.status, c.body.bits]).toEqual([200, POW_BITS]);
  return { challenge: c.body.challenge, nonce: solvePow(c.body.challenge, c.body.bits) };
}

const FACTS = '该院通过虚构住院病人、挂床住院等方式套取医保基金，2026年10月多名病人只挂名不住院。';

async function fileTip(extra: Record<string, unknown> = {}, ip = '198.51.100.1') {
  return pub('POST', '/api/public/tips', {
    ...(await solved(ip)), anonymous: false, reporter: REPORTER, institutionOrgId: HOSPITAL.orgId, facts: FACTS,
    happenedOn: '2026-10-15', amountInvolved: 12000.5, ...extra,
  }, ip);
}

beforeAll(async () => {
  t = await startTestApp({
    trustProxy: 'loopback',
    tips: { kek: KEK, powBits: POW_BITS, receiptPerMinute: 6, submissionsPerHour: 1000, acceptWorkingDays: null, rewardRulesJson: null },
  });
});
afterAll(() => t?.close());

let tipId = '';
let receipt = '';

describe('filing a tip from the public page', () => {
  it('looks institutions up by name: id, name and region only', async () => {
    const res = await pub('GET', `/api/public/tips/institutions?q=${encodeURIComponent('玄武康宁')}`);
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ id: HOSPITAL.orgId, name: '南京玄武康宁医院', regionCode: '320102', regionName: expect.any(String) });
    for (const row of res.body) expect(Object.keys(row).sort()).toEqual(['id', 'name', 'regionCode', 'regionName']);
  });

  it('refuses a submission without a solved proof of work, and a challenge spent twice', async () => {
    const c = await pub('GET', '/api/public/tips/challenge');
    const right = solvePow(c.body.challenge, POW_BITS);
    let wrong = 0;
    while (solvePow(c.body.challenge, POW_BITS, wrong) === String(wrong)) wrong++;
    const unsolved = await pub('POST', '/api/public/tips', { challenge: c.body.challenge, nonce: String(wrong), anonymous: true, institutionOrgId: HOSPITAL.orgId, facts: FACTS });
    expect([unsolved.status, unsolved.body.error.code]).toEqual([400, 'proof_of_work_invalid']);
    expect(right).not.toBe(String(wrong));
    const forged = await pub('POST', '/api/public/tips', { challenge: `${Date.now() + 60_000}~0~abc.def`, nonce: '1', anonymous: true, institutionOrgId: HOSPITAL.orgId, facts: FACTS });
    expect([forged.status, forged.body.error.code]).toEqual([400, 'proof_of_work_invalid']);
    const pow = await solved();
    const first = await pub('POST', '/api/public/tips', { ...pow, anonymous: true, institutionOrgId: HOSPITAL.orgId, facts: FACTS });
    expect(first.status).toBe(201);
    const again = await pub('POST', '/api/public/tips', { ...pow, anonymous: true, institutionOrgId: HOSPITAL.orgId, facts: FACTS });
    expect([again.status, again.body.error.code]).toEqual([400, 'proof_of_work_invalid']);
  });

  it('answers a 16-digit receipt; routes to the county bureau; stores ciphertext and a slow hash only', async () => {
    const res = await fileTip();
    expect(res.status).toBe(201);
    receipt = res.body.receipt;
    expect(receipt).toMatch(/^\d{16}$/);
    expect(Object.keys(res.body)).toEqual(['receipt']);
    const rows = await owner<Record<string, unknown> & { id: string; reporter_envelope: Buffer; receipt_hash: string }>(
      `select * from tip where facts = $1 and not anonymous`, [FACTS]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    tipId = row.id;
    expect(row).toMatchObject({ owner_org_id: 'bureau-320102', region_path: '/32/3201/320102/', institution_org_id: HOSPITAL.orgId, status: 'received' });
    // the raw row: no plaintext name, phone or ID number in any column, in any encoding; the receipt nowhere
    const raw = JSON.stringify(row) + row.reporter_envelope.toString('latin1') + row.reporter_envelope.toString('utf8');
    for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.idNumber, receipt]) expect(raw).not.toContain(secret);
    expect(row.reporter_envelope.length).toBeGreaterThan(1 + 12 + 16 + 32 + 12 + 16);
    expect(row.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await owner<{ t: string }>(`select string_agg(x::text, '|') as t from tip x`);
    for (const secret of [REPORTER.name, REPORTER.phone, receipt]) expect(dump[0]!.t).not.toContain(secret);
    // nor in the audit trail
    const audit = await owner<{ payload: unknown; username: string }>(`select payload, username from audit_entry where target = $1`, [tipId]);
    expect(audit).toEqual([{ payload: { anonymous: false, institutionOrgId: HOSPITAL.orgId, evidence: 0 }, username: 'public' }]);
  });

  it('refuses bad input with a bilingual error that never repeats the reporter', async () => {
    const bad = await fileTip({ reporter: { name: REPORTER.name, phone: `call ${REPORTER.name}` } });
    expect([bad.status, bad.body.error.details.field]).toEqual([400, 'reporter.phone']);
    expect(bad.body.error.message.zh).toBeTruthy();
    expect(bad.text).not.toContain(REPORTER.name);
    const longName = `${REPORTER.name}${'某'.repeat(60)}`;
    const tooLong = await fileTip({ reporter: { name: longName, phone: REPORTER.phone } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).not.toContain(REPORTER.name);
    const typed = await fileTip({ reporter: { name: 42, phone: REPORTER.phone, idNumber: REPORTER.idNumber.slice(0, 10) } });
    expect(typed.status).toBe(400);
    expect(typed.text).not.toContain(REPORTER.idNumber.slice(0, 10));
    const nowhere = await fileTip({ institutionOrgId: 'inst-nowhere' });
    expect([nowhere.status, nowhere.body.error.code]).toEqual([400, 'tip_place_unknown']);
    const errors = await owner<{ payload: unknown }>(`select payload from audit_entry where command = 'SubmitTipCommand' and result = 'error'`);
    expect(JSON.stringify(errors)).not.toContain(REPORTER.name);
  });
});

describe('the receipt page', () => {
  it('shows the holder their own tip, and answers alike for unknown, malformed and guessed codes', async () => {
    const own = await pub('POST', '/api/public/tips/receipt', { receipt }, '198.51.100.20');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'received', institutionName: '南京玄武康宁医院', intakeOrgName: '南京市玄武区医疗保障局', facts: FACTS, anonymous: false });
    expect(own.text).not.toContain(REPORTER.phone);
    const other = await fileTip({ facts: `${FACTS}（另一件）` }, '198.51.100.21');
    const second = await pub('POST', '/api/public/tips/receipt', { receipt: other.body.receipt }, '198.51.100.20');
    expect(second.body.facts).toBe(`${FACTS}（另一件）`);
    const flipped = receipt.slice(0, 15) + String((Number(receipt[15]) + 1) % 10);
    const unknown = await pub('POST', '/api/public/tips/receipt', { receipt: flipped }, '198.51.100.20');
    const malformed = await pub('POST', '/api/public/tips/receipt', { receipt: 'abc' }, '198.51.100.20');
    expect(unknown.status).toBe(404);
    expect(malformed.text).toBe(unknown.text);
    expect(unknown.text).not.toContain(flipped);
  });

  it('limits receipt guessing per address: 429 (with the seconds to wait) once the minute\'s lookups are spent', async () => {
    const ip = '203.0.113.9';
    const answers: { status: number; body: any }[] = [];
    for (let i = 0; i < 8; i++) answers.push(await pub('POST', '/api/public/tips/receipt', { receipt: String(1e15 + i) }, ip));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 429, 429]);
    expect(answers[6]!.body.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
    // even the right code is refused from that address now; another address is not affected
    expect((await pub('POST', '/api/public/tips/receipt', { receipt }, ip)).status).toBe(429);
    expect((await pub('POST', '/api/public/tips/receipt', { receipt }, '203.0.113.10')).status).toBe(200);
  });
});

describe('intake at the bureau of the place', () => {
  it('lists the tip for the county bureau, without reporter fields; not for another county, nor the institution reported', async () => {
    const list = await t.call(XW_BUREAU, 'GET', `/api/tips?q=${encodeURIComponent('玄武康宁')}&status=received&sort=-createdAt`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(tipId);
    expect(JSON.stringify(list.body)).not.toContain(REPORTER.name);
    expect(JSON.stringify(list.body)).not.toContain(REPORTER.phone);
    expect((await t.call(GS_BUREAU, 'GET', `/api/tips/${tipId}`)).status).toBe(404);
    expect((await t.call(GS_BUREAU, 'GET', '/api/tips')).body.total).toBe(0);
    expect((await t.call(HOSPITAL, 'GET', `/api/tips/${tipId}`)).status).toBe(404);
    expect((await t.call(HOSPITAL, 'GET', '/api/tips')).body.total).toBe(0);
  });

  it("puts the tips awaiting a decision in the intake staff's to-do centre, by the acceptance limit", async () => {
    const todo = await t.call(XW_BUREAU, 'GET', '/api/todo');
    const item = (todo.body.items as { kind: string; count: number; nextDeadline: string; link: { path: string } }[]).find((i) => i.kind === 'tips_to_accept');
    const [{ n, due }] = await owner<{ n: number; due: string }>(
      `select count(*)::int as n, to_char(min(accept_due) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as due from tip where owner_org_id = 'bureau-320102' and status = 'received'`);
    expect(n).toBeGreaterThan(0);
    expect(item).toMatchObject({ count: n, nextDeadline: due, link: { path: '/local/tips/list' } });
    // not the investigating agency's, nor the other county's
    for (const user of [INVESTIGATOR, GS_BUREAU]) {
      expect(((await t.call(user, 'GET', '/api/todo')).body.items as { kind: string }[]).map((i) => i.kind)).not.toContain('tips_to_accept');
    }
  });

  it('exports the list without any reporter field', async () => {
    const res = await fetch(`${t.baseUrl}/api/tips/export.xlsx?status=received`, { headers: { authorization: `Bearer ${await t.keys.token(XW_BUREAU)}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(cells).toContain(tipId);
    expect(cells).toContain('南京玄武康宁医院');
    for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.idNumber]) expect(cells.join('|')).not.toContain(secret);
  });

  it('the investigating agency sees the facts but gets 403 for the reporter; the refusal is audited', async () => {
    const detail = await t.call(INVESTIGATOR, 'GET', `/api/tips/${tipId}`);
    expect([detail.status, detail.body.facts, detail.body.mayReadReporter, detail.body.mayHandle]).toEqual([200, FACTS, false, false]);
    expect((await t.call(XW_BUREAU, 'GET', `/api/tips/${tipId}`)).body).toMatchObject({ mayHandle: true, mayReadReporter: true });
    expect(JSON.stringify(detail.body)).not.toContain(REPORTER.name);
    const read = await t.call(INVESTIGATOR, 'POST', `/api/tips/${tipId}/reporter`, { reason: '调查需要联系举报人' });
    expect([read.status, read.body.error.code]).toEqual([403, 'tip_reporter_forbidden']);
    expect(JSON.stringify(read.body)).not.toContain(REPORTER.name);
    const audit = await owner<{ result: string; error_code: string }>(
      `select result, error_code from audit_entry where command = 'ReadTipReporterCommand' and username = 'xw.staff' and target = $1`, [tipId]);
    expect(audit).toEqual([{ result: 'error', error_code: 'tip_reporter_forbidden' }]);
    // nor the other county's bureau, nor a city official above
    expect((await t.call(GS_BUREAU, 'POST', `/api/tips/${tipId}/reporter`, { reason: '核实举报人身份' })).status).toBe(404);
    expect((await t.call(USERS.nanjing as TestUser, 'POST', `/api/tips/${tipId}/reporter`, { reason: '核实举报人身份' })).status).toBe(403);
  });

  it('intake staff read the reporter only with a stated reason, and each reading is in the audit trail', async () => {
    const noReason = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/reporter`, { reason: '' });
    expect([noReason.status, noReason.body.error.code]).toEqual([400, 'tip_reading_reason']);
    const read = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/reporter`, { reason: '电话核实举报内容' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ reporter: REPORTER, payee: null });
    const leader = await t.call(XW_LEADER, 'POST', `/api/tips/${tipId}/reporter`, { reason: '审批奖励前核实身份' });
    expect(leader.body.reporter.name).toBe(REPORTER.name);
    const audit = await owner<{ username: string; payload: { reason: string } }>(
      `select username, payload from audit_entry where command = 'ReadTipReporterCommand' and result = 'ok' and target = $1 order by seq`, [tipId]);
    expect(audit).toEqual([
      { username: 'xw.bureau', payload: { reason: '电话核实举报内容' } },
      { username: 'xw.leader', payload: { reason: '审批奖励前核实身份' } },
    ]);
    expect(JSON.stringify(await owner(`select payload from audit_entry`))).not.toContain(REPORTER.phone);
  });

  it('asks the reporter a question, answered on the receipt page', async () => {
    const asked = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/questions`, { question: '请说明挂床住院的具体科室。' });
    expect(asked.status).toBe(200);
    const q = asked.body.questions[0];
    const ip = '198.51.100.30';
    const answered = await pub('POST', '/api/public/tips/receipt/answers', { receipt, questionId: q.id, answer: '骨科病房三楼。' }, ip);
    expect([answered.status, answered.body.questions[0].answer]).toEqual([200, '骨科病房三楼。']);
    const twice = await pub('POST', '/api/public/tips/receipt/answers', { receipt, questionId: q.id, answer: '再答' }, ip);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'tip_question_answered']);
    expect((await t.call(INVESTIGATOR, 'POST', `/api/tips/${tipId}/questions`, { question: '代问' })).status).toBe(403);
  });

  it('accepting registers a lead (source tip, the facts, no reporter); the receipt page shows the acceptance', async () => {
    expect((await t.call(INVESTIGATOR, 'POST', `/api/tips/${tipId}/accept`, {})).status).toBe(403);
    const res = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/accept`, { comment: '属于受理范围' });
    expect([res.status, res.body.status]).toEqual([200, 'accepted']);
    const leadId = res.body.leadId as string;
    const [lead] = await owner<Record<string, unknown>>(`select * from lead where id = $1`, [leadId]);
    expect(lead).toMatchObject({ source: 'tip', source_ref: tipId, institution_org_id: HOSPITAL.orgId });
    expect(JSON.stringify(lead)).not.toContain(REPORTER.name);
    const again = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/accept`, {});
    expect([again.status, again.body.error.code]).toEqual([409, 'tip_already_decided']);
    const view = await pub('POST', '/api/public/tips/receipt', { receipt }, '198.51.100.31');
    expect(view.body).toMatchObject({ status: 'accepted', rejectionReason: null, result: { result: null } });
  });

  it('a rejected tip tells the reporter why', async () => {
    const filed = await fileTip({ anonymous: true, reporter: undefined, facts: `${FACTS}（不予受理）` }, '198.51.100.40');
    const [row] = await owner<{ id: string; reporter_envelope: Buffer | null }>(`select id, reporter_envelope from tip where facts = $1`, [`${FACTS}（不予受理）`]);
    expect(row!.reporter_envelope).toBeNull();
    expect((await t.call(XW_BUREAU, 'POST', `/api/tips/${row!.id}/reporter`, { reason: '核实身份需要' })).body.error.code).toBe('tip_anonymous');
    const rejected = await t.call(XW_BUREAU, 'POST', `/api/tips/${row!.id}/reject`, { reason: '已由医保部门处理过' });
    expect(rejected.body.status).toBe('rejected');
    const view = await pub('POST', '/api/public/tips/receipt', { receipt: filed.body.receipt }, '198.51.100.40');
    expect(view.body).toMatchObject({ status: 'rejected', rejectionReason: '已由医保部门处理过', anonymous: true });
  });
});

describe('the reward', () => {
  it('is proposed from the confirmed amount, approved by the leader, claimed with the receipt, payment recorded', async () => {
    const notYet = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/reward/propose`);
    expect([notYet.status, notYet.body.error.code]).toEqual([409, 'tip_reward_not_due']);
    // the lead's investigation is the leads context's; its close is set here directly
    const [{ lead_id }] = await owner<{ lead_id: string }>(`select lead_id from tip where id = $1`, [tipId]);
    await owner(`update lead set status = 'closed', result = 'violation_confirmed', confirmed_amount = 86000, closed_at = now() where id = $1`, [lead_id]);
    const proposed = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/reward/propose`);
    expect(proposed.status).toBe(200);
    expect(proposed.body.reward).toMatchObject({ status: 'proposed', confirmedAmount: 86000, amount: 3440, source: expect.stringContaining('医保办发〔2022〕22号') });
    expect((await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/reward/approve`)).status).toBe(403);
    const approved = await t.call(XW_LEADER, 'POST', `/api/tips/${tipId}/reward/approve`);
    expect(approved.body.reward.status).toBe('approved');
    const ip = '198.51.100.50';
    const seen = await pub('POST', '/api/public/tips/receipt', { receipt }, ip);
    expect(seen.body).toMatchObject({ result: { result: 'violation_confirmed' }, reward: { status: 'approved', amount: 3440 } });
    const payee = { name: '李秀英', account: '6222020200112233445', bank: '工商银行南京分行' };
    const claimed = await pub('POST', '/api/public/tips/receipt/reward-claim', { receipt, payee }, ip);
    expect([claimed.status, claimed.body.reward.status]).toEqual([200, 'claimed']);
    const [row] = await owner<{ payee_envelope: Buffer }>(`select payee_envelope from tip where id = $1`, [tipId]);
    expect(row!.payee_envelope.toString('latin1')).not.toContain(payee.account);
    const reading = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/reporter`, { reason: '发放举报奖励' });
    expect(reading.body.payee).toEqual(payee);
    const paid = await t.call(XW_BUREAU, 'POST', `/api/tips/${tipId}/reward/payment`, { paidOn: new Date().toISOString().slice(0, 10), reference: 'ZF-2026-0001' });
    expect([paid.status, paid.body.reward.status]).toEqual([200, 'paid']);
    expect((await pub('POST', '/api/public/tips/receipt', { receipt }, ip)).body.reward.status).toBe('paid');
  });
});

describe('the logs', () => {
  it('hold no reporter field and no receipt code, at any level, whatever the requests', async () => {
    // A second app on the same database, logging everything (request lines included) into `lines`.
    const lines: string[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk) => lines.push(String(chunk)));
    const app = await createHttpApp(t.config, { tokenKeys: t.keys.getKey, logger: new JsonLogger('trace', sink) });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    try {
      const post = async (path: string, body: unknown, token?: string) => {
        const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() as any };
      };
      const pow = async () => {
        const c = await (await fetch(`${base}/api/public/tips/challenge`)).json() as { challenge: string; bits: number };
        return { challenge: c.challenge, nonce: solvePow(c.challenge, c.bits) };
      };
      const tip = { anonymous: false, reporter: REPORTER, institutionOrgId: HOSPITAL.orgId, facts: `${FACTS}（日志）` };
      expect((await post('/api/public/tips', { ...(await pow()), ...tip, reporter: { ...REPORTER, phone: `x${REPORTER.phone}` } })).status).toBe(400);
      expect((await post('/api/public/tips', { ...(await pow()), ...tip, reporter: { ...REPORTER, idNumber: REPORTER.name } })).status).toBe(400);
      const filed = await post('/api/public/tips', { ...(await pow()), ...tip });
      expect(filed.status).toBe(201);
      expect((await post('/api/public/tips/receipt', { receipt: filed.body.receipt })).status).toBe(200);
      const [{ id }] = await owner<{ id: string }>(`select id from tip where facts = $1`, [`${FACTS}（日志）`]);
      expect((await post(`/api/tips/${id}/reporter`, { reason: '核实举报内容' }, await t.keys.token(XW_BUREAU))).body.reporter.name).toBe(REPORTER.name);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const log = lines.join('');
      expect(log).toContain('"path":"/api/public/tips"');
      for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.idNumber, filed.body.receipt as string]) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
