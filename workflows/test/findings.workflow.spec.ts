import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  decisionStateQuery,
  decisionTransitionUpdate,
  decisionWorkflowId,
  disputeStateQuery,
  disputeTransitionUpdate,
  disputeWorkflowId,
  findingFeedbackWorkflowId,
  type DecisionActivities,
  type DecisionTransition,
  type DecisionWorkflowInput,
  type DecisionWorkflowState,
  type DisputeActivities,
  type DisputePathLevel,
  type DisputeTransition,
  type DisputeWorkflowInput,
  type DisputeWorkflowState,
  type FindingFeedbackActivities,
} from '../src/contracts/findings.js';
import { decisionWorkflow, disputeWorkflow, findingFeedbackWorkflow } from '../src/workflows.js';
import { bundleWorkflows, createTimeSkippingEnv, History } from './test-server.js';

const DAY = 86_400_000;
const DECISION_FIXTURE = new URL('./histories/decision-major-rejected-overdue-closed.json', import.meta.url);
const DISPUTE_FIXTURE = new URL('./histories/dispute-county-city-province-city-overdue-final.json', import.meta.url);

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

const provinceOfficial = {
  userId: 'u-js-sc', username: 'js.spotcheck', displayName: '江苏省医保局基金监管处', roles: ['province_official'],
  regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau' as const,
};
const agencyStaff = {
  userId: 'u-jn-agency', username: 'jn.agency', displayName: '江宁区医保经办机构', roles: ['county_staff'],
  regionPath: '/32/3201/320115/', organizationId: 'agency-320115', organizationKind: 'agency' as const,
};
const clerk = {
  userId: 'u-jn-hosp', username: 'jn.hospital', displayName: '江宁医院医保办', roles: ['institution_clerk'],
  regionPath: '/32/3201/320115/', organizationId: 'inst-320115-001', organizationKind: 'institution' as const,
};

/** From a county agency's level up to the province, as the backend derives it from the region tree. */
const COUNTY_PATH: DisputePathLevel[] = [
  { level: 'county', bureauId: 'bureau-320115', regionPath: '/32/3201/320115/' },
  { level: 'city', bureauId: 'bureau-3201', regionPath: '/32/3201/' },
  { level: 'province', bureauId: 'bureau-32', regionPath: '/32/' },
];
/** A city agency's decision (no county level). */
const CITY_PATH: DisputePathLevel[] = COUNTY_PATH.slice(1);

type CallName = 'deemFindingsConfirmed' | 'markDecisionRectificationOverdue' | 'markDisputeLevelOverdue' | 'closeDispute';
interface Call { name: CallName; at: number; args: Record<string, unknown> }
type AllActivities = FindingFeedbackActivities & DecisionActivities & DisputeActivities;

/** A promise the test opens when it chooses: an activity held by it stays running until then. */
function gate() {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => { open = resolve; });
  return { wait, open };
}

/**
 * Activities record their name, arguments and when they ran (in workflow-server time). An activity
 * given a hold records at once and returns only when the hold opens.
 */
function recordingActivities(hold: Partial<Record<CallName, Promise<void>>> = {}) {
  const calls: Call[] = [];
  const record = async (name: CallName, args: object) => {
    calls.push({ name, at: await env.currentTimeMs(), args: { ...args } });
    await hold[name];
  };
  const activities: AllActivities = {
    async deemFindingsConfirmed(args) {
      await record('deemFindingsConfirmed', args);
      return { deemed: 2 };
    },
    markDecisionRectificationOverdue: (args) => record('markDecisionRectificationOverdue', args),
    markDisputeLevelOverdue: (args) => record('markDisputeLevelOverdue', args),
    closeDispute: (args) => record('closeDispute', args),
  };
  return { calls, activities };
}

