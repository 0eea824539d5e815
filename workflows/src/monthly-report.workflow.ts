import { ApplicationFailure, continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import {
  monthlyReportCycleStateQuery,
  type MonthlyReportActivities,
  type MonthlyReportCycleInput,
  type MonthlyReportCycleState,
} from './contracts/monthly-report.js';

// As for the other workflows (ADR 0007): the database decides who has submitted and what is
// overdue; this workflow owns the clock. The activities run the backend's commands, which are
// idempotent (keyed by report and step), so retrying them is always safe. No attempt limit: each
// step must eventually happen; a step delayed past the next instant makes that one fire at once.
const activities = proxyActivities<MonthlyReportActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

function instant(iso: unknown, what: string): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) {
    throw ApplicationFailure.nonRetryable(`monthly report schedule: ${what} is not an instant: ${JSON.stringify(iso)}`, 'InvalidMonthlySchedule');
  }
  return ms;
}

/** A durable timer to the given instant (none when it has passed). */
async function sleepUntil(at: number): Promise<void> {
  const ms = at - Date.now();
  if (ms > 0) await sleep(ms);
}

const nowIso = () => new Date(Date.now()).toISOString();

/**
 * The monthly report cycle of one province (seed 002 一(九)): for one report month, sleeps to the
 * 1st (00:30) and opens every county's report, reminds the counties not yet submitted at the
 * reminder instants, flags the unsubmitted ones overdue at the due instant (the 11th, 00:00), then
 * continues as new for the next month, so the history stays one month long.
 */
export async function monthlyReportCycleWorkflow(input: MonthlyReportCycleInput): Promise<never> {
  if (!input || typeof input.provinceCode !== 'string' || !/^\d{2}$/.test(input.provinceCode)) {
    throw ApplicationFailure.nonRetryable(`monthly report cycle input: invalid provinceCode ${JSON.stringify(input?.provinceCode)}`, 'InvalidMonthlyCycleInput');
  }
  const { provinceCode } = input;
  const state: MonthlyReportCycleState = { month: input.month ?? null, step: 'scheduling', schedule: null, opened: null, reminded: [], overdueFlagged: null };
  setHandler(monthlyReportCycleStateQuery, () => ({ ...state, reminded: [...state.reminded] }));

  const schedule = await activities.monthlyReportSchedule({ provinceCode, ...(input.month ? { month: input.month } : {}), at: nowIso() });
  const { month } = schedule;
  state.month = month;
  state.schedule = schedule;
  const openAt = instant(schedule.openAt, 'openAt');
  const dueAt = instant(schedule.dueAt, 'dueAt');
  const reminders = schedule.reminders.map((r, i) => instant(r, `reminders[${i}]`));

  state.step = 'waiting_open';
  await sleepUntil(openAt);
  state.opened = (await activities.openMonthlyReports({ provinceCode, month, at: nowIso() })).opened;
  state.step = 'open';

  for (const [reminder, at] of reminders.entries()) {
    if (at >= dueAt) break;
    await sleepUntil(at);
    const { reminded } = await activities.remindMonthlyReports({ provinceCode, month, reminder, at: nowIso() });
    state.reminded.push(reminded.length);
  }

  await sleepUntil(dueAt);
  state.overdueFlagged = (await activities.markMonthlyReportsOverdue({ provinceCode, month, at: nowIso() })).flagged.length;
  state.step = 'overdue_marked';

  return continueAsNew<typeof monthlyReportCycleWorkflow>({ provinceCode, month: schedule.nextMonth });
}
