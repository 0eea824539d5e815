import { TestWorkflowEnvironment } from '@temporalio/testing';
import { enforcementCaseStateQuery, enforcementCaseWorkflowId } from '@fundsup/workflows/contracts';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import type { TestApp } from '../support/app.js';
import type { TestUser } from '../support/tokens.js';
import { eventually } from '../support/eventually.js';

// An enforcement case's closure clock end to end (issue 18): filing (EnforcementCaseFiled) starts its
// workflow through the outbox with the 90-day clock; past the due day the worker's activity flags it
// overdue (as the approving leader) and the bureau is told; a leader's extension moves the clock; the
// decision ends the workflow.

const HOUR = 3_600_000;
const STAFF: TestUser = { sub: 'u-xwb1', username: 'xw.bureau', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const STAFF2: TestUser = { sub: 'u-xwb2', username: 'xw.bureau2', roles: ['county_staff'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const LEADER: TestUser = { sub: 'u-xwld', username: 'xw.leader', roles: ['leader'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };
const LEGAL: TestUser = { sub: 'u-xwl', username: 'xw.legal', roles: ['county_staff', 'legal_reviewer'], regionPath: '/32/3201/320102/', orgId: 'bureau-320102', orgKind: 'bureau' };

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner, skipTo } = withTimeSkippingApp((s) => ({ env, t } = s));

it('overdue past the closure limit, a leader\'s extension, and the decision ends it', async () => {
  const step = async (user: TestUser, id: string, name: string, body: Record<string, unknown> = {}) => {
    const res = await t.call(user, 'POST', `/api/enforcement/cases/${id}/${name}`, body);
    expect([name, res.status, res.body.error?.code ?? null]).toEqual([name, 200, null]);
    return res.body;
  };
  const created = await t.call(STAFF, 'POST', '/api/enforcement/cases', {
    regionCode: '320102', institutionOrgId: 'inst-320102-0001', subject: '挂床住院', facts: '查实挂床住院 3 人次。', amountInvolved: '3000',
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const filed = await step(LEADER, id, 'approve-filing', { approve: true });
  const handle = env.client.workflow.getHandle(enforcementCaseWorkflowId(id));
  const worker = await createTestWorker(env, t);
  await worker.runUntil(async () => {
    await eventually('workflow started', async () => (await handle.query(enforcementCaseStateQuery)).dueAt !== null);
    const { dueAt } = await handle.query(enforcementCaseStateQuery);
    await skipTo(Date.parse(dueAt!) + HOUR);
    await eventually('overdue flagged', async () => (await handle.query(enforcementCaseStateQuery)).overdue.includes(filed.dueDate));
    expect((await t.call(STAFF, 'GET', `/api/enforcement/cases/${id}`)).body.overdue).toBe(true);
    const inbox = (await t.call(STAFF, 'GET', '/api/notifications?pageSize=200')).body.items.map((n: { titleZh: string }) => n.titleZh);
    expect(inbox).toContain('执法案件已超过办案期限：挂床住院');

    const extended = await step(LEADER, id, 'extension', { days: 30, reason: '案情复杂' });
    expect(extended.overdue).toBe(false);
    await eventually('extension relayed', async () => (await handle.query(enforcementCaseStateQuery)).dueAt !== dueAt);

    await step(LEADER, id, 'officers', { officers: [{ userId: STAFF.sub, name: '甲' }, { userId: STAFF2.sub, name: '乙' }] });
    await step(STAFF, id, 'records', { kind: 'inspection', title: '现场检查笔录', summary: '核对住院病人在床情况。' });
    await step(STAFF, id, 'notice', { proposedPenalty: '6000', proposedRecovery: '3000', legalBasis: '条例第三十八条' });
    await step(STAFF, id, 'statement', { statement: '放弃陈述申辩', hearingRequested: false });
    await step(LEGAL, id, 'legal-review', { approve: true, opinion: '同意' });
    await step(LEADER, id, 'decision', { penaltyAmount: '6000', recoveryAmount: '3000', legalBasis: '条例第三十八条', summary: '退回并罚款' });
    // result() lets the test server skip time: wait for the relay to end the clock first (as lead-plumbing).
    await eventually('decision relayed', async () => (await handle.describe()).status.name === 'COMPLETED');
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [filed.dueDate] });
  });
  const audit = await owner<{ username: string }>(
    `select username from audit_entry where target = $1 and command = 'MarkCaseOverdueCommand' order by seq`, [id]);
  expect(audit).toEqual([{ username: LEADER.username }]);
});