/** Runs fn with a worker on the task queue; the worker is fully shut down when this resolves. */
async function withWorker<T>(
  activities: AllActivities,
  fn: (taskQueue: string) => Promise<T>,
  options: { taskQueue?: string; maxCachedWorkflows?: number } = {},
): Promise<T> {
  const taskQueue = options.taskQueue ?? `findings-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowBundle, activities,
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
  return worker.runUntil(fn(taskQueue));
}

const now = () => env.currentTimeMs();
const iso = (ms: number) => new Date(ms).toISOString();
/** Skips the server's clock to just after the instant. */
const skipPast = async (at: string | number, by = 1000) => env.sleep(Math.max(0, (typeof at === 'string' ? Date.parse(at) : at) - (await now()) + by));
/** Skips the server's clock to just before the instant. */
const skipToJustBefore = async (at: string | number, by = 60_000) => env.sleep(Math.max(0, (typeof at === 'string' ? Date.parse(at) : at) - (await now()) - by));
const inDays = async (days: number) => iso((await now()) + days * DAY);

function recordHistory(fixture: URL, handle: WorkflowHandle) {
  // RECORD_HISTORIES=1 refreshes the replay fixture after a deliberate workflow change.
  if (process.env.RECORD_HISTORIES !== '1') return Promise.resolve();
  return handle.fetchHistory().then((history) => {
    mkdirSync(new URL('./histories/', import.meta.url), { recursive: true });
    writeFileSync(fixture, JSON.stringify(History.fromObject(history).toJSON(), null, 1));
  });
}

/** The update is refused by the validator with this reason, and the workflow's state is unchanged. */
async function expectRefusal<S>(query: () => Promise<S>, update: () => Promise<unknown>, reason: string) {
  const before = await query();
  const err: unknown = await update().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((err as WorkflowUpdateFailedError).cause?.message).toBe(reason);
  expect(await query()).toEqual(before);
}

// ---------------------------------------------------------------------------------------------
// Feedback
// ---------------------------------------------------------------------------------------------

it('feedback: at the confirmation deadline the unanswered findings are deemed confirmed, once, at that instant', async () => {
  const { calls, activities } = recordingActivities();
  const inspectionId = randomUUID();
  const confirmationDueAt = await inDays(7);
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await env.client.workflow.start(findingFeedbackWorkflow, {
      taskQueue, workflowId: findingFeedbackWorkflowId(inspectionId),
      args: [{ inspectionId, actor: provinceOfficial, findingIds: ['f-1', 'f-2', 'f-3'], confirmationDueAt }],
    });
    await skipToJustBefore(confirmationDueAt);
    expect(calls).toEqual([]);
    return handle.result();
  });
  expect(result).toEqual({ deemed: 2 });
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ name: 'deemFindingsConfirmed', args: { actor: provinceOfficial, inspectionId } });
  expect(calls[0].at).toBeGreaterThanOrEqual(Date.parse(confirmationDueAt));
  expect(calls[0].at).toBeLessThan(Date.parse(confirmationDueAt) + 60_000);
  // The step carries the workflow's time, which the backend judges the deadline by.
  const stepAt = Date.parse((calls[0].args as { at: string }).at);
  expect(stepAt).toBeGreaterThanOrEqual(Date.parse(confirmationDueAt));
  expect(stepAt).toBeLessThan(Date.parse(confirmationDueAt) + 60_000);
});

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

type DecisionHandle = WorkflowHandle<typeof decisionWorkflow>;
type DecisionBody<A extends DecisionTransition['action']> = Omit<Extract<DecisionTransition, { action: A }>, 'action' | 'at'>;

function startDecision(taskQueue: string, input: DecisionWorkflowInput) {
  return env.client.workflow.start(decisionWorkflow, { taskQueue, workflowId: decisionWorkflowId(input.decisionId), args: [input] });
}

async function decisionInput(status: DecisionWorkflowInput['status'], rectificationDays: number | null): Promise<DecisionWorkflowInput> {
  return { decisionId: randomUUID(), actor: agencyStaff, status, rectificationDueAt: rectificationDays === null ? null : await inDays(rectificationDays) };
}

/** One committed transition, delivered as the relay does (the outbox message id is the update id). */
function decide<A extends DecisionTransition['action']>(handle: DecisionHandle, action: A, body: DecisionBody<A>, updateId: string = randomUUID()) {
  const args = [{ action, at: new Date().toISOString(), ...body } as DecisionTransition] as [DecisionTransition];
  return handle.executeUpdate(decisionTransitionUpdate, { args, updateId });
}

const decisionRefused = (handle: DecisionHandle, t: DecisionTransition, reason: string) =>
  expectRefusal(() => handle.query(decisionStateQuery), () => handle.executeUpdate(decisionTransitionUpdate, { args: [t] }), reason);

const decision = (status: DecisionWorkflowState['status'], rectificationOverdue = false): DecisionWorkflowState => ({ status, rectificationOverdue });

it('decision (major): waits for the legal review; approved → rectifying; rectified in time → no overdue; rejected with a new deadline → flagged once after it; accepted → closed', async () => {
  const { calls, activities } = recordingActivities();
  const args = await decisionInput('pending_legal_review', 30);
  let newDue = '';
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await startDecision(taskQueue, args);
    // No deadline on the legal review: the decision simply waits.
    await env.sleep(10 * DAY);
    expect(await handle.query(decisionStateQuery)).toEqual(decision('pending_legal_review'));
    expect(await decide(handle, 'legal_review', { approved: true, status: 'rectifying' })).toEqual(decision('rectifying'));
    await env.sleep(5 * DAY);
    expect(await decide(handle, 'rectification_submitted', {})).toEqual(decision('rectification_submitted'));
    // Submitted before the deadline: its passing (while the review is pending) flags nothing.
    await skipPast(args.rectificationDueAt!, DAY);
    expect(await handle.query(decisionStateQuery)).toEqual(decision('rectification_submitted'));
    newDue = await inDays(10);
    expect(await decide(handle, 'rectification_reviewed', { accepted: false, newRectificationDueAt: newDue })).toEqual(decision('rectifying'));
    await skipToJustBefore(newDue);
    expect(calls).toEqual([]);
    await skipPast(newDue);
    expect(await handle.query(decisionStateQuery)).toEqual(decision('rectifying', true));
    await env.sleep(5 * DAY);
    // Late, and the flag stays (it records lateness).
    expect(await decide(handle, 'rectification_submitted', {})).toEqual(decision('rectification_submitted', true));
    expect(await decide(handle, 'rectification_reviewed', { accepted: true })).toEqual(decision('closed', true));
    const closed = await handle.result();
    await recordHistory(DECISION_FIXTURE, handle);
    await expect(decide(handle, 'rectification_submitted', {})).rejects.toBeInstanceOf(WorkflowNotFoundError);
    return closed;
  });
  expect(result).toEqual(decision('closed', true));
  expect(calls.map((c) => c.name)).toEqual(['markDecisionRectificationOverdue']);
  expect(calls[0].args).toEqual({ actor: agencyStaff, decisionId: args.decisionId, at: expect.any(String) });
  // The step carries the workflow's time, past the new deadline.
  expect(Date.parse((calls[0].args as { at: string }).at)).toBeGreaterThanOrEqual(Date.parse(newDue));
  expect(calls[0].at).toBeGreaterThanOrEqual(Date.parse(newDue));
  expect(calls[0].at).toBeLessThan(Date.parse(newDue) + DAY);
});

it('decision (minor) without rectification: effective at once, the workflow completes at once', async () => {
  const { calls, activities } = recordingActivities();
  const args = await decisionInput('effective', null);
  const result = await withWorker(activities, async (taskQueue) => (await startDecision(taskQueue, args)).result());
  expect(result).toEqual(decision('effective'));
  expect(calls).toEqual([]);
});

it('decision (major) without rectification: approved → effective completes it; refused → closed completes it', async () => {
  const { calls, activities } = recordingActivities();
  const approved = await decisionInput('pending_legal_review', null);
  const refused = await decisionInput('pending_legal_review', null);
  const results = await withWorker(activities, async (taskQueue) => {
    const a = await startDecision(taskQueue, approved);
    const r = await startDecision(taskQueue, refused);
    expect(await decide(a, 'legal_review', { approved: true, status: 'effective' })).toEqual(decision('effective'));
    expect(await decide(r, 'legal_review', { approved: false, status: 'closed' })).toEqual(decision('closed'));
    // One result at a time: each wait unlocks the test server's time skipping and locks it again.
    return [await a.result(), await r.result()];
  });
  expect(results).toEqual([decision('effective'), decision('closed')]);
  expect(calls).toEqual([]);
});

it('decision rectification overdue: flagged once per deadline; a rejection without a new deadline keeps the flagged one; effective with a deadline is watched too', async () => {
  const { calls, activities } = recordingActivities();
  // A minor decision with a rectification (e.g. suspended settlement): effective at once, with a deadline.
  const args = await decisionInput('effective', 5);
  const deadlines: number[] = [Date.parse(args.rectificationDueAt!)];
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await startDecision(taskQueue, args);
    await skipPast(args.rectificationDueAt!);
    expect(await handle.query(decisionStateQuery)).toEqual(decision('effective', true));
    await env.sleep(3 * DAY);
    await decide(handle, 'rectification_submitted', {});
    // Rejected, no new deadline: the one already flagged stays, and is not flagged again.
    expect(await decide(handle, 'rectification_reviewed', { accepted: false, newRectificationDueAt: null })).toEqual(decision('rectifying', true));
    await env.sleep(10 * DAY);
    expect(calls).toHaveLength(1);
    await decide(handle, 'rectification_submitted', {});
    const newDue = await inDays(4);
    deadlines.push(Date.parse(newDue));
    await decide(handle, 'rectification_reviewed', { accepted: false, newRectificationDueAt: newDue });
    await skipPast(newDue);
    await env.sleep(10 * DAY);
    expect(calls).toHaveLength(2);
    await decide(handle, 'rectification_submitted', {});
    await decide(handle, 'rectification_reviewed', { accepted: true });
    return handle.result();
  });
  expect(result).toEqual(decision('closed', true));
  expect(calls.map((c) => c.name)).toEqual(['markDecisionRectificationOverdue', 'markDecisionRectificationOverdue']);
  expect(calls[0].at).toBeGreaterThanOrEqual(deadlines[0]);
  expect(calls[0].at).toBeLessThan(deadlines[1]);
  expect(calls[1].at).toBeGreaterThanOrEqual(deadlines[1]);
});

it('decision refusals: unknown or malformed, review twice, rectification before effective, review before submission, anything after closed', async () => {
  const release = gate();
  // The overdue flag is held so that the workflow is still running once the decision is closed.
  const { calls, activities } = recordingActivities({ markDecisionRectificationOverdue: release.wait });
  const args = await decisionInput('pending_legal_review', 3);
  const at = iso(0);
  const result = await withWorker(activities, async (taskQueue) => {
    try {
      return await decisionRefusals(taskQueue);
    } finally {
      // Never leave a held activity running (the worker would not shut down).
      release.open();
    }
  });
  expect(result).toEqual(decision('closed', true));

  async function decisionRefusals(taskQueue: string) {
    const handle = await startDecision(taskQueue, args);
    await decisionRefused(handle, { action: 'decided', at } as unknown as DecisionTransition,
      "decision transition refused: unknown action 'decided' (status 'pending_legal_review')");
    await decisionRefused(handle, { action: 'legal_review', at: 'yesterday', approved: true, status: 'effective' },
      `decision transition refused: cannot 'legal_review': at is not an instant ("yesterday")`);
    await decisionRefused(handle, { action: 'rectification_submitted', at },
      "decision transition refused: cannot 'rectification_submitted' in status 'pending_legal_review'");
    await decisionRefused(handle, { action: 'rectification_reviewed', at, accepted: true },
      "decision transition refused: cannot 'rectification_reviewed' in status 'pending_legal_review'");
    await decisionRefused(handle, { action: 'legal_review', at, approved: true, status: 'closed' },
      `decision transition refused: cannot 'legal_review': an approved decision becomes 'effective' or 'rectifying', not "closed"`);
    await decisionRefused(handle, { action: 'legal_review', at, approved: false, status: 'effective' },
      `decision transition refused: cannot 'legal_review': a refused decision becomes 'closed', not "effective"`);
    await decisionRefused(handle, { action: 'legal_review', at, approved: 'yes', status: 'effective' } as unknown as DecisionTransition,
      `decision transition refused: cannot 'legal_review': approved must be true or false ("yes")`);
    await decide(handle, 'legal_review', { approved: true, status: 'rectifying' }, 'outbox-review');
    // The relay delivering the same outbox message again: Temporal answers with the first outcome.
    expect(await decide(handle, 'legal_review', { approved: true, status: 'rectifying' }, 'outbox-review')).toEqual(decision('rectifying'));
    await decisionRefused(handle, { action: 'legal_review', at, approved: true, status: 'rectifying' },
      "decision transition refused: cannot 'legal_review' in status 'rectifying'");
    await decisionRefused(handle, { action: 'rectification_reviewed', at, accepted: true },
      "decision transition refused: cannot 'rectification_reviewed' in status 'rectifying'");
    await decide(handle, 'rectification_submitted', {});
    await decisionRefused(handle, { action: 'rectification_submitted', at },
      "decision transition refused: cannot 'rectification_submitted' in status 'rectification_submitted'");
    await decisionRefused(handle, { action: 'rectification_reviewed', at, accepted: false, newRectificationDueAt: 'next week' },
      `decision transition refused: cannot 'rectification_reviewed': newRectificationDueAt is not an instant ("next week")`);
    await decide(handle, 'rectification_reviewed', { accepted: false, newRectificationDueAt: null });
    // The deadline passes: the flag's activity starts and is held.
    await skipPast(args.rectificationDueAt!);
    expect(calls.map((c) => c.name)).toEqual(['markDecisionRectificationOverdue']);
    await decide(handle, 'rectification_submitted', {});
    expect(await decide(handle, 'rectification_reviewed', { accepted: true })).toEqual(decision('closed'));
    for (const t of [
      { action: 'legal_review', at, approved: true, status: 'effective' },
      { action: 'rectification_submitted', at },
      { action: 'rectification_reviewed', at, accepted: false, newRectificationDueAt: null },
    ] as DecisionTransition[]) {
      await decisionRefused(handle, t, `decision transition refused: cannot '${t.action}': the decision is closed`);
    }
    release.open();
    const closed = await handle.result();
    await expect(decide(handle, 'rectification_submitted', {})).rejects.toBeInstanceOf(WorkflowNotFoundError);
    return closed;
  }
});

// ---------------------------------------------------------------------------------------------
// Disputes
// ---------------------------------------------------------------------------------------------

type DisputeHandle = WorkflowHandle<typeof disputeWorkflow>;

function startDispute(taskQueue: string, input: DisputeWorkflowInput) {
  return env.client.workflow.start(disputeWorkflow, { taskQueue, workflowId: disputeWorkflowId(input.disputeId), args: [input] });
}

async function disputeInput(path: DisputePathLevel[], firstDays = 28): Promise<DisputeWorkflowInput> {
  return { disputeId: randomUUID(), actor: clerk, path, firstDueAt: await inDays(firstDays) };
}

const at = () => new Date().toISOString();
function disputeUpdate(handle: DisputeHandle, t: DisputeTransition, updateId: string = randomUUID()) {
  return handle.executeUpdate(disputeTransitionUpdate, { args: [t], updateId });
}
/** A level decides: final at the last level, else with an escalation window of `windowDays`. */
async function decided(handle: DisputeHandle, level: number, final: boolean, windowDays = 21) {
  return disputeUpdate(handle, { action: 'decided', at: at(), level, final, escalationDueAt: final ? null : await inDays(windowDays) });
}
async function escalated(handle: DisputeHandle, toLevel: number, dueDays = 28) {
  return disputeUpdate(handle, { action: 'escalated', at: at(), toLevel, dueAt: await inDays(dueDays) });
}

const disputeRefused = (handle: DisputeHandle, t: DisputeTransition, reason: string) =>
  expectRefusal(() => handle.query(disputeStateQuery), () => disputeUpdate(handle, t), reason);

const dispute = (current: number, status: DisputeWorkflowState['status'], overdueLevels: number[] = []): DisputeWorkflowState => ({ current, status, overdueLevels });

it('dispute county → city → province: decided, escalated within the window, the city lets its time limit pass (flagged once), decided, escalated, final at the province', async () => {
  const { calls, activities } = recordingActivities();
  const args = await disputeInput(COUNTY_PATH);
  let cityDue = 0;
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await startDispute(taskQueue, args);
    expect(await handle.query(disputeStateQuery)).toEqual(dispute(0, 'open'));
    await env.sleep(10 * DAY);
    expect(await decided(handle, 0, false)).toEqual(dispute(0, 'decided'));
    // The county's time limit passes after its decision: nothing is flagged.
    await skipPast(args.firstDueAt, DAY);
    cityDue = Date.parse(await inDays(28));
    expect(await disputeUpdate(handle, { action: 'escalated', at: at(), toLevel: 1, dueAt: iso(cityDue) })).toEqual(dispute(1, 'open'));
    await skipToJustBefore(cityDue);
    expect(calls).toEqual([]);
    await skipPast(cityDue);
    expect(await handle.query(disputeStateQuery)).toEqual(dispute(1, 'open', [1]));
    await env.sleep(10 * DAY);
    expect(calls).toHaveLength(1);
    // Late, still accepted; the flag stays.
    expect(await decided(handle, 1, false)).toEqual(dispute(1, 'decided', [1]));
    await env.sleep(14 * DAY);
    expect(await escalated(handle, 2)).toEqual(dispute(2, 'open', [1]));
    await env.sleep(20 * DAY);
    expect(await decided(handle, 2, true)).toEqual(dispute(2, 'final', [1]));
    const final = await handle.result();
    await recordHistory(DISPUTE_FIXTURE, handle);
    await expect(disputeUpdate(handle, { action: 'withdrawn', at: at() })).rejects.toBeInstanceOf(WorkflowNotFoundError);
    return final;
  });
  expect(result).toEqual(dispute(2, 'final', [1]));
  expect(calls.map((c) => [c.name, c.args.level])).toEqual([['markDisputeLevelOverdue', 1]]);
  expect(calls[0].args).toEqual({ actor: clerk, disputeId: args.disputeId, level: 1 });
  expect(calls[0].at).toBeGreaterThanOrEqual(cityDue);
  expect(calls[0].at).toBeLessThan(cityDue + DAY);
});

it('dispute refusals: not the current level, final mismatch, deciding twice, escalating while open, skipping a level, past the province, after the window, anything after final', async () => {
  const provinceFlag = gate();
  const closing = gate();
  // Held activities keep the workflows running once they have ended, so the validators can be seen.
  const { calls, activities } = recordingActivities({ markDisputeLevelOverdue: provinceFlag.wait, closeDispute: closing.wait });
  const args = await disputeInput(COUNTY_PATH);
  const t0 = iso(0);
  await withWorker(activities, async (taskQueue) => {
    try {
      await disputeRefusals(taskQueue);
    } finally {
      // Never leave a held activity running (the worker would not shut down).
      provinceFlag.open();
      closing.open();
    }
  });

  async function disputeRefusals(taskQueue: string) {
    const handle = await startDispute(taskQueue, args);
    await disputeRefused(handle, { action: 'appealed', at: t0 } as unknown as DisputeTransition,
      "dispute transition refused: unknown action 'appealed' (status 'open')");
    await disputeRefused(handle, { action: 'withdrawn', at: 'now' }, `dispute transition refused: cannot 'withdrawn': at is not an instant ("now")`);
    await disputeRefused(handle, { action: 'decided', at: t0, level: 1, final: false, escalationDueAt: await inDays(15) },
      "dispute transition refused: cannot 'decided' at level 1 (city): the current level is 0 (county)");
    await disputeRefused(handle, { action: 'decided', at: t0, level: 0, final: true, escalationDueAt: null },
      "dispute transition refused: cannot 'decided' at level 0 (county): only the last level (province) decides finally");
    await disputeRefused(handle, { action: 'decided', at: t0, level: 0, final: false, escalationDueAt: null },
      "dispute transition refused: cannot 'decided' at level 0 (county): escalationDueAt is not an instant (null)");
    await disputeRefused(handle, { action: 'escalated', at: t0, toLevel: 1, dueAt: await inDays(20) },
      "dispute transition refused: cannot 'escalated' in status 'open' (level 0 (county))");
    await decided(handle, 0, false);
    await disputeRefused(handle, { action: 'decided', at: t0, level: 0, final: false, escalationDueAt: await inDays(15) },
      "dispute transition refused: cannot 'decided' in status 'decided' (level 0 (county))");
    await disputeRefused(handle, { action: 'escalated', at: t0, toLevel: 2, dueAt: await inDays(20) },
      "dispute transition refused: cannot 'escalated' to level 2 (province): only to the next level, 1 (city)");
    await disputeRefused(handle, { action: 'escalated', at: t0, toLevel: 1, dueAt: 'soon' },
      `dispute transition refused: cannot 'escalated' to level 1 (city): dueAt is not an instant ("soon")`);
    await escalated(handle, 1);
    await decided(handle, 1, false);
    await disputeRefused(handle, { action: 'escalated', at: t0, toLevel: 3, dueAt: await inDays(20) },
      "dispute transition refused: cannot 'escalated' to level 3: there is no level above 2 (province)");
    await disputeRefused(handle, { action: 'decided', at: t0, level: 1, final: true, escalationDueAt: null },
      "dispute transition refused: cannot 'decided' in status 'decided' (level 1 (city))");
    const provinceDue = await inDays(5);
    await disputeUpdate(handle, { action: 'escalated', at: at(), toLevel: 2, dueAt: provinceDue });
    await disputeRefused(handle, { action: 'decided', at: t0, level: 2, final: false, escalationDueAt: await inDays(15) },
      "dispute transition refused: cannot 'decided' at level 2 (province): the last level's decision is final");
    // The province lets its time limit pass: its flag is held, so the workflow outlives the final
    // decision. (The test server does not skip time while an activity runs: skip just past it.)
    await skipPast(provinceDue);
    expect(calls.map((c) => [c.name, c.args.level])).toEqual([['markDisputeLevelOverdue', 2]]);
    expect(await decided(handle, 2, true)).toEqual(dispute(2, 'final'));
    for (const t of [
      { action: 'decided', at: t0, level: 2, final: true, escalationDueAt: null },
      { action: 'escalated', at: t0, toLevel: 3, dueAt: t0 },
      { action: 'withdrawn', at: t0 },
    ] as DisputeTransition[]) {
      await disputeRefused(handle, t, `dispute transition refused: cannot '${t.action}': the dispute is final (decided at level 2 (province))`);
    }
    provinceFlag.open();
    expect(await handle.result()).toEqual(dispute(2, 'final', [2]));

    // The escalation window passes: closing is held, escalation and withdrawal are refused meanwhile.
    // (Its instants from the server's clock now: waiting for a result lets the server skip ahead.)
    const w = await startDispute(taskQueue, await disputeInput(CITY_PATH));
    const windowEnd = await inDays(15);
    await disputeUpdate(w, { action: 'decided', at: at(), level: 0, final: false, escalationDueAt: windowEnd });
    await skipPast(windowEnd);
    expect(await w.query(disputeStateQuery)).toEqual(dispute(0, 'closed'));
    await disputeRefused(w, { action: 'escalated', at: t0, toLevel: 1, dueAt: await inDays(20) },
      "dispute transition refused: cannot 'escalated': the dispute is closed (the escalation window passed)");
    await disputeRefused(w, { action: 'withdrawn', at: t0 },
      "dispute transition refused: cannot 'withdrawn': the dispute is closed (the escalation window passed)");
    closing.open();
    expect(await w.result()).toEqual(dispute(0, 'closed'));
    await expect(escalated(w, 1)).rejects.toBeInstanceOf(WorkflowNotFoundError);
  }
});

it('dispute: a level letting its time limit pass is flagged once for that level; decided late; the escalation window passes → closeDispute and completion', async () => {
  const { calls, activities } = recordingActivities();
  const args = await disputeInput(COUNTY_PATH, 20);
  let windowEnd = '';
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await startDispute(taskQueue, args);
    await skipToJustBefore(args.firstDueAt);
    expect(calls).toEqual([]);
    await skipPast(args.firstDueAt);
    expect(await handle.query(disputeStateQuery)).toEqual(dispute(0, 'open', [0]));
    await env.sleep(30 * DAY);
    expect(calls).toHaveLength(1);
    expect(await decided(handle, 0, false, 15)).toEqual(dispute(0, 'decided', [0]));
    windowEnd = await inDays(15);
    await skipToJustBefore(windowEnd);
    expect(await handle.query(disputeStateQuery)).toEqual(dispute(0, 'decided', [0]));
    return handle.result();
  });
  expect(result).toEqual(dispute(0, 'closed', [0]));
  expect(calls.map((c) => [c.name, c.args.level])).toEqual([['markDisputeLevelOverdue', 0], ['closeDispute', undefined]]);
  expect(calls[0].at).toBeGreaterThanOrEqual(Date.parse(args.firstDueAt));
  expect(calls[1].args).toEqual({ actor: clerk, disputeId: args.disputeId });
  expect(calls[1].at).toBeGreaterThanOrEqual(Date.parse(windowEnd));
  expect(calls[1].at).toBeLessThan(Date.parse(windowEnd) + 60_000);
});

it('dispute at a city agency (path: city, province): decided, escalated, the province flagged once past its limit, final', async () => {
  const { calls, activities } = recordingActivities();
  const args = await disputeInput(CITY_PATH);
  const result = await withWorker(activities, async (taskQueue) => {
    const handle = await startDispute(taskQueue, args);
    await disputeRefused(handle, { action: 'decided', at: at(), level: 0, final: true, escalationDueAt: null },
      "dispute transition refused: cannot 'decided' at level 0 (city): only the last level (province) decides finally");
    expect(await decided(handle, 0, false)).toEqual(dispute(0, 'decided'));
    await env.sleep(20 * DAY);
    expect(await escalated(handle, 1, 28)).toEqual(dispute(1, 'open'));
    await env.sleep(40 * DAY);
    expect(await handle.query(disputeStateQuery)).toEqual(dispute(1, 'open', [1]));
    await disputeRefused(handle, { action: 'decided', at: at(), level: 1, final: false, escalationDueAt: await inDays(15) },
      "dispute transition refused: cannot 'decided' at level 1 (province): the last level's decision is final");
    expect(await decided(handle, 1, true)).toEqual(dispute(1, 'final', [1]));
    return handle.result();
  });
  expect(result).toEqual(dispute(1, 'final', [1]));
  expect(calls.map((c) => [c.name, c.args.level])).toEqual([['markDisputeLevelOverdue', 1]]);
});

it('dispute withdrawn: while open or after a decision, the workflow completes; nothing is closed or flagged afterwards', async () => {
  const { calls, activities } = recordingActivities();
  const open = await disputeInput(COUNTY_PATH, 5);
  const afterDecision = await disputeInput(COUNTY_PATH, 5);
  const results = await withWorker(activities, async (taskQueue) => {
    const a = await startDispute(taskQueue, open);
    const b = await startDispute(taskQueue, afterDecision);
    expect(await disputeUpdate(a, { action: 'withdrawn', at: at() })).toEqual(dispute(0, 'withdrawn'));
    await decided(b, 0, false, 3);
    expect(await disputeUpdate(b, { action: 'withdrawn', at: at() })).toEqual(dispute(0, 'withdrawn'));
    // One result at a time: each wait unlocks the test server's time skipping and locks it again.
    const done = [await a.result(), await b.result()];
    // Past the level's time limit and the escalation window: nothing runs for a withdrawn dispute.
    await env.sleep(10 * DAY);
    return done;
  });
  expect(results).toEqual([dispute(0, 'withdrawn'), dispute(0, 'withdrawn')]);
  expect(calls).toEqual([]);
});

it('a worker restart mid-dispute: a new worker on the same task queue finishes it, the timer started before fires after', async () => {
  const { calls, activities } = recordingActivities();
  const args = await disputeInput(COUNTY_PATH);
  const taskQueue = `findings-${randomUUID()}`;
  let cityDue = 0;
  // No workflow cache, hence no sticky queue pointing at a worker that is gone.
  const handle = await withWorker(activities, async () => {
    const h = await startDispute(taskQueue, args);
    await decided(h, 0, false);
    await env.sleep(5 * DAY);
    cityDue = Date.parse(await inDays(20));
    await disputeUpdate(h, { action: 'escalated', at: at(), toLevel: 1, dueAt: iso(cityDue) });
    expect(await h.query(disputeStateQuery)).toEqual(dispute(1, 'open'));
    return h;
  }, { taskQueue, maxCachedWorkflows: 0 });

  const result = await withWorker(activities, async () => {
    // The state is rebuilt from history by the new worker.
    expect(await handle.query(disputeStateQuery)).toEqual(dispute(1, 'open'));
    // The city's timer, started under the first worker, fires under this one.
    await skipPast(cityDue);
    expect(await handle.query(disputeStateQuery)).toEqual(dispute(1, 'open', [1]));
    await decided(handle, 1, false);
    await escalated(handle, 2);
    await decided(handle, 2, true);
    return handle.result();
  }, { taskQueue, maxCachedWorkflows: 0 });
  expect(result).toEqual(dispute(2, 'final', [1]));
  expect(calls.map((c) => [c.name, c.args.level])).toEqual([['markDisputeLevelOverdue', 1]]);
  expect(calls[0].at).toBeGreaterThanOrEqual(cityDue);
});

it('replays the recorded histories of a major decision (rejected, overdue, closed) and a three-level dispute (determinism guard)', async () => {
  for (const fixture of [DECISION_FIXTURE, DISPUTE_FIXTURE]) {
    const history = History.fromObject(JSON.parse(readFileSync(fixture, 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle }, history, `findings-replay-${randomUUID()}`)).resolves.toBeUndefined();
  }
});
