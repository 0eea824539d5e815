import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  monthlyReportCycleStateQuery,
  monthlyReportCycleWorkflowId,
  type MonthlyReportActivities,
  type MonthlyReportSchedule,
} from '../src/contracts/monthly-report.js';
import { monthlyReportCycleWorkflow } from '../src/monthly-report.workflow.js';
import { bundleWorkflows, createTimeSkippingEnv, History } from './test-server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIXTURE = new URL('./histories/monthly-report-cycle-late-county.json', import.meta.url);

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
});
afterAll(() => env?.teardown());

const COUNTIES = ['bureau-320102', 'bureau-320104', 'bureau-320105'] as const;
type County = (typeof COUNTIES)[number];
const MONTHS = ['2031-01', '2031-02', '2031-03', '2031-04'];

interface Call { name: 'schedule' | 'open' | 'remind' | 'overdue'; month: string; at: number; serverAt: number; reminder?: number; counties?: string[] }

/**
 * A small stand-in for the backend: per month, which counties have filed (and whether late), which
 * were reminded by which reminder, which were flagged overdue. Steps are idempotent like the
 * backend's commands; every call is recorded with the workflow's `at` and the server's time.
 */
function fakeBackend(base: number) {
  const calls: Call[] = [];
  const filed = new Map<string, Map<County, { late: boolean }>>();
  const flagged = new Map<string, Set<County>>();
  const remindedBy = new Map<string, Set<County>>();
  const schedules = new Map<string, MonthlyReportSchedule>();
  MONTHS.forEach((month, k) => {
    const openAt = base + k * 30 * DAY;
    schedules.set(month, {
      month, openAt: new Date(openAt).toISOString(), reminders: [new Date(openAt + 6 * DAY + 9 * HOUR).toISOString(), new Date(openAt + 8 * DAY + 9 * HOUR).toISOString()],
      dueAt: new Date(openAt + 10 * DAY).toISOString(), nextMonth: MONTHS[k + 1] ?? '2031-12',
    });
  });
  const record = async (c: Omit<Call, 'serverAt'>) => calls.push({ ...c, serverAt: await env.currentTimeMs() });
  const unfiled = (month: string) => COUNTIES.filter((c) => !filed.get(month)?.has(c));
  const activities: MonthlyReportActivities = {
    async monthlyReportSchedule({ month, at }) {
      const m = month ?? MONTHS[0]!;
      await record({ name: 'schedule', month: m, at: Date.parse(at) });
      return schedules.get(m)!;
    },
    async openMonthlyReports({ month, at }) {
      await record({ name: 'open', month, at: Date.parse(at) });
      return { opened: COUNTIES.length, total: COUNTIES.length };
    },
    async remindMonthlyReports({ month, reminder, at }) {
      const key = `${month}#${reminder}`;
      const already = remindedBy.get(key) ?? new Set<County>();
      const now = unfiled(month).filter((c) => !already.has(c));
      now.forEach((c) => already.add(c));
      remindedBy.set(key, already);
      await record({ name: 'remind', month, reminder, at: Date.parse(at), counties: now });
      return { reminded: now };
    },
    async markMonthlyReportsOverdue({ month, at }) {
      const set = flagged.get(month) ?? new Set<County>();
      const due = Date.parse(schedules.get(month)!.dueAt);
      const now = Date.parse(at) >= due ? unfiled(month).filter((c) => !set.has(c)) : [];
      now.forEach((c) => set.add(c));
      flagged.set(month, set);
      await record({ name: 'overdue', month, at: Date.parse(at), counties: now });
      return { flagged: now };
    },
  };
  /** A county's leader signs now (server time): late when at or after the due instant. */
  async function file(month: string, county: County): Promise<{ late: boolean }> {
    const late = (await env.currentTimeMs()) >= Date.parse(schedules.get(month)!.dueAt);
    const m = filed.get(month) ?? new Map();
    m.set(county, { late });
    filed.set(month, m);
    return { late };
  }
  return { calls, activities, file, schedules, filed, flagged };
}

