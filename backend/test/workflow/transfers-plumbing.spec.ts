import { TestWorkflowEnvironment } from '@temporalio/testing';
import { majorCaseReportStateQuery, majorCaseReportWorkflowId, outwardFollowUpStateQuery, outwardFollowUpWorkflowId } from '@fundsup/workflows/contracts';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import type { TestApp } from '../support/app.js';
import type { TestUser } from '../support/tokens.js';
import { eventually } from '../support/eventually.js';

// Issue 18 part 2 end to end through the outbox relay and a worker: closing a ¥620,000 case opens its
// major-case report, whose clock starts and reminds the bureau on day 5, and the bureau's submission ends it;
// an outward transfer's follow-up clock starts when it is sent (a backdated notice: the follow-up day has
// passed, so it is flagged overdue at once, the bureau and the province told) and the result ends it.

const BUREAU: TestUser = { sub: 'u-xwb1', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const LEADER: TestUser = { sub: 'u-xwld', username: 'xw.leader', roles: ['leader'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const PROVINCE: TestUser = { sub: 'u-js', username: 'js.official', roles: ['province_official'], regionPath: '/32/', orgId: 'bureau-32', orgKind: 'bureau' };
const DAY = 86_400_000;

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner, skipTo } = withTimeSkippingApp((s) => ({ env, t } = s));

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const inbox = async (user: TestUser) => (await t.call(user, 'GET', '/api/notifications?pageSize=200')).body.items.map((n: { titleZh: string }) => n.titleZh);

/** A Xuanwu case brought to 已送达 with its decision (enforcement.spec walks those steps). */
async function servedCase(amount: string): Promise<string> {
  const res = await t.call(BUREAU, 'POST', '/api/enforcement/cases', {
    regionCode: '320102', institutionOrgId: 'inst-320102-0001', subject: '虚构诊疗项目', facts: `涉及医保基金 ${amount} 元。`, amountInvolved: amount,
  });
  expect(res.status).toBe(201);
  const decision = { penaltyAmount: '100000.00', recoveryAmount: amount, legalBasis: '条例第四十条', summary: '罚款并追回', by: 'xw.leader', byUserId: 'u-xwld', at: new Date().toISOString() };
  await owner(`update enforcement_case set status = 'served', decision = $2::jsonb, decided_at = now(), penalty_amount = 100000, recovery_amount = $3::numeric where id = $1`,
    [res.body.id, JSON.stringify(decision), amount]);
  return res.body.id as string;
}

it('a ¥620,000 closure starts the report\'s clock, reminded on day 5; the submission ends it', async () => {
  const caseId = await servedCase('620000.00');
  const closed = await t.call(LEADER, 'POST', `/api/enforcement/cases/${caseId}/closure`, { summary: '结案' });
  expect([closed.status, closed.body.error?.code ?? null]).toEqual([200, null]);
  const [report] = await owner<{ id: string }>(`select id from major_case_report where case_id = $1 and trigger = 'amount'`, [caseId]);
  const handle = env.client.workflow.getHandle(majorCaseReportWorkflowId(report!.id));
  const worker = await createTestWorker(env, t);
  await worker.runUntil(async () => {
    await eventually('report clock started', async () => (await handle.query(majorCaseReportStateQuery)).dueAt !== null);
    const started = await env.currentTimeMs();
    expect(await inbox(BUREAU)).not.toContain('重大案件报告即将到期');
    await skipTo(started + 6 * DAY);
    await eventually('day-5 reminder', async () => (await handle.query(majorCaseReportStateQuery)).reminded.length === 1);
    expect(await inbox(BUREAU)).toContain('重大案件报告即将到期');
    const submitted = await t.call(BUREAU, 'POST', `/api/major-case-reports/${report!.id}/submit`, {
      discovery: '智能监控预警', facts: '虚构诊疗项目结算 620,000.00 元', result: '罚款并追回', basis: '条例第四十条',
    });
    expect(submitted.body.status).toBe('submitted');
    await eventually('submission relayed', async () => (await handle.describe()).status.name === 'COMPLETED');
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [] });
  });
});

it('an outward transfer\'s follow-up clock: started when sent, overdue past the follow-up day (bureau and province told), ended by the result', async () => {
  const caseId = await servedCase('80000.00');
  const noticeDate = new Date(Date.parse(`${chinaToday()}T00:00:00Z`) - 31 * DAY).toISOString().slice(0, 10);
  const sent = await t.call(BUREAU, 'POST', '/api/outward-transfers', {
    caseId, recipientKind: 'price', recipientName: '玄武区发展和改革委员会（价格）', noticeDate, amountInvolved: '80000.00',
    materials: [{ kind: 'evidence', ref: 'JG-01', title: '收费明细' }],
  });
  expect([sent.status, sent.body.error?.code ?? null]).toEqual([201, null]);
  const id: string = sent.body.id;
  const handle = env.client.workflow.getHandle(outwardFollowUpWorkflowId(id));
  const worker = await createTestWorker(env, t);
  await worker.runUntil(async () => {
    await eventually('follow-up overdue', async () => (await handle.query(outwardFollowUpStateQuery)).overdue.length === 1);
    expect((await t.call(BUREAU, 'GET', `/api/outward-transfers/${id}`)).body).toMatchObject({ overdue: true, status: 'open' });
    expect(await inbox(BUREAU)).toContain('移送价格主管部门的案件逾期未反馈');
    expect(await inbox(PROVINCE)).toContain('移送价格主管部门的案件逾期未反馈');
    const done = await t.call(BUREAU, 'POST', `/api/outward-transfers/${id}/result`, { result: '已立案查处', resultAt: chinaToday() });
    expect(done.body).toMatchObject({ overdue: false, status: 'done' });
    await eventually('result relayed', async () => (await handle.describe()).status.name === 'COMPLETED');
    expect(await handle.result()).toMatchObject({ ended: true });
  });
});
