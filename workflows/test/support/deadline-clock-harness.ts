import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { defineUpdate } from '@temporalio/workflow';
import type { DeadlineClock, DeadlineState, DeadlineTransition } from '../../src/contracts/deadline-clock.js';
import { bundleWorkflows, createTimeSkippingEnv } from '../test-server.js';

// What every spec of a deadline-clock workflow (src/deadline-clock.ts: lead, enforcement case, major-case
// report, …) sets up the same way on the time-skipping server: the environment and the bundle, activities
// that record each step with the server's time, a clock due N days from the server's now, a worker on a
// fresh task queue, the start, and the transitions (a new clock, the end) sent as the backend sends them.

export const DAY = 86_400_000;

/** The stopped clock the backend sends while a record waits (closed, reported…). */
export const STOPPED_CLOCK: DeadlineClock = { dueAt: null, dueDate: null, remindAt: [] };

/** One step a workflow ran: `id` is the record's id the activity was called with. */
export interface ClockCall { kind: 'remind' | 'overdue'; at: number; dueDate: string; id: string }

type ClockUpdate = ReturnType<typeof defineUpdate<DeadlineState, [DeadlineTransition]>>;
type RecordStep = (kind: ClockCall['kind'], id: string, dueDate: string) => Promise<void>;

export interface DeadlineClockWorkflow<Input, Activities> {
  /** Task-queue prefix (a fresh queue per run). */
  queue: string;
  workflow: (input: Input) => Promise<DeadlineState>;
  workflowId: (input: Input) => string;
  update: ClockUpdate;
  /** The workflow's activities, each calling `step` with its kind, the record's id and the due day. */
  activities: (step: RecordStep) => Activities;
  /** Reminder offsets (days before the due instant) of `clockIn` when none are given. */
  reminders: number[];
}

/** Registers beforeAll/afterAll for the environment and the bundle: call it at the top of a spec file. */
export function deadlineClockHarness<Input, Activities extends object>(spec: DeadlineClockWorkflow<Input, Activities>) {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
  });
  afterAll(() => env?.teardown());

  const transition = (handle: WorkflowHandle, t: DeadlineTransition, updateId?: string) =>
    handle.executeUpdate(spec.update, { args: [t], ...(updateId ? { updateId } : {}) });

  return {
    get env() { return env; },
    get workflowBundle() { return workflowBundle; },
    sleep: (ms: number) => env.sleep(ms),

    /** Activities that record every step (with the server's time) into `calls`. */
    recording() {
      const calls: ClockCall[] = [];
      const activities = spec.activities(async (kind, id, dueDate) => { calls.push({ kind, at: await env.currentTimeMs(), dueDate, id }); });
      return { calls, activities };
    },

    /** A clock due `days` from the server's now (the due day is the day before), reminders `before` days ahead of it. */
    async clockIn(days: number, before: number[] = spec.reminders): Promise<DeadlineClock> {
      const now = await env.currentTimeMs();
      const dueAt = now + days * DAY;
      return {
        dueAt: new Date(dueAt).toISOString(), dueDate: new Date(dueAt - DAY).toISOString().slice(0, 10),
        remindAt: before.map((b) => dueAt - b * DAY).filter((t) => t > now).map((t) => new Date(t).toISOString()),
      };
    },

    /** Runs `fn` with a worker on a fresh task queue. */
    async run<T>(activities: Activities, fn: (taskQueue: string) => Promise<T>): Promise<T> {
      const taskQueue = `${spec.queue}-${randomUUID()}`;
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
      return worker.runUntil(fn(taskQueue));
    },

    start: (taskQueue: string, input: Input) =>
      env.client.workflow.start(spec.workflow, { taskQueue, workflowId: spec.workflowId(input), args: [input] }),

    /** Sends a new clock (`updateId`: the outbox message id the backend would use). */
    setClock: (handle: WorkflowHandle, clock: DeadlineClock, updateId?: string) =>
      transition(handle, { action: 'clock', at: new Date().toISOString(), clock }, updateId),

    /** Ends the clock. */
    end: (handle: WorkflowHandle, updateId?: string) => transition(handle, { action: 'ended', at: new Date().toISOString() }, updateId),
  };
}
