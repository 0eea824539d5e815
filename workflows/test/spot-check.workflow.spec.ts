import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  spotCheckStateQuery,
  spotCheckTransitionUpdate,
  spotCheckWorkflowId,
  type SpotCheckActivities,
  type SpotCheckTransition,
  type SpotCheckWorkflowInput,
  type SpotCheckWorkflowState,
} from '../src/contracts/campaign.js';
import { spotCheckWorkflow } from '../src/spot-check.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv, History } from './test-server.js';

const DAY = 86_400_000;
const FIXTURE = new URL('./histories/spot-check-reminder-overdue-late-sends.json', import.meta.url);

let env: TestWorkflowEnvironment;
// Bundled once for the whole file (bundling per worker would cost seconds each).
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([
    createTimeSkippingEnv(),
    bundleWorkflows(),
  ]);
});
afterAll(() => env?.teardown());

const actor = {
  userId: 'u-js-sc', username: 'js.spotcheck', displayName: '江苏省医保局基金监管处', roles: ['province_official'],
  regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau' as const,
};

interface Call { name: 'remind' | 'overdue'; at: number; spotCheckId: string }

/** Activities record what they were asked and when (in workflow-server time). */
function recordingActivities() {
  const calls: Call[] = [];
  const activities: SpotCheckActivities = {
    async remindSpotCheckDue({ spotCheckId }) {
      calls.push({ name: 'remind', at: await env.currentTimeMs(), spotCheckId });
    },
    async markSpotCheckOverdue({ spotCheckId }) {
      calls.push({ name: 'overdue', at: await env.currentTimeMs(), spotCheckId });
    },
  };
  return { calls, activities };
}

