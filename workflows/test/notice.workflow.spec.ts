import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  noticeAcknowledgedSignal,
  noticeStateQuery,
  type NoticeActivities,
  type NoticeWorkflowInput,
} from '../src/contracts/notice.js';
import { noticeAcknowledgementWorkflow } from '../src/notice.workflow.js';
import { History, WORKFLOWS_PATH, createTimeSkippingEnv } from './test-server.js';

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

const actor = {
  userId: 'u1', username: 'nj.agency', displayName: '南京', roles: ['city_agency_staff'],
  regionPath: '/32/3201/', organizationId: 'agency-3201', organizationKind: 'agency' as const,
};

/** Activities record what they were asked and when (in workflow-server time). */
function recordingActivities() {
  const calls: { name: string; at: number }[] = [];
  const activities: NoticeActivities = {
    async remindNoticeRecipient() {
      calls.push({ name: 'remind', at: await env.currentTimeMs() });
    },
    async markNoticeOverdue() {
      calls.push({ name: 'overdue', at: await env.currentTimeMs() });
    },
  };
  return { calls, activities };
}

async function withWorker<T>(activities: NoticeActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `notice-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: WORKFLOWS_PATH, activities });
  return worker.runUntil(fn(taskQueue));
}

/** Deadlines relative to the test server's clock, which earlier tests have skipped ahead. */
async function input(remindInDays: number, dueInDays: number): Promise<NoticeWorkflowInput> {
  const now = await env.currentTimeMs();
  return {
    noticeId: randomUUID(),
    actor,
    remindAt: new Date(now + remindInDays * DAY).toISOString(),
    dueAt: new Date(now + dueInDays * DAY).toISOString(),
  };
}

it('acknowledged before the reminder: no reminder, no overdue flag', async () => {
  const { calls, activities } = recordingActivities();
  const state = await withWorker(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(noticeAcknowledgementWorkflow, {
      taskQueue, workflowId: `notice-${randomUUID()}`, args: [await input(4, 5)],
    });
    await handle.signal(noticeAcknowledgedSignal, { messageId: 'm1', acknowledgedAt: new Date().toISOString() });
    return handle.result();
  });
  expect(state).toEqual({ acknowledged: true, reminded: false, overdue: false, signalsApplied: 1 });
  expect(calls).toEqual([]);
});

it('silence: reminder at the reminder time, overdue at the deadline, then a late acknowledgement ends it', async () => {
  const { calls, activities } = recordingActivities();
  const args = await input(4, 5);
  const state = await withWorker(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(noticeAcknowledgementWorkflow, {
      taskQueue, workflowId: `notice-${args.noticeId}`, args: [args],
    });
    await env.sleep(3.9 * DAY);
    expect(await handle.query(noticeStateQuery)).toMatchObject({ reminded: false, overdue: false });
    await env.sleep(0.2 * DAY);
    expect(await handle.query(noticeStateQuery)).toMatchObject({ reminded: true, overdue: false });
    await env.sleep(1 * DAY);
    expect(await handle.query(noticeStateQuery)).toMatchObject({ reminded: true, overdue: true, acknowledged: false });
    await handle.signal(noticeAcknowledgedSignal, { messageId: 'late', acknowledgedAt: new Date().toISOString() });
    const result = await handle.result();
    // RECORD_HISTORIES=1 refreshes the replay fixture below after a deliberate workflow change.
    if (process.env.RECORD_HISTORIES === '1') {
      mkdirSync(new URL('./histories/', import.meta.url), { recursive: true });
      writeFileSync(new URL('./histories/notice-overdue-then-late-ack.json', import.meta.url), JSON.stringify(History.fromObject(await handle.fetchHistory()).toJSON(), null, 1));
    }
    return result;
  });
  expect(state).toEqual({ acknowledged: true, reminded: true, overdue: true, signalsApplied: 1 });
  expect(calls.map((c) => c.name)).toEqual(['remind', 'overdue']);
  // Fired at the durable timers' instants (server time), not when the test happened to look.
  expect(calls[0].at).toBeGreaterThanOrEqual(Date.parse(args.remindAt));
  expect(calls[1].at).toBeGreaterThanOrEqual(Date.parse(args.dueAt));
});

it('a signal delivered twice by a relay retry is applied once', async () => {
  const { activities } = recordingActivities();
  const state = await withWorker(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(noticeAcknowledgementWorkflow, {
      taskQueue, workflowId: `notice-${randomUUID()}`, args: [await input(4, 5)],
    });
    const signal = { messageId: 'same-outbox-message', acknowledgedAt: new Date().toISOString() };
    await handle.signal(noticeAcknowledgedSignal, signal);
    await handle.signal(noticeAcknowledgedSignal, signal);
    return handle.result();
  });
  expect(state.signalsApplied).toBe(1);
});

it('a reminder time already past (one-working-day notice) reminds at once', async () => {
  const { calls, activities } = recordingActivities();
  await withWorker(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(noticeAcknowledgementWorkflow, {
      taskQueue, workflowId: `notice-${randomUUID()}`, args: [await input(-1, 1)],
    });
    await env.sleep(0.5 * DAY);
    expect(await handle.query(noticeStateQuery)).toMatchObject({ reminded: true, overdue: false });
    await handle.signal(noticeAcknowledgedSignal, { messageId: 'm', acknowledgedAt: new Date().toISOString() });
    await handle.result();
  });
  expect(calls.map((c) => c.name)).toEqual(['remind']);
});

it('replays the recorded history of the overdue path (determinism guard for future changes)', async () => {
  const history = History.fromObject(JSON.parse(readFileSync(new URL('./histories/notice-overdue-then-late-ack.json', import.meta.url), 'utf8')));
  await expect(
    Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, 'notice-replay'),
  ).resolves.toBeUndefined();
});
