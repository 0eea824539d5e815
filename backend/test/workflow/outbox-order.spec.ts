import { TestWorkflowEnvironment } from '@temporalio/testing';
import { noticeWorkflowId } from '@fundsup/workflows/contracts';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay.js';
import { createTestWorker, createTimeSkippingEnv } from '../support/temporal.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { sendNotice } from '../support/notices.js';
import { USERS } from '../support/tokens.js';

// The relay delivers a workflow's messages in commit order: a message whose predecessor for the
// same workflow is still undelivered (e.g. backing off after a failure) waits for it.

let env: TestWorkflowEnvironment;
let t: TestApp;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  // Relay off: the test drives it by hand.
  t = await startTestApp({ temporalAddress: env.address, outboxRelayEnabled: false });
});
afterAll(async () => {
  await t?.close();
  await env?.teardown();
});

it('holds a signal back while the start of its workflow is still undelivered, then delivers both in order', async () => {
  const worker = await createTestWorker(env, t);
  await worker.runUntil(async () => {
    const sent = await sendNotice(t, USERS.nanjing, { recipientOrgId: 'agency-320102', title: '投递顺序测试', body: '正文', workingDays: 5 });
    const id: string = sent.body.id;
    expect((await t.call(USERS.xuanwu, 'POST', `/api/notices/${id}/acknowledge`)).status).toBe(204);
    // The start is backing off after a (pretend) failure.
    await ownerQuery(t.db, `update outbox_message set available_at = now() + interval '1 hour', attempts = 1
                             where aggregate_id = $1 and event_type = 'NoticeSent'`, [id]);

    const relay = t.app.get(OutboxRelay);
    expect(await relay.drain()).toBe(0);
    // The signal was not even tried: trying it would have failed (no such workflow yet).
    const pending = await ownerQuery<{ event_type: string; attempts: number }>(t.db,
      `select event_type, attempts from outbox_message where aggregate_id = $1 and dispatched_at is null order by seq`, [id]);
    expect(pending).toEqual([
      { event_type: 'NoticeSent', attempts: 1 },
      { event_type: 'NoticeAcknowledged', attempts: 0 },
    ]);

    await ownerQuery(t.db, `update outbox_message set available_at = now() where aggregate_id = $1`, [id]);
    expect(await relay.drain()).toBe(2);
    const handle = env.client.workflow.getHandle(noticeWorkflowId(id));
    expect(await handle.result()).toMatchObject({ acknowledged: true, reminded: false, signalsApplied: 1 });
  });
});