async function withWorker<T>(activities: SpotCheckActivities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `spot-check-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(fn(taskQueue));
}

const now = () => env.currentTimeMs();
const iso = (ms: number) => new Date(ms).toISOString();
const skipPast = async (at: string, by = 1000) => env.sleep(Math.max(0, Date.parse(at) - (await now()) + by));

/** Instants in days from the test server's clock (which earlier tests have skipped ahead). */
async function spotCheckInput(inspections: number, days: { remind: number | null; due: number }): Promise<SpotCheckWorkflowInput> {
  const t = await now();
  return {
    spotCheckId: randomUUID(), actor, inspections,
    remindAt: days.remind === null ? null : iso(t + days.remind * DAY), dueAt: iso(t + days.due * DAY),
  };
}

function start(taskQueue: string, input: SpotCheckWorkflowInput) {
  return env.client.workflow.start(spotCheckWorkflow, { taskQueue, workflowId: spotCheckWorkflowId(input.spotCheckId), args: [input] });
}

type Handle = WorkflowHandle<typeof spotCheckWorkflow>;

/** One inspection sent, delivered as the relay does (the outbox message id is the update id). */
function sent(handle: Handle, inspectionId: string, updateId: string = randomUUID()) {
  return handle.executeUpdate(spotCheckTransitionUpdate, { args: [{ action: 'inspection_sent', inspectionId, at: new Date().toISOString() }], updateId });
}

async function expectRefused(handle: Handle, t: SpotCheckTransition, reason: string) {
  const before = await handle.query(spotCheckStateQuery);
  const err: unknown = await handle.executeUpdate(spotCheckTransitionUpdate, { args: [t] }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((err as WorkflowUpdateFailedError).cause?.message).toBe(reason);
  expect(await handle.query(spotCheckStateQuery)).toEqual(before);
}

const state = (inspections: number, s: Partial<SpotCheckWorkflowState> = {}): SpotCheckWorkflowState =>
  ({ sent: 0, inspections, overdue: false, done: false, ...s });

it('every inspection sent before the due date: completes at once, neither reminded nor flagged overdue', async () => {
  const { calls, activities } = recordingActivities();
  const args = await spotCheckInput(3, { remind: 10, due: 14 });
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    await env.sleep(2 * DAY);
    expect(await sent(handle, 'i-1', 'outbox-1')).toEqual(state(3, { sent: 1 }));
    // The relay delivering the same message again, then the same inspection under another id: counted once.
    expect(await sent(handle, 'i-1', 'outbox-1')).toEqual(state(3, { sent: 1 }));
    expect(await sent(handle, 'i-1')).toEqual(state(3, { sent: 1 }));
    expect(await sent(handle, 'i-2')).toEqual(state(3, { sent: 2 }));
    expect(await sent(handle, 'i-3')).toEqual(state(3, { sent: 3, done: true }));
    const done = await handle.result();
    await expect(sent(handle, 'i-4')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    return done;
  });
  expect(result).toEqual(state(3, { sent: 3, done: true }));
  expect(calls).toEqual([]);
});

it('some inspections not sent: reminded at its instant, flagged overdue once at the due date, completes when the rest are sent', async () => {
  const { calls, activities } = recordingActivities();
  const args = await spotCheckInput(4, { remind: 5, due: 8 });
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    await sent(handle, 'i-1');
    await env.sleep(Date.parse(args.remindAt!) - (await now()) - 60_000);
    expect(calls).toEqual([]);
    await skipPast(args.remindAt!);
    expect(calls.map((c) => c.name)).toEqual(['remind']);
    await sent(handle, 'i-2');
    await env.sleep(Date.parse(args.dueAt) - (await now()) - 60_000);
    expect(await handle.query(spotCheckStateQuery)).toEqual(state(4, { sent: 2 }));
    await skipPast(args.dueAt);
    expect(await handle.query(spotCheckStateQuery)).toEqual(state(4, { sent: 2, overdue: true }));
    await env.sleep(20 * DAY);
    expect(await sent(handle, 'i-3')).toEqual(state(4, { sent: 3, overdue: true }));
    expect(await sent(handle, 'i-4')).toEqual(state(4, { sent: 4, overdue: true, done: true }));
    const done = await handle.result();
    // RECORD_HISTORIES=1 refreshes the replay fixture below after a deliberate workflow change.
    if (process.env.RECORD_HISTORIES === '1') {
      mkdirSync(new URL('./histories/', import.meta.url), { recursive: true });
      writeFileSync(FIXTURE, JSON.stringify(History.fromObject(await handle.fetchHistory()).toJSON(), null, 1));
    }
    return done;
  });
  expect(result).toEqual(state(4, { sent: 4, overdue: true, done: true }));
  expect(calls.map((c) => c.name)).toEqual(['remind', 'overdue']);
  expect(calls[0].at).toBeGreaterThanOrEqual(Date.parse(args.remindAt!));
  expect(calls[0].at).toBeLessThan(Date.parse(args.dueAt));
  expect(calls[1].at).toBeGreaterThanOrEqual(Date.parse(args.dueAt));
  expect(calls[1].at).toBeLessThan(Date.parse(args.dueAt) + DAY);
});

it('refusals: unknown action, malformed inspection id or instant; no reminder when none is given', async () => {
  const { calls, activities } = recordingActivities();
  const args = await spotCheckInput(1, { remind: null, due: 3 });
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    const at = iso(await now());
    await expectRefused(handle, { action: 'inspection_recorded', inspectionId: 'i-1', at } as unknown as SpotCheckTransition,
      "spot-check transition refused: unknown action 'inspection_recorded'");
    await expectRefused(handle, { action: 'inspection_sent', inspectionId: '', at },
      `spot-check transition refused: cannot 'inspection_sent': inspectionId must be a non-empty string ("")`);
    await expectRefused(handle, { action: 'inspection_sent', inspectionId: 'i-1', at: 'now' },
      `spot-check transition refused: cannot 'inspection_sent' inspection 'i-1': at is not an instant ("now")`);
    await skipPast(args.dueAt);
    expect(await handle.query(spotCheckStateQuery)).toEqual(state(1, { overdue: true }));
    await sent(handle, 'i-1');
    return handle.result();
  });
  expect(result).toEqual(state(1, { sent: 1, overdue: true, done: true }));
  expect(calls.map((c) => c.name)).toEqual(['overdue']);
});

it('replays the recorded history of "reminder → overdue → late sends" (determinism guard)', async () => {
  const history = History.fromObject(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle }, history, 'spot-check-replay')).resolves.toBeUndefined();
});
