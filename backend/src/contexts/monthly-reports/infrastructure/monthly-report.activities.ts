import type { MonthlyReportActivities } from '@fundsup/workflows/contracts';
import type { Actor } from '../../../kernel/actor.js';
import { regionPathOf } from '../../../kernel/region-path.js';
import type { Commands } from '../../../platform/cqrs/commands.js';
import { MarkMonthlyReportsOverdueCommand, OpenMonthlyReportsCommand, RemindMonthlyReportsCommand } from '../application/commands.js';
import { validMonth } from '../domain/monthly-report.js';
import { firstMonthAt, scheduleOf } from '../domain/schedule.js';

/** The workflow's time of the step (ADR 0007: the workflow owns the clock); the server's when absent. */
function clockOf(at: string | undefined): Date {
  const ms = at ? Date.parse(at) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : new Date();
}

/**
 * The actor the cycle's steps run as: the province's bureau acting for the suite (no user), scoped
 * to the province so that it reaches every county report and may notify down the chain of command.
 */
export function monthlyCycleActor(provinceCode: string): Actor {
  if (!/^\d{2}$/.test(provinceCode)) throw new Error(`not a province code: ${provinceCode}`);
  return {
    userId: 'system:monthly-reports', username: 'system:monthly-reports', displayName: '医保基金监管平台（月报）',
    roles: [], regionPath: regionPathOf(provinceCode), organizationId: `bureau-${provinceCode}`, organizationKind: 'bureau',
  };
}

/** The cycle workflow's steps: the schedule (pure, China calendar) and three idempotent commands. */
export function createMonthlyReportActivities(commands: Commands): MonthlyReportActivities {
  return {
    async monthlyReportSchedule({ month, at }) {
      const now = clockOf(at);
      return scheduleOf(month ? validMonth(month) : firstMonthAt(now), now);
    },
    openMonthlyReports({ provinceCode, month, at }) {
      return commands.execute(new OpenMonthlyReportsCommand(monthlyCycleActor(provinceCode), provinceCode, month, clockOf(at)));
    },
    remindMonthlyReports({ provinceCode, month, reminder, at }) {
      return commands.execute(new RemindMonthlyReportsCommand(monthlyCycleActor(provinceCode), provinceCode, month, reminder, clockOf(at)));
    },
    markMonthlyReportsOverdue({ provinceCode, month, at }) {
      return commands.execute(new MarkMonthlyReportsOverdueCommand(monthlyCycleActor(provinceCode), provinceCode, month, clockOf(at)));
    },
  };
}
