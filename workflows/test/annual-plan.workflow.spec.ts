import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  annualPlanStateQuery,
  annualPlanWorkflowId,
  planTransitionUpdate,
  planWithdrawnSignal,
  type AnnualPlanActivities,
  type AnnualPlanWorkflowInput,
  type AnnualPlanWorkflowState,
  type PlanStatus,
  type PlanTransition,
} from '../src/contracts/annual-plan.js';
import { annualPlanWorkflow } from '../src/annual-plan.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv, History } from './test-server.js';

const DAY = 86_400_000;
const FIXTURE = new URL('./histories/annual-plan-overdue-late-submit-close.json', import.meta.url);

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
  userId: 'u-js', username: 'js.bureau', displayName: '江苏省医保局', roles: ['province_bureau_staff'],
  regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau' as const,
};

interface Call { name: 'remind' | 'overdue' | 'close'; at: number; reminder?: number }

/** Activities record what they were asked and when (in workflow-server time). */
function recordingActivities(closePlanYear?: () => Promise<void>) {
  const calls: Call[] = [];
  const activities: AnnualPlanActivities = {
    async remindPlanDue({ reminder }) {
      calls.push({ name: 'remind', at: await env.currentTimeMs(), reminder });
    },
    async markPlanOverdue() {
      calls.push({ name: 'overdue', at: await env.currentTimeMs() });
    },
    async closePlanYear() {
      calls.push({ name: 'close', at: await env.currentTimeMs() });
      await closePlanYear?.();
    },
  };
  return { calls, activities };
}

