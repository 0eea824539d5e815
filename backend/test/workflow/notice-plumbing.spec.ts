import { TestWorkflowEnvironment } from '@temporalio/testing';
import { noticeStateQuery, noticeWorkflowId } from '@fundsup/workflows/contracts';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay.js';
import { createTestWorker, withTimeSkippingApp } from '../support/temporal.js';
import type { TestApp } from '../support/app.js';
import { sendNotice } from '../support/notices.js';
import { USERS } from '../support/tokens.js';
import { eventually } from '../support/eventually.js';

const HOUR = 3_600_000;

let env: TestWorkflowEnvironment;
let t: TestApp;
const { owner } = withTimeSkippingApp((s) => ({ env, t } = s));

function newWorker() {
  return createTestWorker(env, t);
}

it('a notice runs end to end: start through the outbox, reminder and overdue from durable timers, acknowledgement by signal — across a worker restart', async () => {
  const sent = await sendNotice(t, USERS.nanjing, { recipientOrgId: 'agency-320102', title: '关于开展自查自纠的通知', body: '请于期限内签收。', workingDays: 3 });
  const id: string = sent.body.id;
  const [notice] = await owner<{ remind_at: Date; due_at: Date }>('select remind_at, due_at from notice where id = $1', [id]);
  const handle = env.client.workflow.getHandle(noticeWorkflowId(id));

  // Phase 1, first worker: the relay starts the workflow; nothing is due yet.
  const first = await newWorker();
  await first.runUntil(async () => {
    await eventually('workflow started by the relay', () => handle.describe());
    expect(await handle.query(noticeStateQuery)).toEqual({ acknowledged: false, reminded: false, overdue: false, signalsApplied: 0 });
  });

  // Phase 2, a new worker (the first one is gone): time passes the reminder, then the deadline.
  const second = await newWorker();
  await second.runUntil(async () => {
    const now = await env.currentTimeMs();
    await env.sleep(notice.remind_at.getTime() - now + HOUR);
    await eventually('reminder delivered', async () => (await handle.query(noticeStateQuery)).reminded);
    const inbox = await t.call(USERS.xuanwu, 'GET', '/api/notifications');
    expect(inbox.body.items.map((n: { titleZh: string }) => n.titleZh)).toEqual([
      '签收提醒：关于开展自查自纠的通知',
      '新通知：关于开展自查自纠的通知',
    ]);

    await env.sleep(notice.due_at.getTime() - notice.remind_at.getTime());
    await eventually('overdue flagged', async () => (await handle.query(noticeStateQuery)).overdue);
    const view = await t.call(USERS.nanjing, 'GET', `/api/notices/${id}`);
    expect(view.body).toMatchObject({ status: 'sent', overdue: true });
    const senderInbox = await t.call(USERS.nanjing, 'GET', '/api/notifications');
    expect(senderInbox.body.items[0].titleZh).toBe('逾期未签收：关于开展自查自纠的通知');

    // The recipient acknowledges late; the signal reaches the workflow through the outbox.
    expect((await t.call(USERS.xuanwu, 'POST', `/api/notices/${id}/acknowledge`)).status).toBe(204);
    // Awaiting the result lets the test server skip time freely, so wait for the signal first.
    await eventually('acknowledgement signalled', async () => (await handle.query(noticeStateQuery)).acknowledged);
    expect(await handle.result()).toEqual({ acknowledged: true, reminded: true, overdue: true, signalsApplied: 1 });
  });

  // Every step the workflow took ran as a command under the sender's identity, and was audited.
  const audit = await owner<{ command: string; username: string; result: string }>(
    `select command, username, result from audit_entry where target = $1 order by seq`,
    [id],
  );
  expect(audit).toEqual([
    { command: 'RemindNoticeRecipientCommand', username: 'nj.agency', result: 'ok' },
    { command: 'MarkNoticeOverdueCommand', username: 'nj.agency', result: 'ok' },
    { command: 'AcknowledgeNoticeCommand', username: 'xw.staff', result: 'ok' },
  ]);
});

it('a relay that delivers every message again duplicates no workflow and no transition', async () => {
  const sent = await sendNotice(t, USERS.nanjing, { recipientOrgId: 'agency-320102', title: '重复投递测试', body: '正文', workingDays: 5 });
  const id: string = sent.body.id;
  const handle = env.client.workflow.getHandle(noticeWorkflowId(id));
  const worker = await newWorker();
  await worker.runUntil(async () => {
    await eventually('workflow started', () => handle.describe());
    const { runId } = await handle.describe();
    expect((await t.call(USERS.xuanwu, 'POST', `/api/notices/${id}/acknowledge`)).status).toBe(204);
    await eventually('signal applied', async () => (await handle.query(noticeStateQuery)).acknowledged);

    // Pretend the relay crashed after delivering but before recording it: everything goes again.
    await owner(`update outbox_message set dispatched_at = null, available_at = now() where aggregate_id = $1`, [id]);
    await t.app.get(OutboxRelay).drain();
    const pending = await owner<{ n: number }>(`select count(*)::int as n from outbox_message where aggregate_id = $1 and dispatched_at is null`, [id]);
    expect(pending[0].n).toBe(0);

    expect((await handle.describe()).runId).toBe(runId);
    const result = await handle.result();
    expect(result.signalsApplied).toBe(1);
  });
});
