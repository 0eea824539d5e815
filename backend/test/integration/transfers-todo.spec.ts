import { withTestApp, type TestApp } from '../support/app.js';
import { type TestUser, USERS } from '../support/tokens.js';

// Issue 18's to-do items (worklist GET /api/todo, TransfersTodoQuery): the Xuanwu bureau's transfers received
// and not yet answered; the Xuanwu agency's transfers awaiting its supplement (with the bureau's deadline) or
// returned; the bureau's major-case report to write (due date), Jiangsu's report to send, the national
// overseer's report to acknowledge. One item opens its page (/transfers/<id>, /major-case-reports/<id>);
// Suzhou's Gusu, Zhejiang and the institution see none of it.

const XW_AGENCY = USERS.xuanwu as TestUser;
const XW_BUREAU: TestUser = { sub: 'u-xwb1', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const JS = USERS.province as TestUser;
const NATION = USERS.nation as TestUser;
const ZJ = USERS.zhejiang as TestUser;
const GUSU = USERS.gusu as TestUser;
const HOSPITAL = USERS.hospital as TestUser;

let app: TestApp;
const t = () => app;
const { count } = withTestApp((started) => { app = started; });

const TRANSFER = {
  sourceKind: 'finding', sourceId: 'F-TODO-0001', institutionOrgId: 'inst-320102-0001',
  subject: '虚构医疗服务骗取医保基金（待办测试）', facts: '经查实，该院虚构康复理疗项目结算，涉及医保基金 620,000.00 元。', amountInvolved: '620000.00',
  materials: [{ kind: 'finding', ref: 'F-TODO-0001', title: '问题认定书' }],
};
const TRANSFER_KINDS = ['transfers_to_answer', 'transfers_to_supplement', 'transfers_returned', 'major_case_reports_to_write', 'major_case_reports_to_send', 'major_case_reports_to_acknowledge'];
interface Item { kind: string; count: number; nextDeadline: string | null; link: { path: string; query: Record<string, string> } }

async function todo(user: TestUser): Promise<Item[]> {
  const res = await t().call(user, 'GET', '/api/todo');
  expect(res.status).toBe(200);
  return res.body.items as Item[];
}
const itemOf = async (user: TestUser, kind: string) => (await todo(user)).find((i) => i.kind === kind);
const kindsOf = async (user: TestUser) => (await todo(user)).map((i) => i.kind).filter((k) => TRANSFER_KINDS.includes(k));
const act = (user: TestUser, id: string, step: string, body: Record<string, unknown> = {}) => t().call(user, 'POST', `/api/transfers/${id}/${step}`, body);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

describe('the to-do items of transfers and major-case reports', () => {
  let id = '';
  let caseId = '';
  let report = '';

  it('start empty for the Xuanwu bureau and agency', async () => {
    expect(await kindsOf(XW_BUREAU)).toEqual([]);
    expect(await kindsOf(XW_AGENCY)).toEqual([]);
  });

  it('a transfer sent waits for the receiving bureau to answer, opening its page; nobody else has it', async () => {
    const sent = await t().call(XW_AGENCY, 'POST', '/api/transfers', TRANSFER);
    expect(sent.status).toBe(201);
    id = sent.body.id;
    expect(await itemOf(XW_BUREAU, 'transfers_to_answer')).toMatchObject({ count: 1, nextDeadline: null, link: { path: `/transfers/${id}`, query: {} } });
    for (const user of [XW_AGENCY, GUSU, JS, ZJ, NATION, HOSPITAL]) expect(await kindsOf(user)).not.toContain('transfers_to_answer');
  });

  it('a supplement asked for waits for the agency, with the bureau\'s deadline; answered, it leaves the bureau\'s list', async () => {
    const due = inDays(10);
    expect((await act(XW_BUREAU, id, 'supplement-request', { reason: '请补充询问笔录原件', dueDate: due })).status).toBe(200);
    expect(await itemOf(XW_AGENCY, 'transfers_to_supplement')).toMatchObject({ count: 1, nextDeadline: due, link: { path: `/transfers/${id}` } });
    expect(await kindsOf(XW_BUREAU)).not.toContain('transfers_to_answer');
    expect(await kindsOf(GUSU)).toEqual([]);

    expect((await act(XW_AGENCY, id, 'supplement', { note: '已补充', materials: [{ kind: 'evidence', ref: 'ZJ-1', title: '询问笔录原件' }] })).status).toBe(200);
    expect(await kindsOf(XW_AGENCY)).not.toContain('transfers_to_supplement');
    expect(await itemOf(XW_BUREAU, 'transfers_to_answer')).toMatchObject({ count: 1 });
    const accepted = await act(XW_BUREAU, id, 'accept', { comment: '予以受理' });
    caseId = accepted.body.caseId;
    expect(await kindsOf(XW_BUREAU)).toEqual([]);
  });

  it('a returned transfer waits for the agency until it transfers the same source again; two open the list', async () => {
    const other = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, sourceId: 'F-TODO-0002', amountInvolved: '8000.00' });
    const third = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, sourceId: 'F-TODO-0003', amountInvolved: '9000.00' });
    expect(await itemOf(XW_BUREAU, 'transfers_to_answer')).toMatchObject({ count: 2, link: { path: '/local/transfers/list', query: { view: 'received', status: 'sent' } } });
    expect((await act(XW_BUREAU, other.body.id, 'return', { reasons: '不属于行政处罚范围' })).status).toBe(200);
    expect((await act(XW_BUREAU, third.body.id, 'return', { reasons: '材料不全' })).status).toBe(200);
    expect(await itemOf(XW_AGENCY, 'transfers_returned')).toMatchObject({ count: 2, nextDeadline: null, link: { path: '/local/transfers/list', query: { view: 'sent', status: 'returned' } } });
    expect(await kindsOf(XW_BUREAU)).toEqual([]);
    const again = await t().call(XW_AGENCY, 'POST', '/api/transfers', { ...TRANSFER, sourceId: 'F-TODO-0003', amountInvolved: '9000.00' });
    expect(await itemOf(XW_AGENCY, 'transfers_returned')).toMatchObject({ count: 1, link: { path: `/transfers/${other.body.id}` } });
    expect(await itemOf(XW_BUREAU, 'transfers_to_answer')).toMatchObject({ count: 1, link: { path: `/transfers/${again.body.id}` } });
    expect(await kindsOf(GUSU)).toEqual([]);
  });

  it('a major-case report waits for the bureau to write it (its due date), then for Jiangsu to send it, then for the national overseer', async () => {
    const acknowledging = await count(`select count(*) from major_case_report where status = 'sent'`);
    const outward = await t().call(XW_BUREAU, 'POST', '/api/outward-transfers', {
      caseId, recipientKind: 'police', recipientName: '南京市公安局玄武分局', noticeDate: today(), amountInvolved: '620000.00',
      materials: [{ kind: 'evidence', ref: 'ZJ-1', title: '结算明细' }],
    });
    expect(outward.status).toBe(201);
    report = outward.body.reportId;
    const due = (await t().call(XW_BUREAU, 'GET', `/api/major-case-reports/${report}`)).body.dueDate;
    expect(await itemOf(XW_BUREAU, 'major_case_reports_to_write')).toMatchObject({ count: 1, nextDeadline: due, link: { path: `/major-case-reports/${report}` } });
    for (const user of [XW_AGENCY, GUSU, JS, ZJ]) expect(await kindsOf(user)).not.toContain('major_case_reports_to_write');

    await t().call(XW_BUREAU, 'POST', `/api/major-case-reports/${report}/submit`, { discovery: '现场检查发现', facts: '虚构康复理疗项目', result: '已移送公安机关', basis: '《医疗保障基金使用监督管理条例》第四十条' });
    expect(await kindsOf(XW_BUREAU)).not.toContain('major_case_reports_to_write');
    expect(await itemOf(JS, 'major_case_reports_to_send')).toMatchObject({ count: 1, nextDeadline: due, link: { path: `/major-case-reports/${report}` } });
    for (const user of [ZJ, GUSU, XW_BUREAU, NATION]) expect(await kindsOf(user)).not.toContain('major_case_reports_to_send');

    expect((await t().call(JS, 'POST', `/api/major-case-reports/${report}/send`)).status).toBe(200);
    expect(await kindsOf(JS)).not.toContain('major_case_reports_to_send');
    const nation = await itemOf(NATION, 'major_case_reports_to_acknowledge');
    expect(nation?.count).toBe(acknowledging + 1);
    expect(nation?.link.path).toBe(acknowledging === 0 ? `/major-case-reports/${report}` : '/leader/national');
    for (const user of [ZJ, JS, XW_BUREAU]) expect(await kindsOf(user)).not.toContain('major_case_reports_to_acknowledge');

    await t().call(NATION, 'POST', `/api/major-case-reports/${report}/acknowledge`);
    expect((await itemOf(NATION, 'major_case_reports_to_acknowledge'))?.count ?? 0).toBe(acknowledging);
  });
});