async function skipTo(instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

it('three months: reminders only to the unfiled at their instants, overdue once at the due instant, a late county accepted and flagged, continue-as-new each month', async () => {
  const base = (await env.currentTimeMs()) + 2 * DAY;
  const backend = fakeBackend(base);
  const s = (month: string) => backend.schedules.get(month)!;
  const taskQueue = `monthly-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities: backend.activities });
  const workflowId = monthlyReportCycleWorkflowId(`9${Math.floor(Math.random() * 10)}`);

  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(monthlyReportCycleWorkflow, { taskQueue, workflowId, args: [{ provinceCode: workflowId.slice(-2), month: MONTHS[0] }] });
    const firstRunId = handle.firstExecutionRunId;
    const state = () => env.client.workflow.getHandle(workflowId).query(monthlyReportCycleStateQuery);

    // ---- month 1: two counties file before the first reminder, the third after the due instant.
    await skipTo(Date.parse(s(MONTHS[0]!).openAt) + HOUR);
    expect(await state()).toMatchObject({ month: MONTHS[0], step: 'open', opened: 3, reminded: [] });
    expect(await backend.file(MONTHS[0]!, 'bureau-320102')).toEqual({ late: false });
    expect(await backend.file(MONTHS[0]!, 'bureau-320104')).toEqual({ late: false });
    await skipTo(Date.parse(s(MONTHS[0]!).dueAt) - HOUR);
    expect(await state()).toMatchObject({ reminded: [1, 1], overdueFlagged: null });
    await skipTo(Date.parse(s(MONTHS[0]!).dueAt) + HOUR);
    expect(backend.flagged.get(MONTHS[0]!)).toEqual(new Set(['bureau-320105']));
    // The late county files after the due instant: accepted, and late.
    expect(await backend.file(MONTHS[0]!, 'bureau-320105')).toEqual({ late: true });

    // ---- month 2 (a new run): everyone files between the two reminders, the third county first reminded.
    await skipTo(Date.parse(s(MONTHS[1]!).openAt) + HOUR);
    const second = await env.client.workflow.getHandle(workflowId).describe();
    expect(second.runId).not.toBe(firstRunId);
    expect(await state()).toMatchObject({ month: MONTHS[1], step: 'open', reminded: [], overdueFlagged: null });
    await backend.file(MONTHS[1]!, 'bureau-320102');
    await backend.file(MONTHS[1]!, 'bureau-320104');
    await skipTo(Date.parse(s(MONTHS[1]!).reminders[0]!) + HOUR);
    await backend.file(MONTHS[1]!, 'bureau-320105');
    await skipTo(Date.parse(s(MONTHS[1]!).dueAt) + HOUR);
    expect(backend.flagged.get(MONTHS[1]!)).toEqual(new Set());

    // ---- month 3: nobody files; everyone reminded twice and flagged once.
    await skipTo(Date.parse(s(MONTHS[2]!).dueAt) + HOUR);
    expect(backend.flagged.get(MONTHS[2]!)).toEqual(new Set(COUNTIES));
    await skipTo(Date.parse(s(MONTHS[3]!).openAt) - HOUR);
    expect(await state()).toMatchObject({ month: MONTHS[3], step: 'waiting_open' });

    if (process.env.RECORD_HISTORIES === '1') {
      mkdirSync(new URL('./histories/', import.meta.url), { recursive: true });
      const history = await env.client.workflow.getHandle(workflowId, firstRunId).fetchHistory();
      writeFileSync(FIXTURE, JSON.stringify(History.fromObject(history).toJSON(), null, 1));
    }
    await env.client.workflow.getHandle(workflowId).terminate('test over');
  });

  const steps = backend.calls.filter((c) => c.month !== MONTHS[3]).map((c) => [c.name, c.month, c.reminder, c.counties]);
  expect(steps).toEqual([
    ['schedule', MONTHS[0], undefined, undefined], ['open', MONTHS[0], undefined, undefined],
    ['remind', MONTHS[0], 0, ['bureau-320105']], ['remind', MONTHS[0], 1, ['bureau-320105']], ['overdue', MONTHS[0], undefined, ['bureau-320105']],
    ['schedule', MONTHS[1], undefined, undefined], ['open', MONTHS[1], undefined, undefined],
    ['remind', MONTHS[1], 0, ['bureau-320105']], ['remind', MONTHS[1], 1, []], ['overdue', MONTHS[1], undefined, []],
    ['schedule', MONTHS[2], undefined, undefined], ['open', MONTHS[2], undefined, undefined],
    ['remind', MONTHS[2], 0, [...COUNTIES]], ['remind', MONTHS[2], 1, [...COUNTIES]], ['overdue', MONTHS[2], undefined, [...COUNTIES]],
  ]);
  expect(backend.calls.filter((c) => c.name === 'schedule').map((c) => c.month)).toEqual(MONTHS);
  // Each step ran at its instant, and carried the workflow's time of the step.
  for (const c of backend.calls) {
    const sc = s(c.month);
    const instant = c.name === 'open' ? Date.parse(sc.openAt) : c.name === 'remind' ? Date.parse(sc.reminders[c.reminder!]!) : c.name === 'overdue' ? Date.parse(sc.dueAt) : null;
    if (instant === null) continue;
    expect(c.at).toBeGreaterThanOrEqual(instant);
    expect(c.at).toBeLessThan(instant + 60_000);
    expect(c.serverAt).toBeGreaterThanOrEqual(instant);
  }
  expect(backend.calls.filter((c) => c.name === 'overdue').map((c) => c.month)).toEqual(MONTHS.slice(0, 3));
  expect([...backend.filed.get(MONTHS[0]!)!.entries()]).toEqual([['bureau-320102', { late: false }], ['bureau-320104', { late: false }], ['bureau-320105', { late: true }]]);
});

it('started without a month: the backend picks it; an open instant already past fires at once', async () => {
  const now = await env.currentTimeMs();
  const calls: string[] = [];
  const activities: MonthlyReportActivities = {
    async monthlyReportSchedule({ month }) {
      calls.push(`schedule:${month ?? '-'}`);
      const m = month ?? '2040-05';
      const openAt = m === '2040-05' ? now - DAY : now + 40 * DAY;
      return { month: m, openAt: new Date(openAt).toISOString(), reminders: [new Date(now + HOUR).toISOString()], dueAt: new Date(now + 2 * DAY).toISOString(), nextMonth: '2040-06' };
    },
    async openMonthlyReports({ month }) { calls.push(`open:${month}`); return { opened: 0, total: 0 }; },
    async remindMonthlyReports({ month }) { calls.push(`remind:${month}`); return { reminded: [] }; },
    async markMonthlyReportsOverdue({ month }) { calls.push(`overdue:${month}`); return { flagged: [] }; },
  };
  const taskQueue = `monthly-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(monthlyReportCycleWorkflow, { taskQueue, workflowId: `monthly-reports-${randomUUID()}`, args: [{ provinceCode: '32' }] });
    await env.sleep(3 * DAY);
    expect(await env.client.workflow.getHandle(handle.workflowId).query(monthlyReportCycleStateQuery)).toMatchObject({ month: '2040-06', step: 'waiting_open' });
    await handle.terminate('test over');
  });
  expect(calls).toEqual(['schedule:-', 'open:2040-05', 'remind:2040-05', 'overdue:2040-05', 'schedule:2040-06']);
});

it('refuses an invalid province code without running a step', async () => {
  const taskQueue = `monthly-${randomUUID()}`;
  const calls: string[] = [];
  const activities = { async monthlyReportSchedule() { calls.push('schedule'); throw new Error('unreachable'); } } as unknown as MonthlyReportActivities;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(monthlyReportCycleWorkflow, { taskQueue, workflowId: `monthly-reports-${randomUUID()}`, args: [{ provinceCode: 'JS' }] });
    await expect(handle.result()).rejects.toThrow();
  });
  expect(calls).toEqual([]);
});

it('replays the recorded history of a month with a late county (determinism guard)', async () => {
  const history = History.fromObject(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle }, history, 'monthly-report-replay')).resolves.toBeUndefined();
});
