import { ApplicationFailure, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  monthlyReportCycleStateQuery,
  type MonthlyReportActivities,
  type MonthlyReportCycleInput,
  type MonthlyReportCycleState,
} from './contracts/monthly-report.js';
import { instantOf, sleepUntil, nowIso } from './time.js';

// As for the other workflows (ADR 0007): the database decides who has submitted and what is
// overdue; this workflow owns the clock. The activities run the backend's commands, which are
// idempotent (keyed by report and step), so retrying them is always safe. No attempt limit: each
// step must eventually happen; a step delayed past the next instant makes that one fire at once.
const activities = proxyActivities<MonthlyReportActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

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
  const openAt = instantOf(schedule.openAt, 'openAt', 'monthly report schedule', 'InvalidMonthlySchedule');
  const dueAt = instantOf(schedule.dueAt, 'dueAt', 'monthly report schedule', 'InvalidMonthlySchedule');
  const reminders = schedule.reminders.map((r, i) => instantOf(r, `reminders[${i}]`, 'monthly report schedule', 'InvalidMonthlySchedule'));

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
