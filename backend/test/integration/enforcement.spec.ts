import { Commands, Queries } from '../../src/platform/cqrs/commands.js';
import { CaseOutcomeQuery, OpenCaseFromTransferCommand } from '../../src/contexts/enforcement/index.js';
import { MarkCaseOverdueCommand, RemindCaseCommand } from '../../src/contexts/enforcement/application/commands.js';
import { uploadPdf, withTestApp, type TestApp } from '../support/app.js';
import { pdfPageCount, pdfTitles } from '../support/pdf-strings.js';
import { actorOf, type TestUser, USERS } from '../support/tokens.js';

// Issue 18, administrative enforcement cases (行政执法) over HTTP, on Xuanwu's bureau: proposed by its
// staff, filed by its leader, investigated by two officers (records with documents and their SHA-256
// hashes), the proposed penalty notified, the party's statement, legal review by xw.legal (a legal
// reviewer of the case's bureau who did not investigate; an officer holding the role is refused, so
// are legal reviewers of the agency or of the province), collective deliberation
// (a major case), decision, service, publication; the public page of Jiangsu shows it masked, Zhejiang's
// does not, Zhejiang's officials never see the case. The transfers' contract opens a case 待立案.

const XW_STAFF: TestUser = { sub: 'u-xwb1', username: 'xw.bureau', roles: ['county_staff', 'legal_reviewer'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const XW_STAFF2: TestUser = { sub: 'u-xwb2', username: 'xw.bureau2', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const XW_LEADER: TestUser = { sub: 'u-xwld', username: 'xw.leader', roles: ['leader'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const XW_LEGAL: TestUser = { sub: 'u-xwl', username: 'xw.legal', roles: ['county_staff', 'legal_reviewer'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
// A legal reviewer outside the case's bureau: the Xuanwu agency's (agencies do not review enforcement cases) and the province's.
const AGENCY_LEGAL: TestUser = { sub: 'u-xwal', username: 'xw.agency.legal', roles: ['county_staff', 'legal_reviewer'], regionPath: '/32/3201/320102/', orgId: 'agency-320102', orgKind: 'agency' };
const JS_LEGAL: TestUser = { sub: 'u-jsl', username: 'js.legal', roles: ['province_official', 'legal_reviewer'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' };
const JS_OFFICIAL = USERS.province as TestUser;
const XW_PLAIN: TestUser = USERS.xuanwu as TestUser;
const ZJ = USERS.zhejiang as TestUser;
const HOSPITAL = USERS.hospital as TestUser;

let app: TestApp;
const t = () => app;
const { count, owner } = withTestApp((started) => { app = started; });

const CASE = {
  source: 'lead', sourceRef: 'XS-2026-001', regionCode: '320102', institutionOrgId: 'inst-320102-0001',
  subject: '串换药品、虚构医疗服务（执法测试）',
  facts: '经查，该院医师王小明于 2026 年 3 月为参保人李四（身份证号 320102199001011234，电话 13912345678）串换药品结算。',
  amountInvolved: '150000.00',
};

async function step(user: TestUser, id: string, name: string, body: Record<string, unknown> = {}) {
  return t().call(user, 'POST', `/api/enforcement/cases/${id}/${name}`, body);
}
async function ok(user: TestUser, id: string, name: string, body: Record<string, unknown> = {}) {
  const res = await step(user, id, name, body);
  expect([res.status, res.body.error?.code ?? null]).toEqual([200, null]);
  return res.body;
}

describe('the whole path of a major case on Xuanwu\'s bureau', () => {
  let id = '';

  it('is proposed by staff and filed by the leader (not by staff; not by an institution)', async () => {
    expect((await t().call(HOSPITAL, 'POST', '/api/enforcement/cases', CASE)).status).toBe(403);
    const before = await count(`select count(*) from enforcement_case`);
    const bad = await t().call(XW_STAFF, 'POST', '/api/enforcement/cases', { ...CASE, amountInvolved: '-1' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'case_amount_invalid']);
    expect(await count(`select count(*) from enforcement_case`)).toBe(before);

    const res = await t().call(XW_STAFF, 'POST', '/api/enforcement/cases', CASE);
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ status: 'proposed', major: true, institution: { id: 'inst-320102-0001' }, bureau: { id: 'bureau-320102' } });
    const byStaff = await step(XW_STAFF, id, 'approve-filing', { approve: true });
    expect([byStaff.status, byStaff.body.error.code]).toEqual([403, 'case_leader_required']);
    expect(byStaff.body.error.message.zh).toContain('负责人');
    const filed = await ok(XW_LEADER, id, 'approve-filing', { approve: true, comment: '同意立案' });
    expect(filed.status).toBe('investigating');
    expect(filed.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is investigated by at least two officers, their records keeping the documents\' hashes', async () => {
    const one = await step(XW_LEADER, id, 'officers', { officers: [{ userId: XW_STAFF.sub, name: '执法员甲' }] });
    expect([one.status, one.body.error.code]).toEqual([400, 'case_officers_too_few']);
    await ok(XW_LEADER, id, 'officers', { officers: [{ userId: XW_STAFF.sub, name: '执法员甲' }, { userId: XW_STAFF2.sub, name: '执法员乙' }] });
    const early = await step(XW_STAFF, id, 'notice', { proposedPenalty: '300000', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条' });
    expect([early.status, early.body.error.code]).toEqual([409, 'case_investigation_incomplete']);
    const notOfficer = await step(XW_LEADER, id, 'records', { kind: 'interview', title: '询问笔录', summary: '询问院长' });
    expect([notOfficer.status, notOfficer.body.error.code]).toEqual([403, 'case_not_officer']);

    const file = await uploadPdf(t(), XW_STAFF, '询问笔录.pdf');
    await ok(XW_STAFF, id, 'records', { kind: 'interview', title: '询问笔录（医务科长）', summary: '承认存在串换药品情况。', attachmentIds: [file] });
    const bogus = await step(XW_STAFF2, id, 'records', { kind: 'evidence', title: '结算清单', summary: '…', attachmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([bogus.status, bogus.body.error.code]).toEqual([400, 'attachment_unknown']);
    const detail = await ok(XW_STAFF2, id, 'records', { kind: 'evidence', title: '结算清单', summary: '2026 年 3 月结算明细 120 条。' });
    expect(detail.investigation.records).toHaveLength(2);
    const withDoc = detail.timeline.find((h: { action: string }) => h.action === 'record_interview');
    expect(withDoc.documents).toEqual([{ attachmentId: file, filename: '询问笔录.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('notifies the proposed penalty and records the statement with the hearing request', async () => {
    await ok(XW_STAFF, id, 'notice', { proposedPenalty: '300000.00', proposedRecovery: '150000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条' });
    const early = await step(XW_LEGAL, id, 'legal-review', { approve: true, opinion: '事实清楚' });
    expect([early.status, early.body.error.code]).toEqual([409, 'case_statement_missing']);
    const bad = await step(XW_STAFF, id, 'statement', { statement: '对事实无异议' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'case_hearing_required']);
    const d = await ok(XW_STAFF, id, 'statement', { statement: '对事实无异议，请求从轻处罚。', defence: '已主动退回部分款项。', hearingRequested: false });
    expect(d.statement).toMatchObject({ hearingRequested: false, defence: '已主动退回部分款项。' });
  });

  it('is legally reviewed by a legal reviewer who did not investigate — never by an investigator, nor by a user without the role', async () => {
    const investigator = await step(XW_STAFF, id, 'legal-review', { approve: true, opinion: '同意' });
    expect([investigator.status, investigator.body.error.code]).toEqual([403, 'case_reviewer_investigated']);
    expect(investigator.body.error.message.zh).toContain('不得');
    expect(investigator.body.error.message.en).toContain('investigated');
    const plain = await step(XW_PLAIN, id, 'legal-review', { approve: true, opinion: '同意' });
    expect([plain.status, plain.body.error.code]).toEqual([403, 'case_legal_reviewer_required']);
    for (const outsider of [AGENCY_LEGAL, JS_LEGAL]) {
      const refused = await step(outsider, id, 'legal-review', { approve: true, opinion: '同意' });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'case_legal_reviewer_required']);
      expect(refused.body.error.message.zh).toContain('立案部门');
      expect((await t().call(outsider, 'GET', `/api/enforcement/cases/${id}`)).body.can.reviewLegality).toBe(false);
    }
    const view = await t().call(XW_LEGAL, 'GET', `/api/enforcement/cases/${id}`);
    expect(view.body.can.reviewLegality).toBe(true);
    expect((await t().call(XW_STAFF, 'GET', `/api/enforcement/cases/${id}`)).body.can.reviewLegality).toBe(false);
    const d = await ok(XW_LEGAL, id, 'legal-review', { approve: true, opinion: '事实清楚，证据确凿，适用依据正确，程序合法。' });
    expect(d.status).toBe('legal_reviewed');
    expect(d.legalReview).toMatchObject({ approved: true, by: 'xw.legal' });
  });

  it('a major case is decided only after collective deliberation', async () => {
    const early = await step(XW_LEADER, id, 'decision', { penaltyAmount: '300000.00', recoveryAmount: '150000.00', legalBasis: '条例第三十八条', summary: '罚款并追回' });
    expect([early.status, early.body.error.code]).toEqual([409, 'case_deliberation_required']);
    const few = await step(XW_LEADER, id, 'deliberation', { participants: ['周文斌', '郑立新'], minutes: '…', conclusion: '同意' });
    expect([few.status, few.body.error.code]).toEqual([400, 'case_participants_too_few']);
    await ok(XW_LEADER, id, 'deliberation', { participants: ['周文斌', '郑立新', '执法员甲'], minutes: '讨论认为事实清楚。', conclusion: '同意拟处罚意见' });
    const d = await ok(XW_LEADER, id, 'decision', {
      penaltyAmount: '300000.00', recoveryAmount: '150000.00', legalBasis: '《医疗保障基金使用监督管理条例》第三十八条',
      summary: '责令退回医保基金 150000 元，处违法金额 2 倍罚款 300000 元；医师王小明另行处理。',
    });
    expect(d).toMatchObject({ status: 'decided', penaltyAmount: '300000.00', recoveryAmount: '150000.00' });
  });

  it('is served and published; the outcome query answers the contract', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    const future = await step(XW_STAFF, id, 'service', { method: '直接送达', recipient: '南京玄武康宁医院', servedOn: tomorrow });
    expect([future.status, future.body.error.code]).toEqual([400, 'case_served_on_invalid']);
    await ok(XW_STAFF, id, 'service', { method: '直接送达', recipient: '南京玄武康宁医院', servedOn: today });
    expect((await t().call(USERS.hospital as TestUser, 'GET', '/api/public/enforcement/32')).body.items.some((i: { subject: string }) => i.subject === CASE.subject)).toBe(false);
    const published = await ok(XW_LEADER, id, 'publication');
    expect(published.publishedAt).not.toBeNull();
    await ok(XW_STAFF, id, 'execution', { paidAmount: '150000.00', note: '已退回医保基金' });
    await ok(XW_STAFF, id, 'remedy', { kind: 'reconsideration', outcome: '当事人未申请复议' });
    const closed = await ok(XW_LEADER, id, 'closure', { summary: '结案' });
    expect(closed.status).toBe('closed');
    const actions = closed.timeline.map((h: { action: string }) => h.action);
    expect(actions).toEqual(['proposed', 'filed', 'officers_assigned', 'record_interview', 'record_evidence', 'notified', 'statement',
      'legal_review_approved', 'deliberated', 'decided', 'served', 'published', 'execution', 'reconsideration', 'closed']);

    const outcome = await t().app.get(Queries).execute(new CaseOutcomeQuery(actorOf(XW_LEADER), id));
    expect(outcome).toMatchObject({ id, status: 'closed', penaltyAmount: '300000.00', recoveryAmount: '150000.00' });
    expect(outcome.publishedAt).not.toBeNull();
  });

  it('prints its case file (卷宗) as a PDF with a table of contents, for the case\'s readers only', async () => {
    const get = async (user: TestUser, caseId = id) => {
      const res = await fetch(`${t().baseUrl}/api/enforcement/cases/${caseId}/dossier.pdf`, { headers: { authorization: `Bearer ${await t().keys.token(user)}` } });
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
    };
    const pdf = await get(XW_STAFF);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    expect(decodeURIComponent(pdf.disposition ?? '')).toContain('行政执法案件卷宗');
    // The table of contents' entries, as the PDF's outline, in order.
    expect(pdfTitles(pdf.body).filter((x) => !x.startsWith('行政执法案件卷宗'))).toEqual(['一、立案', '二、调查取证', '三、事先告知与陈述申辩', '四、法制审核', '五、集体讨论', '六、处理决定', '七、送达与公示',
      '八、执行情况', '九、行政复议与行政诉讼', '十、全过程记录']);
    expect(pdfPageCount(pdf.body)).toBeGreaterThanOrEqual(4);
    for (const user of [XW_LEADER, XW_LEGAL, JS_OFFICIAL]) expect((await get(user)).status).toBe(200);
    expect((await get(ZJ)).status).toBe(404);
    expect((await get(HOSPITAL)).status).toBe(403);
    expect((await get(XW_STAFF, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('the public page of Jiangsu shows it, personal data masked; Zhejiang\'s does not; Zhejiang never sees the case', async () => {
    const js = await t().call(null, 'GET', '/api/public/enforcement/32?pageSize=500');
    expect(js.status).toBe(200);
    const item = js.body.items.find((i: { subject: string }) => i.subject === CASE.subject);
    expect(item).toMatchObject({ party: expect.stringContaining('医院'), penaltyAmount: '300000.00', recoveryAmount: '150000.00' });
    expect(item.facts).toContain('医师王**');
    expect(item.facts).toContain('参保人李*');
    expect(item.facts).toContain('320102************');
    expect(item.facts).toContain('139********');
    expect(JSON.stringify(js.body)).not.toMatch(/王小明|李四|320102199001011234|13912345678/);
    const zj = await t().call(null, 'GET', '/api/public/enforcement/33?pageSize=500');
    expect(zj.status).toBe(200);
    expect(zj.body.items.some((i: { subject: string }) => i.subject === CASE.subject)).toBe(false);
    expect((await t().call(null, 'GET', '/api/public/enforcement/abc')).status).toBe(400);

    expect((await t().call(ZJ, 'GET', `/api/enforcement/cases/${id}`)).status).toBe(404);
    expect((await t().call(ZJ, 'GET', '/api/enforcement/cases?pageSize=500')).body.items.some((c: { id: string }) => c.id === id)).toBe(false);
    expect((await step(ZJ, id, 'publication')).status).toBe(404);
  });

  it('lists on the list convention: search by institution, status, sort, export', async () => {
    const list = await t().call(XW_STAFF, 'GET', '/api/enforcement/cases?q=inst-320102-0001&status=closed&sort=-caseNo');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await t().call(XW_STAFF, 'GET', '/api/enforcement/cases?status=proposed')).body.items.some((c: { id: string }) => c.id === id)).toBe(false);
    expect((await t().call(XW_STAFF, 'GET', '/api/enforcement/cases?sort=nonsense')).status).toBe(400);
    const res = await fetch(`${t().baseUrl}/api/enforcement/cases/export.xlsx?status=closed`, { headers: { authorization: `Bearer ${await t().keys.token(XW_STAFF)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('the transfers\' contract', () => {
  it('opens a case 待立案 at the actor\'s bureau from a transfer, whose outcome the caller reads', async () => {
    const { id } = await t().app.get(Commands).execute(new OpenCaseFromTransferCommand({
      actor: actorOf(XW_STAFF), transferId: 'TR-0001', institutionOrgId: 'inst-320102-0001', regionCode: '320102',
      subject: '移送案件（执法测试）', facts: '市局移送：涉嫌欺诈骗保。', amountInvolved: '5000.00',
    }));
    const outcome = await t().app.get(Queries).execute(new CaseOutcomeQuery(actorOf(XW_LEADER), id));
    expect(outcome).toEqual({
      id, caseNo: expect.any(Number), subject: '移送案件（执法测试）', facts: '市局移送：涉嫌欺诈骗保。', institution: { id: 'inst-320102-0001', name: expect.any(String) },
      amountInvolved: '5000.00', status: 'proposed', decidedAt: null, decisionSummary: null, penaltyAmount: null, recoveryAmount: null, closedAt: null, publishedAt: null,
    });
    const d = await t().call(XW_LEADER, 'GET', `/api/enforcement/cases/${id}`);
    expect(d.body).toMatchObject({ source: 'transfer', sourceRef: 'TR-0001', major: false, can: { approveFiling: true } });
    await expect(t().app.get(Queries).execute(new CaseOutcomeQuery(actorOf(ZJ), id))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the closure clock (its workflow\'s steps run here as its activities would)', () => {
  it('filing starts the workflow, the decision ends it; reminders tell the bureau; overdue is flagged once per due day', async () => {
    const created = await t().call(XW_STAFF, 'POST', '/api/enforcement/cases', { ...CASE, subject: '时限测试案件', amountInvolved: '100.00' });
    const id = created.body.id as string;
    const filed = await ok(XW_LEADER, id, 'approve-filing', { approve: true });
    const messages = await owner<{ event_type: string; dispatch: { kind: string; workflowType?: string; args?: [{ clock: { dueDate: string; remindAt: string[] } }] } }>(
      `select event_type, dispatch from outbox_message where aggregate_id = $1 order by seq`, [id]);
    const start = messages.find((m) => m.event_type === 'EnforcementCaseFiled')!;
    expect(start.dispatch).toMatchObject({ kind: 'start', workflowType: 'enforcementCaseWorkflow' });
    expect(start.dispatch.args![0].clock.dueDate).toBe(filed.dueDate);
    expect(start.dispatch.args![0].clock.remindAt).toHaveLength(3);

    const commands = t().app.get(Commands);
    const leader = actorOf(XW_LEADER);
    expect(await commands.execute(new RemindCaseCommand(leader, id, filed.dueDate))).toBe(true);
    expect(await commands.execute(new RemindCaseCommand(leader, id, '2000-01-01'))).toBe(false);
    const inbox = await t().call(XW_STAFF, 'GET', '/api/notifications?pageSize=200');
    expect(inbox.body.items.map((n: { titleZh: string }) => n.titleZh)).toContain('执法案件办案期限临近：时限测试案件');
    expect(await commands.execute(new MarkCaseOverdueCommand(leader, id, filed.dueDate))).toBe(true);
    expect(await commands.execute(new MarkCaseOverdueCommand(leader, id, filed.dueDate))).toBe(false);
    const d = await t().call(XW_LEADER, 'GET', `/api/enforcement/cases/${id}`);
    expect(d.body.overdue).toBe(true);
    // A leader extends it: a new clock for the workflow, the flag cleared.
    const extended = await ok(XW_LEADER, id, 'extension', { days: 30, reason: '案情复杂，需补充调查' });
    expect(extended.overdue).toBe(false);
    const after = await owner<{ event_type: string; dispatch: { kind: string; args: [{ action: string; clock?: { dueDate: string } }] } }>(
      `select event_type, dispatch from outbox_message where aggregate_id = $1 and event_type = 'EnforcementCaseExtended'`, [id]);
    expect(after[0]!.dispatch).toMatchObject({ kind: 'update', args: [{ action: 'clock', clock: { dueDate: extended.dueDate } }] });
  });
});
