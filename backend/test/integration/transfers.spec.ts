import { withTestApp, type TestApp } from '../support/app.js';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { MarkOutwardFollowUpOverdueCommand, RemindOutwardFollowUpCommand } from '../../src/contexts/transfers/application/outward-commands.js';
import { allListIds, downloadXlsx, exportColumn } from '../support/lists.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Issue 18 part 2, transfers (移交) over HTTP: the Xuanwu agency (xw.staff) transfers a confirmed
// ¥620,000 case with its materials to the Xuanwu bureau (xw.bureau), which asks for supplementary
// materials (the agency supplements), then accepts it — a case 待立案 opens in the enforcement context;
// another transfer is returned with reasons. The province reads the results; Zhejiang sees none of it.

const XW_AGENCY = USERS.xuanwu as TestUser;
const XW_BUREAU: TestUser = { sub: 'u-xwb1', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const JS = USERS.province as TestUser;
const NATION = USERS.nation as TestUser;
const ZJ = USERS.zhejiang as TestUser;
const GUSU = USERS.gusu as TestUser;
const HOSPITAL = USERS.hospital as TestUser;

let app: TestApp;
const t = () => app;
const { count, owner } = withTestApp((started) => { app = started; });

const TRANSFER = {
  sourceKind: 'finding', sourceId: 'F-2026-0620', institutionOrgId: 'inst-320102-0001',
  subject: '虚构医疗服务骗取医保基金（移交测试）', facts: '经查实，该院 2026 年 1 至 6 月虚构康复理疗项目结算，涉及医保基金 620,000.00 元。',
  amountInvolved: '620000.00',
  materials: [
    { kind: 'inspection_record', ref: 'JC-2026-031', title: '现场检查记录' },
    { kind: 'finding', ref: 'F-2026-0620', title: '问题认定书' },
    { kind: 'evidence', ref: 'ZJ-2026-0620-01', title: '结算明细及询问笔录' },
    { kind: 'decision', ref: 'CL-2026-0620', title: '协议处理决定书' },
  ],
};

async function act(user: TestUser, id: string, step: string, body: Record<string, unknown> = {}) {
  return t().call(user, 'POST', `/api/transfers/${id}/${step}`, body);
}
const tomorrowPlus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let caseId = '';

describe('a transfer from the Xuanwu agency to the Xuanwu bureau', () => {
  let id = '';

  it('is sent by the agency only, with its materials; bad input changes nothing', async () => {
    expect((await t().call(HOSPITAL, 'POST', '/api/transfers', TRANSFER)).status).toBe(403);
    const byBureau = await t().call(XW_BUREAU, 'POST', '/api/transfers', TRANSFER);
    expect([byBureau.status, byBureau.body.error.code]).toEqual([403, 'transfer_agency_only']);
    const before = await count('select count(*) from transfer');
    const noMaterials = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, materials: [] });
    expect([noMaterials.status, noMaterials.body.error.code]).toEqual([400, 'transfer_materials_invalid']);
    expect(noMaterials.body.error.message.zh).toContain('移交材料');
    const badAmount = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, amountInvolved: '-5' });
    expect([badAmount.status, badAmount.body.error.code]).toEqual([400, 'transfer_amount_invalid']);
    const foreign = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, institutionOrgId: 'inst-320508-0001' });
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'transfer_institution_unknown']);
    const lead = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, sourceKind: 'lead', sourceId: '00000000-0000-4000-8000-000000000000' });
    expect([lead.status, lead.body.error.code]).toEqual([400, 'transfer_source_unknown']);
    expect(await count('select count(*) from transfer')).toBe(before);

    const res = await t().call(XW_AGENCY, 'POST', '/api/transfers', TRANSFER);
    expect([res.status, res.body.error?.code ?? null]).toEqual([201, null]);
    id = res.body.id;
    expect(res.body).toMatchObject({
      status: 'sent', amountInvolved: '620000.00', agency: { id: 'agency-320102' }, bureau: { id: 'bureau-320102' },
      institution: { id: 'inst-320102-0001' }, region: { code: '320102' }, can: { decide: false, supplement: false },
    });
    expect(res.body.materials).toHaveLength(4);
    const asBureau = await t().call(XW_BUREAU, 'GET', `/api/transfers/${id}`);
    expect(asBureau.body.can).toEqual({ decide: true, supplement: false });
  });

  it('is decided by the receiving bureau only', async () => {
    const byAgency = await act(XW_AGENCY, id, 'accept');
    expect([byAgency.status, byAgency.body.error.code]).toEqual([403, 'transfer_not_receiver']);
    const gusu = await act(GUSU, id, 'accept');
    expect(gusu.status).toBe(404);
  });

  it('goes back to the agency for supplementary materials with a deadline, and comes back supplemented', async () => {
    const past = await act(XW_BUREAU, id, 'supplement-request', { reason: '请补充询问笔录原件', dueDate: '2020-01-01' });
    expect([past.status, past.body.error.code]).toEqual([400, 'transfer_due_date_invalid']);
    const due = tomorrowPlus(10);
    const asked = await act(XW_BUREAU, id, 'supplement-request', { reason: '请补充询问笔录原件及结算明细', dueDate: due });
    expect([asked.status, asked.body.error?.code ?? null]).toEqual([200, null]);
    expect(asked.body).toMatchObject({ status: 'supplement_requested', supplementDueDate: due, supplement: { reason: '请补充询问笔录原件及结算明细' } });
    const early = await act(XW_BUREAU, id, 'accept');
    expect([early.status, early.body.error.code]).toEqual([409, 'transfer_not_pending']);
    const agencyView = await t().call(XW_AGENCY, 'GET', `/api/transfers/${id}`);
    expect(agencyView.body.can).toEqual({ decide: false, supplement: true });

    const done = await act(XW_AGENCY, id, 'supplement', { note: '已补充询问笔录原件', materials: [{ kind: 'evidence', ref: 'ZJ-2026-0620-02', title: '询问笔录原件' }] });
    expect([done.status, done.body.error?.code ?? null]).toEqual([200, null]);
    expect(done.body).toMatchObject({ status: 'sent', supplement: null });
    expect(done.body.materials).toHaveLength(5);
  });

  it('is accepted: a case 待立案 opens at the bureau, and the result flows back to the agency and up', async () => {
    const accepted = await act(XW_BUREAU, id, 'accept', { comment: '予以受理' });
    expect([accepted.status, accepted.body.error?.code ?? null]).toEqual([200, null]);
    expect(accepted.body.status).toBe('accepted');
    caseId = accepted.body.caseId as string;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    const kase = await t().call(XW_BUREAU, 'GET', `/api/enforcement/cases/${caseId}`);
    expect(kase.body).toMatchObject({ status: 'proposed', source: 'transfer', sourceRef: id, amountInvolved: '620000.00' });
    const again = await act(XW_BUREAU, id, 'accept');
    expect([again.status, again.body.error.code]).toEqual([409, 'transfer_not_pending']);

    const agency = await t().call(XW_AGENCY, 'GET', `/api/transfers/${id}`);
    expect(agency.body).toMatchObject({ status: 'accepted', caseId });
    expect(agency.body.history.map((h: { action: string }) => h.action)).toEqual(['sent', 'supplement_requested', 'supplemented', 'accepted']);
    const province = await t().call(JS, 'GET', `/api/transfers/${id}`);
    expect(province.body).toMatchObject({ status: 'accepted', caseId });
  });

  it('prints its transfer letter as a PDF (the agency, the bureau, the province; not Zhejiang)', async () => {
    const get = async (user: TestUser) => {
      const res = await fetch(`${t().baseUrl}/api/transfers/${id}/letter.pdf`, { headers: { authorization: `Bearer ${await t().keys.token(user)}` } });
      return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
    };
    for (const user of [XW_AGENCY, XW_BUREAU, JS]) {
      const pdf = await get(user);
      expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
      expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    }
    expect((await get(ZJ)).status).toBe(404);
  });

  it('is returned with reasons (another transfer)', async () => {
    const res = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, subject: '重复收费（退回测试）', amountInvolved: '8000.00' });
    expect(res.status).toBe(201);
    const empty = await act(XW_BUREAU, res.body.id, 'return', { reasons: '  ' });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'transfer_reasons_required']);
    const back = await act(XW_BUREAU, res.body.id, 'return', { reasons: '不属于行政处罚范围，按协议处理' });
    expect(back.body).toMatchObject({ status: 'returned', returnReasons: '不属于行政处罚范围，按协议处理', caseId: null });
  });

  it('is listed under the list convention for agency and bureau, exported; Zhejiang sees none of it', async () => {
    const sent = await t().call(XW_AGENCY, 'GET', '/api/transfers?view=sent&q=inst-320102-0001&sort=-amountInvolved');
    expect(sent.status).toBe(200);
    expect(sent.body.total).toBeGreaterThanOrEqual(2);
    expect(sent.body.items[0]).toMatchObject({ id, amountInvolved: '620000.00' });
    const received = await t().call(XW_BUREAU, 'GET', '/api/transfers?view=received&status=returned');
    expect(received.body.items.every((i: { status: string }) => i.status === 'returned')).toBe(true);
    expect(received.body.total).toBeGreaterThanOrEqual(1);
    const badSort = await t().call(XW_BUREAU, 'GET', '/api/transfers?sort=nope');
    expect(badSort.status).toBe(400);
    const province = await t().call(JS, 'GET', '/api/transfers?regionCode=320102');
    expect(province.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const file = await downloadXlsx(t(), JS, '/api/transfers/export.xlsx?regionCode=320102');
    expect(file.status).toBe(200);
    expect(exportColumn(file, 'Transfer id').sort()).toEqual((await allListIds(t(), JS, '/api/transfers', 'regionCode=320102')).sort());

    const zj = await t().call(ZJ, 'GET', '/api/transfers');
    expect(zj.body).toEqual({ items: [], total: 0 });
    expect((await t().call(ZJ, 'GET', `/api/transfers/${id}`)).status).toBe(404);
    expect((await act(ZJ, id, 'return', { reasons: 'x' })).status).toBe(404);
  });
});

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the case sent on by the bureau: to the police, and the major-case report', () => {
  let outward = '';
  let report = '';

  it('is transferred to the police by the bureau only, with a written notice; the case stays open', async () => {
    const body = {
      caseId, recipientKind: 'police', recipientName: '南京市公安局玄武分局', noticeDate: today(), amountInvolved: '620000.00',
      materials: [{ kind: 'evidence', ref: 'ZJ-2026-0620-01', title: '结算明细及询问笔录' }],
    };
    const byAgency = await t().call(XW_AGENCY, 'POST', '/api/outward-transfers', body);
    expect([byAgency.status, byAgency.body.error.code]).toEqual([403, 'outward_bureau_only']);
    const future = await t().call(XW_BUREAU, 'POST', '/api/outward-transfers', { ...body, noticeDate: tomorrowPlus(3) });
    expect([future.status, future.body.error.code]).toEqual([400, 'outward_date_invalid']);
    const unknown = await t().call(XW_BUREAU, 'POST', '/api/outward-transfers', { ...body, caseId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'outward_case_unknown']);

    const before = (await t().call(XW_BUREAU, 'GET', `/api/enforcement/cases/${caseId}`)).body.status;
    const res = await t().call(XW_BUREAU, 'POST', '/api/outward-transfers', body);
    expect([res.status, res.body.error?.code ?? null]).toEqual([201, null]);
    outward = res.body.id;
    report = res.body.reportId;
    expect(res.body).toMatchObject({ recipientKind: 'police', noticeDate: today(), receiptAt: null, result: null, overdue: false, mayRecord: true });
    expect(report).toMatch(/^[0-9a-f-]{36}$/);

    expect((await t().call(XW_BUREAU, 'POST', `/api/outward-transfers/${outward}/receipt`, { receiptAt: today() })).body.receiptAt).toBe(today());
    const result = await t().call(XW_BUREAU, 'POST', `/api/outward-transfers/${outward}/result`, { result: '公安机关已立案侦查', resultAt: today() });
    expect(result.body).toMatchObject({ result: '公安机关已立案侦查', resultAt: today() });
    const kase = await t().call(XW_BUREAU, 'GET', `/api/enforcement/cases/${caseId}`);
    expect(kase.body.status).toBe(before);
    expect(kase.body.status).not.toBe('closed');
    const listed = await t().call(XW_BUREAU, 'GET', '/api/outward-transfers?recipientKind=police&status=done');
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(outward);
  });

  it('opens a major-case report due 7 days after; the bureau writes it, the province sends it, the national overseer acknowledges it', async () => {
    const open = await t().call(XW_BUREAU, 'GET', `/api/major-case-reports/${report}`);
    expect(open.body).toMatchObject({ trigger: 'police', status: 'open', openedOn: today(), caseId, can: { submit: true, send: false, acknowledge: false } });
    expect(open.body.dueDate).toBe(new Date(Date.parse(`${today()}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10));
    const early = await t().call(JS, 'POST', `/api/major-case-reports/${report}/send`);
    expect([early.status, early.body.error.code]).toEqual([409, 'report_not_submitted']);
    const noBasis = await t().call(XW_BUREAU, 'POST', `/api/major-case-reports/${report}/submit`, { discovery: '飞行检查发现', facts: '虚构康复理疗项目', result: '移送公安', basis: ' ' });
    expect([noBasis.status, noBasis.body.error.code]).toEqual([400, 'report_basis_required']);
    const submitted = await t().call(XW_BUREAU, 'POST', `/api/major-case-reports/${report}/submit`, {
      discovery: '经办机构智能监控预警后现场检查发现', facts: '该院虚构康复理疗项目结算 620,000.00 元', result: '已移送公安机关立案侦查', basis: '《医疗保障基金使用监督管理条例》第四十条、第五十九条',
    });
    expect(submitted.body.status).toBe('submitted');
    // the 7-day clock: started when the report opened, ended by the submission (outbox → Temporal)
    const outbox = await owner(`select event_type, dispatch from outbox_message where aggregate_id = $1 order by seq`, [report]);
    expect(outbox.map((o) => o.event_type)).toEqual(['MajorCaseReportOpened', 'MajorCaseReportSubmitted']);
    expect(outbox[0].dispatch).toMatchObject({ kind: 'start', workflowType: 'majorCaseReportWorkflow', workflowId: `major-case-report-${report}` });
    expect(outbox[0].dispatch.args[0].clock.dueDate).toBe(open.body.dueDate);
    expect(outbox[1].dispatch).toMatchObject({ kind: 'update', workflowId: `major-case-report-${report}`, args: [{ action: 'ended' }] });
    const byCounty = await t().call(XW_BUREAU, 'POST', `/api/major-case-reports/${report}/send`);
    expect([byCounty.status, byCounty.body.error.code]).toEqual([403, 'report_province_only']);
    const notYet = await t().call(NATION, 'POST', `/api/major-case-reports/${report}/acknowledge`);
    expect([notYet.status, notYet.body.error.code]).toEqual([409, 'report_not_sent']);
    const sent = await t().call(JS, 'POST', `/api/major-case-reports/${report}/send`);
    expect(sent.body).toMatchObject({ status: 'sent', can: { send: false } });

    const inbox = await t().call(NATION, 'GET', '/api/major-case-reports?view=inbox');
    const item = inbox.body.items.find((i: { id: string }) => i.id === report);
    expect(item).toMatchObject({ status: 'sent', can: { acknowledge: true }, facts: '该院虚构康复理疗项目结算 620,000.00 元' });
    const acked = await t().call(NATION, 'POST', `/api/major-case-reports/${report}/acknowledge`);
    expect(acked.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: expect.any(String) });
  });

  it('is none of Zhejiang\'s business', async () => {
    expect((await t().call(ZJ, 'GET', '/api/outward-transfers')).body).toEqual({ items: [], total: 0 });
    expect((await t().call(ZJ, 'GET', '/api/major-case-reports')).body).toEqual({ items: [], total: 0 });
    expect((await t().call(ZJ, 'GET', `/api/outward-transfers/${outward}`)).status).toBe(404);
    expect((await t().call(ZJ, 'GET', `/api/major-case-reports/${report}`)).status).toBe(404);
    expect((await t().call(ZJ, 'POST', `/api/major-case-reports/${report}/send`)).status).toBe(404);
  });
});

// Issue 18 part 2, the automatic report and the follow-up clock: a case closed with ¥500,000 or more opens its
// major-case report by itself (enforcement's EnforcementCaseClosed, transfers' CaseClosedReaction, one
// transaction); an outward transfer's follow-up clock starts when it is sent and ends with the result; the
// written notice prints as a PDF; the outward list exports.

const XW_LEADER: TestUser = { sub: 'u-xwld', username: 'xw.leader', roles: ['leader'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A case of the Xuanwu bureau brought to 已送达 with its decision (the steps before are enforcement.spec's), ready to close. */
async function servedCase(amount: string, subject: string): Promise<string> {
  const res = await t().call(XW_BUREAU, 'POST', '/api/enforcement/cases', {
    source: 'other', regionCode: '320102', institutionOrgId: 'inst-320102-0001', subject, facts: `经查，该院虚构诊疗项目结算，涉及医保基金 ${amount} 元。`, amountInvolved: amount,
  });
  expect([res.status, res.body.error?.code ?? null]).toEqual([201, null]);
  const decision = { penaltyAmount: '100000.00', recoveryAmount: amount, legalBasis: '《医疗保障基金使用监督管理条例》第四十条', summary: '罚款并追回', by: 'xw.leader', byUserId: 'u-xwld', at: new Date().toISOString() };
  await owner(`update enforcement_case set status = 'served', decision = $2::jsonb, decided_at = now(), penalty_amount = 100000, recovery_amount = $3::numeric where id = $1`,
    [res.body.id, JSON.stringify(decision), amount]);
  return res.body.id as string;
}
const closeCase = (id: string) => t().call(XW_LEADER, 'POST', `/api/enforcement/cases/${id}/closure`, { summary: '结案' });
const reportsOf = (id: string) => owner<{ id: string; trigger: string; opened_on: string; due_date: string; outward_transfer_id: string | null }>(
  `select id, trigger, to_char(opened_on, 'YYYY-MM-DD') as opened_on, to_char(due_date, 'YYYY-MM-DD') as due_date, outward_transfer_id from major_case_report where case_id = $1`, [id]);

describe('a case closed with ¥500,000 or more opens its major-case report by itself', () => {
  let big = '';

  it('¥620,000: closing opens one report (trigger amount) due 7 calendar days after the closure, and starts its clock', async () => {
    big = await servedCase('620000.00', '虚构诊疗项目（重大案件自动报告测试）');
    const closed = await closeCase(big);
    expect([closed.status, closed.body.error?.code ?? null, closed.body.status]).toEqual([200, null, 'closed']);
    const reports = await reportsOf(big);
    expect(reports).toEqual([{ id: expect.any(String), trigger: 'amount', opened_on: today(), due_date: plusDays(today(), 7), outward_transfer_id: null }]);
    const report = reports[0]!.id;
    const events = await owner<{ event_type: string; payload: any; dispatch: any }>(
      `select event_type, payload, dispatch from outbox_message where aggregate_id in ($1, $2) order by seq`, [big, report]);
    const closure = events.find((e) => e.event_type === 'EnforcementCaseClosed');
    expect(closure?.payload).toEqual({
      caseId: big, regionPath: '/32/3201/320102/', ownerOrgId: 'bureau-320102', closedOn: today(), amountInvolved: '620000.00', penaltyAmount: '100000.00', recoveryAmount: '620000.00',
    });
    const opened = events.filter((e) => e.event_type === 'MajorCaseReportOpened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.dispatch).toMatchObject({ kind: 'start', workflowType: 'majorCaseReportWorkflow', workflowId: `major-case-report-${report}` });
    expect(opened[0]!.dispatch.args[0]).toMatchObject({ reportId: report, actor: { username: 'xw.leader' }, clock: { dueDate: plusDays(today(), 7) } });
    const view = await t().call(XW_BUREAU, 'GET', `/api/major-case-reports/${report}`);
    expect(view.body).toMatchObject({ caseId: big, trigger: 'amount', status: 'open', dueDate: plusDays(today(), 7), can: { submit: true } });
    const province = await t().call(JS, 'GET', `/api/major-case-reports?q=${big}`);
    expect(province.body.items.map((i: { id: string }) => i.id)).toEqual([report]);
  });

  it('closing twice is refused; a closure recorded again (replayed) opens no second report', async () => {
    const again = await closeCase(big);
    expect([again.status, again.body.error.code]).toEqual([409, 'case_status_conflict']);
    await owner(`update enforcement_case set status = 'served' where id = $1`, [big]);
    const replay = await closeCase(big);
    expect([replay.status, replay.body.status]).toEqual([200, 'closed']);
    expect(await reportsOf(big)).toHaveLength(1);
    expect(await count(`select count(*) from outbox_message where event_type = 'MajorCaseReportOpened' and payload->>'caseId' = $1`, [big])).toBe(1);
    expect(await count(`select count(*) from outbox_message where event_type = 'EnforcementCaseClosed' and aggregate_id = $1`, [big])).toBe(2);
  });

  it('¥499,999: closing opens none', async () => {
    const small = await servedCase('499999.00', '重复收费（未达重大案件金额测试）');
    const closed = await closeCase(small);
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    expect(await reportsOf(small)).toEqual([]);
  });

  it('only the amount involved counts (seed 003 九(二) 涉案金额): ¥300,000 involved with a ¥1,500,000 penalty opens none', async () => {
    const id = await servedCase('300000.00', '串换药品（罚款高于涉案金额测试）');
    await owner(`update enforcement_case set penalty_amount = 1500000, recovery_amount = 1500000 where id = $1`, [id]);
    const closed = await closeCase(id);
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    expect(await reportsOf(id)).toEqual([]);
  });

  it('the other triggers hold: an outward transfer of ¥500,000 or more reuses the amount report, a police transfer and the public-attention flag open one each, once', async () => {
    const base = { caseId: big, noticeDate: today(), materials: [{ kind: 'decision', ref: 'CF-2026-01', title: '行政处罚决定书' }] };
    const health = await t().call(XW_BUREAU, 'POST', '/api/outward-transfers', { ...base, recipientKind: 'health', recipientName: '玄武区卫生健康委员会', amountInvolved: '620000.00' });
    expect(health.status).toBe(201);
    const [amountReport] = await reportsOf(big);
    expect(health.body.reportId).toBe(amountReport!.id);
    const police = await t().call(XW_BUREAU, 'POST', '/api/outward-transfers', { ...base, recipientKind: 'police', recipientName: '南京市公安局玄武分局', amountInvolved: null });
    expect(police.body.reportId).not.toBe(amountReport!.id);
    const flagged = await t().call(XW_BUREAU, 'POST', '/api/major-case-reports', { caseId: big });
    expect([flagged.status, flagged.body.trigger]).toEqual([201, 'public_attention']);
    const twice = await t().call(XW_BUREAU, 'POST', '/api/major-case-reports', { caseId: big });
    expect(twice.body.id).toBe(flagged.body.id);
    expect((await reportsOf(big)).map((r) => r.trigger).sort()).toEqual(['amount', 'police', 'public_attention']);
  });
});

describe('an outward transfer\'s follow-up clock, written notice and export', () => {
  let id = '';
  let kase = '';

  it('starts the follow-up clock when sent: due 30 days after the notice, reminded 7 and 1 days before', async () => {
    kase = await servedCase('80000.00', '串换药品（移送跟踪测试）');
    const res = await t().call(XW_BUREAU, 'POST', '/api/outward-transfers', {
      caseId: kase, recipientKind: 'market', recipientName: '南京市玄武区市场监督管理局', noticeDate: today(), amountInvolved: '80000.00',
      materials: [{ kind: 'evidence', ref: 'ZJ-2026-0801', title: '药品进销存记录' }, { kind: 'decision', ref: 'CF-2026-0801', title: '行政处罚决定书' }],
    });
    expect([res.status, res.body.error?.code ?? null]).toEqual([201, null]);
    id = res.body.id;
    expect(res.body).toMatchObject({ followUpDue: plusDays(today(), 30), status: 'open', reportId: null, can: { recordReceipt: true, recordResult: true, printNotice: true } });
    const [sent] = await owner<{ dispatch: any }>(`select dispatch from outbox_message where aggregate_id = $1 and event_type = 'OutwardTransferSent'`, [id]);
    expect(sent!.dispatch).toMatchObject({ kind: 'start', workflowType: 'outwardFollowUpWorkflow', workflowId: `outward-follow-up-${id}` });
    expect(sent!.dispatch.args[0]).toMatchObject({ outwardTransferId: id, actor: { username: 'xw.bureau' }, clock: { dueDate: plusDays(today(), 30) } });
    expect(sent!.dispatch.args[0].clock.remindAt).toHaveLength(2);
    const province = await t().call(JS, 'GET', `/api/outward-transfers/${id}`);
    expect(province.body).toMatchObject({ mayRecord: false, can: { recordReceipt: false, recordResult: false, printNotice: true } });
  });

  it('its steps (as the worker runs them): a reminder for the due day only; overdue only after it, once, told to the bureau and the province', async () => {
    const commands = t().app.get(Commands);
    const bureau = actorOf(XW_BUREAU);
    const due = plusDays(today(), 30);
    expect(await commands.execute(new RemindOutwardFollowUpCommand(bureau, id, '2020-01-01'))).toBe(false);
    expect(await commands.execute(new RemindOutwardFollowUpCommand(bureau, id, due))).toBe(true);
    expect(await count(`select count(*) from notification where link = $1 and owner_org_id = 'bureau-320102'`, [`/outward-transfers/${id}`])).toBe(1);
    expect(await commands.execute(new MarkOutwardFollowUpOverdueCommand(bureau, id, due))).toBe(false);
    expect((await t().call(XW_BUREAU, 'GET', `/api/outward-transfers/${id}`)).body.overdue).toBe(false);
    // the follow-up day passed (as if sent 31 days ago)
    await owner(`update outward_transfer set follow_up_due = $2 where id = $1`, [id, '2026-01-01']);
    expect(await commands.execute(new MarkOutwardFollowUpOverdueCommand(bureau, id, '2026-01-01'))).toBe(true);
    expect(await commands.execute(new MarkOutwardFollowUpOverdueCommand(bureau, id, '2026-01-01'))).toBe(false);
    expect((await t().call(XW_BUREAU, 'GET', `/api/outward-transfers/${id}`)).body).toMatchObject({ overdue: true, status: 'open' });
    expect(await count(`select count(*) from notification where link = $1 and title_zh like '%逾期%' and owner_org_id in ('bureau-320102', 'bureau-32')`, [`/outward-transfers/${id}`])).toBe(2);
    const overdue = await t().call(JS, 'GET', '/api/outward-transfers?status=overdue&regionCode=320102');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('ends the clock with the first result (not again on a corrected one)', async () => {
    const first = await t().call(XW_BUREAU, 'POST', `/api/outward-transfers/${id}/result`, { result: '已立案调查', resultAt: today() });
    expect(first.body).toMatchObject({ overdue: false, status: 'done', can: { recordReceipt: false } });
    await t().call(XW_BUREAU, 'POST', `/api/outward-transfers/${id}/result`, { result: '已作出行政处罚', resultAt: today() });
    const ended = await owner<{ dispatch: any }>(`select dispatch from outbox_message where aggregate_id = $1 and event_type = 'OutwardTransferResultRecorded'`, [id]);
    expect(ended).toHaveLength(1);
    expect(ended[0]!.dispatch).toMatchObject({ kind: 'update', workflowId: `outward-follow-up-${id}`, args: [{ action: 'ended' }] });
    expect(await t().app.get(Commands).execute(new RemindOutwardFollowUpCommand(actorOf(XW_BUREAU), id, '2026-01-01'))).toBe(false);
  });

  it('prints its written notice (案件移送函) as a PDF for the bureau and the province; not for Zhejiang', async () => {
    const get = async (user: TestUser, path = id) => {
      const res = await fetch(`${t().baseUrl}/api/outward-transfers/${path}/notice.pdf`, { headers: { authorization: `Bearer ${await t().keys.token(user)}` } });
      return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
    };
    for (const user of [XW_BUREAU, JS]) {
      const pdf = await get(user);
      expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
      expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    }
    expect((await get(ZJ)).status).toBe(404);
    expect((await get(XW_BUREAU, 'not-a-uuid')).status).toBe(404);
  });

  it('exports the list under the same parameters (移送台账)', async () => {
    const file = await downloadXlsx(t(), JS, '/api/outward-transfers/export.xlsx?regionCode=320102&sort=-noticeDate');
    expect(file.status).toBe(200);
    const ids = exportColumn(file, 'Outward transfer id');
    expect(ids).toContain(id);
    expect(ids.sort()).toEqual((await allListIds(t(), JS, '/api/outward-transfers', 'regionCode=320102')).sort());
    expect(exportColumn(file, 'Recipient')).toContain('南京市玄武区市场监督管理局');
    const market = await downloadXlsx(t(), JS, '/api/outward-transfers/export.xlsx?recipientKind=market');
    expect(exportColumn(market, 'Outward transfer id')).toEqual([id]);
    expect((await downloadXlsx(t(), JS, '/api/outward-transfers/export.xlsx?sort=nope')).status).toBe(400);
    const zj = await downloadXlsx(t(), ZJ, '/api/outward-transfers/export.xlsx');
    expect(exportColumn(zj, 'Outward transfer id')).toEqual([]);
  });
});

// Issue 18, 「结果反馈移交机构并抄报上级」: the case the Xuanwu bureau opened from the agency's transfer is
// decided, then closed; each time the sending agency and the bureau one level above (Nanjing) are told in
// the same transaction, once; everyone who reads the transfer reads the result, even those who cannot
// open the case; Zhejiang sees nothing.

const NJ_BUREAU: TestUser = { sub: 'u-njld', username: 'nj.leader', roles: ['leader'], regionPath: '/32/3201/', orgId: 'bureau-3201', orgKind: 'bureau' };

describe('the result of the case opened from a transfer flows back to the agency and is copied to the level above', () => {
  let transferId = '';
  const resultNotices = async () => owner<{ owner_org_id: string; dedupe_key: string; title_zh: string; title_en: string; body_zh: string; body_en: string }>(
    `select owner_org_id, dedupe_key, title_zh, title_en, body_zh, body_en from notification where dedupe_key like $1 order by created_at, dedupe_key`, [`transfer-${transferId}-case-%`]);
  const DECISION = { penaltyAmount: '100000.00', recoveryAmount: '620000.00', legalBasis: '《医疗保障基金使用监督管理条例》第四十条', summary: '责令退回医保基金并处罚款' };

  it('shows the case (待立案) on the transfer before any result; nobody is told yet', async () => {
    transferId = (await owner<{ id: string }>(`select id from transfer where case_id = $1`, [caseId]))[0]!.id;
    const agency = await t().call(XW_AGENCY, 'GET', `/api/transfers/${transferId}`);
    expect(agency.body.result).toEqual({
      caseId, caseNo: expect.any(Number), status: 'proposed', decisionSummary: null, penaltyAmount: null, recoveryAmount: null, decidedAt: null, closedAt: null, canOpenCase: false,
    });
    expect(await resultNotices()).toEqual([]);
  });

  it('decided: the agency and the Nanjing bureau are told, with the decision and its amounts', async () => {
    await owner(`update enforcement_case set status = 'deliberated' where id = $1`, [caseId]);
    const decided = await t().call(XW_LEADER, 'POST', `/api/enforcement/cases/${caseId}/decision`, DECISION);
    expect([decided.status, decided.body.error?.code ?? null, decided.body.status]).toEqual([200, null, 'decided']);
    const notices = await resultNotices();
    expect(notices.map((n) => [n.owner_org_id, n.dedupe_key])).toEqual([
      ['agency-320102', `transfer-${transferId}-case-decided`], ['bureau-3201', `transfer-${transferId}-case-decided-above`],
    ]);
    const caseNo = decided.body.caseNo as number;
    expect(notices[0]).toMatchObject({
      title_zh: `移交案件已作出处理决定：${TRANSFER.subject}`, title_en: `Transferred case decided: ${TRANSFER.subject}`,
      body_zh: expect.stringContaining(`执法案件第 ${caseNo} 号于 ${today()} 作出处理决定：责令退回医保基金并处罚款（罚款 100000.00 元，追回 620000.00 元）`),
      body_en: expect.stringContaining(`case no. ${caseNo}`),
    });
    expect(notices[1]!.body_zh).toBe(notices[0]!.body_zh);
    const agency = await t().call(XW_AGENCY, 'GET', `/api/transfers/${transferId}`);
    expect(agency.body.result).toMatchObject({ status: 'decided', decisionSummary: DECISION.summary, penaltyAmount: '100000.00', recoveryAmount: '620000.00', decidedAt: expect.any(String), closedAt: null });
  });

  it('closed: told again (agency and level above), once; the agency, the city bureau and the province read the result; Zhejiang gets 404', async () => {
    await owner(`update enforcement_case set status = 'served' where id = $1`, [caseId]);
    const closed = await closeCase(caseId);
    expect([closed.status, closed.body.error?.code ?? null, closed.body.status]).toEqual([200, null, 'closed']);
    const notices = await resultNotices();
    expect(notices.map((n) => [n.owner_org_id, n.dedupe_key]).sort()).toEqual([
      ['agency-320102', `transfer-${transferId}-case-closed`], ['agency-320102', `transfer-${transferId}-case-decided`],
      ['bureau-3201', `transfer-${transferId}-case-closed-above`], ['bureau-3201', `transfer-${transferId}-case-decided-above`],
    ]);
    const closing = notices.find((n) => n.dedupe_key.endsWith('case-closed'))!;
    expect(closing).toMatchObject({ title_zh: `移交案件已结案：${TRANSFER.subject}`, body_zh: expect.stringContaining(`于 ${today()} 结案。处理决定：${DECISION.summary}`) });

    const result = {
      caseId, status: 'closed', decisionSummary: DECISION.summary, penaltyAmount: '100000.00', recoveryAmount: '620000.00', decidedAt: expect.any(String), closedAt: expect.any(String),
    };
    for (const [reader, canOpenCase] of [[XW_AGENCY, false], [NJ_BUREAU, true], [JS, true], [XW_BUREAU, true]] as const) {
      const res = await t().call(reader, 'GET', `/api/transfers/${transferId}`);
      expect([reader.username, res.status, res.body.result]).toEqual([reader.username, 200, { ...result, caseNo: expect.any(Number), canOpenCase }]);
    }
    expect((await t().call(ZJ, 'GET', `/api/transfers/${transferId}`)).status).toBe(404);
    expect((await t().call(GUSU, 'GET', `/api/transfers/${transferId}`)).status).toBe(404);

    // a closure recorded again (replayed) tells nobody twice
    await owner(`update enforcement_case set status = 'served' where id = $1`, [caseId]);
    expect((await closeCase(caseId)).status).toBe(200);
    expect(await resultNotices()).toHaveLength(4);
  });

  it('a case not opened from a transfer tells no agency', async () => {
    const results = `select count(*) from notification where dedupe_key like 'transfer-%-case-%'`;
    const before = await count(results);
    const other = await servedCase('1000.00', '多收费用（非移交案件）');
    expect((await closeCase(other)).status).toBe(200);
    expect(await count(results)).toBe(before);
  });
});