/** Runs fn with a worker on the task queue; the worker is fully shut down when this resolves. */
async function withWorker<T>(
  activities: AnnualPlanActivities,
  fn: (taskQueue: string) => Promise<T>,
  options: { taskQueue?: string; maxCachedWorkflows?: number } = {},
): Promise<T> {
  const taskQueue = options.taskQueue ?? `annual-plan-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowBundle, activities,
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
  return worker.runUntil(fn(taskQueue));
}

/** Deadlines in days from the test server's clock, which earlier tests have skipped ahead. */
async function planInput(days: { remind: number[]; overdue: number; close: number }, status: PlanStatus = 'not_started'): Promise<AnnualPlanWorkflowInput> {
  const now = await env.currentTimeMs();
  const at = (d: number) => new Date(now + d * DAY).toISOString();
  return {
    planId: randomUUID(),
    unitOrgId: `agency-${randomUUID().slice(0, 8)}`,
    year: 2027,
    actor,
    deadline: { remindAt: days.remind.map(at), overdueAt: at(days.overdue), closeAt: at(days.close) },
    status,
  };
}

function start(taskQueue: string, input: AnnualPlanWorkflowInput) {
  return env.client.workflow.start(annualPlanWorkflow, {
    taskQueue, workflowId: annualPlanWorkflowId(input.unitOrgId, input.year), args: [input],
  });
}

type Handle = WorkflowHandle<typeof annualPlanWorkflow>;

/** One committed transition, delivered as the relay does (the outbox message id is the update id). */
function transition(handle: Handle, action: PlanTransition['action'], options: { comment?: string; updateId?: string } = {}) {
  const args: [PlanTransition] = [{ action, at: new Date().toISOString(), by: 'u-unit', ...(options.comment ? { comment: options.comment } : {}) }];
  return handle.executeUpdate(planTransitionUpdate, { args, updateId: options.updateId ?? randomUUID() });
}

/** The update is refused by the validator with this reason, and the workflow's state is unchanged. */
async function expectRefused(handle: Handle, action: PlanTransition['action'], reason: string) {
  const before = await handle.query(annualPlanStateQuery);
  const err: unknown = await transition(handle, action).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((err as WorkflowUpdateFailedError).cause?.message).toBe(reason);
  expect(await handle.query(annualPlanStateQuery)).toEqual(before);
}

const state = (s: Partial<AnnualPlanWorkflowState>): AnnualPlanWorkflowState => ({
  status: 'not_started', overdue: false, remindersSent: 0, submissions: 0, returns: 0, closed: false, ...s,
});

it('on time: drafted, submitted and filed before the first reminder; the year closes once', async () => {
  const { calls, activities } = recordingActivities();
  const args = await planInput({ remind: [10, 20], overdue: 25, close: 60 });
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    expect(await transition(handle, 'draft')).toEqual(state({ status: 'draft' }));
    expect(await transition(handle, 'submit')).toEqual(state({ status: 'submitted', submissions: 1 }));
    expect(await transition(handle, 'file')).toEqual(state({ status: 'filed', submissions: 1 }));
    return handle.result();
  });
  expect(result).toEqual(state({ status: 'closed', submissions: 1, closed: true }));
  expect(calls.map((c) => c.name)).toEqual(['close']);
  expect(calls[0].at).toBeGreaterThanOrEqual(Date.parse(args.deadline.closeAt));
});

it('returned and resubmitted; invalid transitions are refused by the validator and change nothing', async () => {
  let closeStarted!: () => void;
  const closing = new Promise<void>((resolve) => { closeStarted = resolve; });
  let releaseClose!: () => void;
  const released = new Promise<void>((resolve) => { releaseClose = resolve; });
  const { calls, activities } = recordingActivities(async () => {
    closeStarted();
    await released;
  });
  const args = await planInput({ remind: [10, 20], overdue: 25, close: 60 }, 'draft');
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    await expectRefused(handle, 'file', "plan transition refused: cannot 'file' in status 'draft' (allowed from: submitted, forwarded)");
    await expectRefused(handle, 'return', "plan transition refused: cannot 'return' in status 'draft' (allowed from: submitted, forwarded)");

    expect(await transition(handle, 'submit', { updateId: 'outbox-1' })).toEqual(state({ status: 'submitted', submissions: 1 }));
    // The relay delivering the same outbox message again: Temporal answers with the first outcome.
    expect(await transition(handle, 'submit', { updateId: 'outbox-1' })).toEqual(state({ status: 'submitted', submissions: 1 }));
    await expectRefused(handle, 'submit', "plan transition refused: cannot 'submit' in status 'submitted' (allowed from: draft, returned)");

    expect(await transition(handle, 'return', { comment: '监管重点未覆盖门诊统筹，请补充' }))
      .toEqual(state({ status: 'returned', submissions: 1, returns: 1 }));
    await expectRefused(handle, 'file', "plan transition refused: cannot 'file' in status 'returned' (allowed from: submitted, forwarded)");
    expect(await transition(handle, 'draft')).toEqual(state({ status: 'draft', submissions: 1, returns: 1 }));
    expect(await transition(handle, 'submit')).toEqual(state({ status: 'submitted', submissions: 2, returns: 1 }));
    expect(await transition(handle, 'file')).toEqual(state({ status: 'filed', submissions: 2, returns: 1 }));
    await expectRefused(handle, 'submit', "plan transition refused: cannot 'submit' in status 'filed' (allowed from: draft, returned)");
    await expectRefused(handle, 'draft', "plan transition refused: cannot 'draft' in status 'filed' (allowed from: not_started, draft, returned)");

    // The year closes: while closePlanYear runs, every transition is refused.
    await env.sleep(Date.parse(args.deadline.closeAt) - (await env.currentTimeMs()) + 1000);
    await closing;
    await expectRefused(handle, 'return', "plan transition refused: cannot 'return' in status 'filed': the plan year has closed");
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'filed', submissions: 2, returns: 1 }));
    releaseClose();
    const closed = await handle.result();
    // Once the workflow has completed there is no validator left: the server answers "not found"
    // (the backend's relay records such messages as settled, see Temporal.unlessClosed).
    await expect(transition(handle, 'return')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    return closed;
  });
  expect(result).toEqual(state({ status: 'closed', submissions: 2, returns: 1, closed: true }));
  expect(calls.map((c) => c.name)).toEqual(['close']);
});

it('a county plan\'s two city steps: forwarded by the city agency, then returned or filed by the city bureau; no reminder once submitted', async () => {
  const { calls, activities } = recordingActivities();
  const args = await planInput({ remind: [10, 20], overdue: 25, close: 60 }, 'draft');
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    await expectRefused(handle, 'forward', "plan transition refused: cannot 'forward' in status 'draft' (allowed from: submitted)");
    expect(await transition(handle, 'submit')).toEqual(state({ status: 'submitted', submissions: 1 }));
    expect(await transition(handle, 'forward', { comment: '审核通过，汇总上报' })).toEqual(state({ status: 'forwarded', submissions: 1 }));
    await expectRefused(handle, 'forward', "plan transition refused: cannot 'forward' in status 'forwarded' (allowed from: submitted)");
    await expectRefused(handle, 'submit', "plan transition refused: cannot 'submit' in status 'forwarded' (allowed from: draft, returned)");
    await expectRefused(handle, 'draft', "plan transition refused: cannot 'draft' in status 'forwarded' (allowed from: not_started, draft, returned)");
    // the city bureau returns it to the county, which resubmits; forwarded again and filed
    expect(await transition(handle, 'return', { comment: '请细化配档表' })).toEqual(state({ status: 'returned', submissions: 1, returns: 1 }));
    expect(await transition(handle, 'submit')).toEqual(state({ status: 'submitted', submissions: 2, returns: 1 }));
    expect(await transition(handle, 'forward')).toEqual(state({ status: 'forwarded', submissions: 2, returns: 1 }));
    // past every reminder and the overdue instant while it waits at the city bureau: nothing fires
    await env.sleep(Date.parse(args.deadline.overdueAt) - (await env.currentTimeMs()) + DAY);
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'forwarded', submissions: 2, returns: 1 }));
    expect(await transition(handle, 'file')).toEqual(state({ status: 'filed', submissions: 2, returns: 1 }));
    return handle.result();
  });
  expect(result).toEqual(state({ status: 'closed', submissions: 2, returns: 1, closed: true }));
  expect(calls.map((c) => c.name)).toEqual(['close']);
});

it('no submission: reminders at their instants, overdue at 16 May, a late submission stays overdue', async () => {
  const { calls, activities } = recordingActivities();
  const args = await planInput({ remind: [2, 4], overdue: 5, close: 30 });
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    await transition(handle, 'draft');
    await env.sleep(1.9 * DAY);
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'draft' }));
    await env.sleep(0.2 * DAY);
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'draft', remindersSent: 1 }));
    await env.sleep(2 * DAY);
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'draft', remindersSent: 2 }));
    await env.sleep(1 * DAY);
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'draft', remindersSent: 2, overdue: true }));
    expect(await transition(handle, 'submit')).toEqual(state({ status: 'submitted', remindersSent: 2, overdue: true, submissions: 1 }));
    expect(await transition(handle, 'file')).toEqual(state({ status: 'filed', remindersSent: 2, overdue: true, submissions: 1 }));
    const closed = await handle.result();
    // RECORD_HISTORIES=1 refreshes the replay fixture below after a deliberate workflow change.
    if (process.env.RECORD_HISTORIES === '1') {
      mkdirSync(new URL('./histories/', import.meta.url), { recursive: true });
      writeFileSync(FIXTURE, JSON.stringify(History.fromObject(await handle.fetchHistory()).toJSON(), null, 1));
    }
    return closed;
  });
  expect(result).toEqual(state({ status: 'closed', remindersSent: 2, overdue: true, submissions: 1, closed: true }));
  expect(calls.map((c) => [c.name, c.reminder])).toEqual([['remind', 0], ['remind', 1], ['overdue', undefined], ['close', undefined]]);
  // Fired at the durable timers' instants (server time), not when the test happened to look.
  expect(calls[0].at).toBeGreaterThanOrEqual(Date.parse(args.deadline.remindAt[0]));
  expect(calls[1].at).toBeGreaterThanOrEqual(Date.parse(args.deadline.remindAt[1]));
  expect(calls[2].at).toBeGreaterThanOrEqual(Date.parse(args.deadline.overdueAt));
  expect(calls[3].at).toBeGreaterThanOrEqual(Date.parse(args.deadline.closeAt));
});

it('a worker restart mid-flow: a new worker on the same task queue finishes it', async () => {
  const { calls, activities } = recordingActivities();
  const args = await planInput({ remind: [1, 3], overdue: 4, close: 20 });
  const taskQueue = `annual-plan-${randomUUID()}`;
  // No workflow cache, hence no sticky queue pointing at a worker that is gone.
  const handle = await withWorker(activities, async () => {
    const h = await start(taskQueue, args);
    await transition(h, 'draft');
    await env.sleep(1.1 * DAY);
    expect(await h.query(annualPlanStateQuery)).toEqual(state({ status: 'draft', remindersSent: 1 }));
    return h;
  }, { taskQueue, maxCachedWorkflows: 0 });

  const result = await withWorker(activities, async () => {
    // The state is rebuilt from history by the new worker.
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'draft', remindersSent: 1 }));
    // The second reminder's timer, started under the first worker, fires under this one.
    await env.sleep(2 * DAY);
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ status: 'draft', remindersSent: 2 }));
    await transition(handle, 'submit');
    await transition(handle, 'return', { comment: '请补充' });
    await transition(handle, 'submit');
    await transition(handle, 'file');
    return handle.result();
  }, { taskQueue, maxCachedWorkflows: 0 });
  expect(result).toEqual(state({ status: 'closed', remindersSent: 2, submissions: 2, returns: 1, closed: true }));
  expect(calls.map((c) => c.name)).toEqual(['remind', 'remind', 'close']);
});

it('a reminder instant already past fires at once; withdrawal ends the workflow without closing the year', async () => {
  const { calls, activities } = recordingActivities();
  const args = await planInput({ remind: [-1, 3], overdue: 5, close: 30 });
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await start(taskQueue, args);
    await env.sleep(0.5 * DAY);
    expect(await handle.query(annualPlanStateQuery)).toEqual(state({ remindersSent: 1 }));
    await handle.signal(planWithdrawnSignal, { reason: '单位撤并' });
    return handle.result();
  });
  expect(result).toEqual(state({ remindersSent: 1 }));
  expect(calls.map((c) => c.name)).toEqual(['remind']);
});

it('replays the recorded history of "no submission → overdue → late submit → file → close" (determinism guard)', async () => {
  const history = History.fromObject(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  await expect(
    Worker.runReplayHistory({ workflowBundle }, history, 'annual-plan-replay'),
  ).resolves.toBeUndefined();
});
