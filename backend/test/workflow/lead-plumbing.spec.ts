import { TestWorkflowEnvironment } from '@temporalio/testing';
import { leadStateQuery, leadWorkflowId } from '@fundsup/workflows/contracts';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import type { TestApp } from '../support/app.js';
import { USERS, type TestUser } from '../support/tokens.js';
import { eventually } from '../support/eventually.js';

// A lead end to end (issue 17): LeadRegistered starts its workflow through the outbox; the assignment
// to Xuanwu sends the new clock; past the due day the worker's activity flags the lead overdue (once,
// as the registering province official) and the assigner is told; an approved extension moves the
// clock, and past the new day it is flagged again; the acceptance ends the workflow.

const HOUR = 3_600_000;
const JS = USERS.province as TestUser;
const XW = USERS.xuanwu as TestUser;

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner, skipTo } = withTimeSkippingApp((s) => ({ env, t } = s));

it('overdue escalation to the assigner, an extension, and the end', async () => {
  const today = chinaDateOf(new Date());
  const reg = await t.call(JS, 'POST', '/api/leads', {
    source: 'provincial_assignment', sourceRef: '苏医保稽〔2026〕9号', regionCode: '320102', institutionOrgId: 'inst-320102-0001',
    subject: '分解住院', facts: '智能监控提示该院存在分解住院。', amountInvolved: '30000',
  });
  expect(reg.status).toBe(201);
  const id: string = reg.body.id;
  await t.call(JS, 'POST', `/api/leads/${id}/assess`, { valuable: true, reasons: '有核查价值' });
  const firstDue = addCalendarDays(today, 3);
  expect((await t.call(JS, 'POST', `/api/leads/${id}/assign`, { toOrgId: 'agency-320102', dueDate: firstDue })).body.status).toBe('assigned');
  const handle = env.client.workflow.getHandle(leadWorkflowId(id));
  const worker = await createTestWorker(env, t);
  await worker.runUntil(async () => {
    await eventually('workflow started and clock relayed', async () => (await handle.query(leadStateQuery)).dueAt !== reg.body.dueAt
      && (await handle.query(leadStateQuery)).dueAt !== null);
    const { dueAt } = await handle.query(leadStateQuery);
    await skipTo(Date.parse(dueAt!) + HOUR);
    await eventually('overdue flagged', async () => (await handle.query(leadStateQuery)).overdue.includes(firstDue));
    expect((await t.call(XW, 'GET', `/api/leads/${id}`)).body.overdue).toBe(true);
    const inbox = (await t.call(JS, 'GET', '/api/notifications?pageSize=200')).body.items.map((n: { titleZh: string }) => n.titleZh);
    expect(inbox).toContain('线索逾期未办结：分解住院');

    const later = addCalendarDays(today, 20);
    expect((await t.call(XW, 'POST', `/api/leads/${id}/extension`, { dueDate: later, reason: '病历量大' })).status).toBe(200);
    expect((await t.call(JS, 'POST', `/api/leads/${id}/extension/decide`, { approve: true })).body).toMatchObject({ dueDate: later, overdue: false });
    await eventually('extension relayed', async () => (await handle.query(leadStateQuery)).dueAt !== dueAt);
    const next = (await handle.query(leadStateQuery)).dueAt!;
    await skipTo(Date.parse(next) + HOUR);
    await eventually('flagged for the new day', async () => (await handle.query(leadStateQuery)).overdue.includes(later));

    const team = (await owner<{ id: string }>(`select id from inspector where organization_id = 'agency-320102' and active order by id`)).map((r) => r.id);
    const insp = await t.call(XW, 'POST', '/api/inspections', { institutionId: 'inst-320102-0001', plannedOn: today, teamInspectorIds: team.slice(0, 2), inspectionType: 'lead' });
    await t.call(XW, 'POST', `/api/leads/${id}/investigate`, { inspectionId: insp.body.id });
    await t.call(XW, 'POST', `/api/leads/${id}/close`, { result: 'not_confirmed', summary: '未查实' });
    await t.call(XW, 'POST', `/api/leads/${id}/report`);
    expect((await t.call(JS, 'POST', `/api/leads/${id}/accept`, {})).body.status).toBe('accepted');
    // result() lets the test server skip time: wait for the relay to end the clock first, or a busy
    // machine skips to the execution timeout before the acceptance arrives (seen in a full run).
    await eventually('acceptance relayed', async () => (await handle.describe()).status.name === 'COMPLETED');
    expect(await handle.result()).toMatchObject({ ended: true, overdue: [firstDue, later] });
  });
  const audit = await owner<{ command: string; username: string }>(
    `select command, username from audit_entry where target = $1 and command = 'MarkLeadOverdueCommand' order by seq`, [id]);
  expect(audit).toEqual([{ command: 'MarkLeadOverdueCommand', username: JS.username }, { command: 'MarkLeadOverdueCommand', username: JS.username }]);
});
