import { TestWorkflowEnvironment } from '@temporalio/testing';
import { documentRequestStateQuery, documentRequestWorkflowId } from '@fundsup/workflows/contracts';
import { addCalendarDays, chinaDateOf } from '../../src/platform/calendar/working-days.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import type { TestApp } from '../support/app.js';
import { USERS, type TestUser } from '../support/tokens.js';
import { eventually } from '../support/eventually.js';

// A document request of an inspection (调取资料) end to end: DocumentRequested starts its workflow
// through the outbox; past the due day the worker's activity runs the overdue command as the agency's
// user (once); the institution's late answer reaches the workflow as an update, which completes it.

const HOUR = 3_600_000;
const XW = USERS.xuanwu as TestUser;
const HOSPITAL = USERS.hospital as TestUser;

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner } = withTimeSkippingApp((s) => ({ env, t } = s));

async function ask(dueInDays: number): Promise<{ id: string; dueAt: string }> {
  const today = chinaDateOf(new Date());
  const team = (await owner<{ id: string }>(`select id from inspector where organization_id = $1 and active order by id`, [XW.orgId])).map((r) => r.id);
  const inspection = await t.call(XW, 'POST', '/api/inspections', { institutionId: HOSPITAL.orgId, plannedOn: addCalendarDays(today, 20), teamInspectorIds: team.slice(0, 2) });
  expect(inspection.status).toBe(201);
  const asked = await t.call(XW, 'POST', `/api/inspections/${inspection.body.id}/document-requests`, { items: '住院病历', dueDate: addCalendarDays(today, dueInDays) });
  expect(asked.status).toBe(201);
  const [m] = await owner<{ payload: { input: { dueAt: string } } }>(`select payload from outbox_message where event_type = 'DocumentRequested' and aggregate_id = $1`, [asked.body.id]);
  return { id: asked.body.id, dueAt: m!.payload.input.dueAt };
}

// First: the test server's clock only moves forward, and the other test skips it past this one's due day.
it('answered before the due day: done, never flagged', async () => {
  const { id } = await ask(5);
  const handle = env.client.workflow.getHandle(documentRequestWorkflowId(id));
  const worker = await createTestWorker(env, t);
  await worker.runUntil(async () => {
    await eventually('workflow started by the relay', () => handle.describe());
    expect((await t.call(HOSPITAL, 'POST', `/api/inspection-document-requests/${id}/answer`, { answer: '已上传。', attachmentIds: [] })).status).toBe(200);
    await eventually('answer relayed', async () => (await handle.query(documentRequestStateQuery)).answered);
    expect(await handle.result()).toEqual({ answered: true, overdue: false });
  });
  const [row] = await owner<{ overdue: boolean; status: string }>(`select overdue, status from inspection_document_request where id = $1`, [id]);
  expect(row).toEqual({ overdue: false, status: 'answered' });
});

it('not answered by the due day: flagged overdue once as the agency, then done with the late answer', async () => {
  const { id, dueAt } = await ask(2);
  const handle = env.client.workflow.getHandle(documentRequestWorkflowId(id));
  const worker = await createTestWorker(env, t);
  await worker.runUntil(async () => {
    await eventually('workflow started by the relay', () => handle.describe());
    expect(await handle.query(documentRequestStateQuery)).toEqual({ answered: false, overdue: false });

    await env.sleep(Date.parse(dueAt) - (await env.currentTimeMs()) + HOUR);
    await eventually('overdue flagged', async () => (await handle.query(documentRequestStateQuery)).overdue);
    const [row] = await owner<{ overdue: boolean; status: string; due: string }>(
      `select overdue, status, to_char(due_date, 'YYYY-MM-DD') as due from inspection_document_request where id = $1`, [id]);
    expect(row).toMatchObject({ overdue: true, status: 'requested' });
    const inbox = await t.call(XW, 'GET', '/api/notifications');
    expect(inbox.body.items.map((n: { titleZh: string }) => n.titleZh)).toContain(`资料调取逾期：南京玄武康宁医院（期限 ${row!.due}）`);

    const late = await t.call(HOSPITAL, 'POST', `/api/inspection-document-requests/${id}/answer`, { answer: '逾期补交。', attachmentIds: [] });
    expect(late.status).toBe(200);
    await eventually('answer relayed', async () => (await handle.query(documentRequestStateQuery)).answered);
    expect(await handle.result()).toEqual({ answered: true, overdue: true });
  });

  const audit = await owner<{ command: string; username: string; result: string }>(
    `select command, username, result from audit_entry where target = $1 order by seq`, [id]);
  expect(audit).toEqual([
    { command: 'MarkDocumentRequestOverdueCommand', username: XW.username, result: 'ok' },
    { command: 'AnswerDocumentRequestCommand', username: HOSPITAL.username, result: 'ok' },
  ]);
});
