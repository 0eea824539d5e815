import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { noticeWorkflowId } from '@fundsup/workflows/contracts';
import { Commands } from '../../src/platform/cqrs/commands.js';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay.js';
import { createActivities } from '../../src/worker/activities.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ownerQuery } from '../support/database.js';
import { USERS } from '../support/tokens.js';

// The relay delivers a workflow's messages in commit order: a message whose predecessor for the
// same workflow is still undelivered (e.g. backing off after a failure) waits for it.

const WORKFLOWS_PATH = fileURLToPath(new URL('../../../workflows/dist/workflows.js', import.meta.url));
let env: TestWorkflowEnvironment;
let t: TestApp;

beforeAll(async () => {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH ?? fileURLToPath(new URL('../../../.cache/venv/bin/temporal-test-server', import.meta.url));
  if (!existsSync(path)) throw new Error(`time-skipping test server not found at ${path}`);
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  // Relay off: the test drives it by hand.
  t = await startTestApp({ temporalAddress: env.address, outboxRelayEnabled: false });
});
afterAll(async () => {
  await t?.close();
  await env?.teardown();
});

it('holds a signal back while the start of its workflow is still undelivered, then delivers both in order', async () => {
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue: t.config.temporalTaskQueue, workflowsPath: WORKFLOWS_PATH,
    activities: createActivities(t.app.get(Commands)), maxCachedWorkflows: 0,
  });
  await worker.runUntil(async () => {
    const sent = await t.call(USERS.nanjing, 'POST', '/api/notices', {
      recipientOrgId: 'agency-320102', title: '投递顺序测试', body: '正文', workingDays: 5,
    });
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
