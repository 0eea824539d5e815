import { defineQuery } from '@temporalio/workflow';

// The monthly supervision report cycle (医保基金监管月报表, seed 002 一(九)), contract:
// docs/api/dashboards-and-monthly-reports.md §3.3. One long-running workflow per province, id
// `monthly-reports-<province>`, continuing as new month after month. The database decides (who has
// submitted, what is overdue); the workflow owns the clock (ADR 0007) and asks the backend for each
// month's instants, computed in China time with the working-day calendar.

export const MONTHLY_REPORT_CYCLE_WORKFLOW_TYPE = 'monthlyReportCycleWorkflow';

export const monthlyReportCycleWorkflowId = (provinceCode: string) => `monthly-reports-${provinceCode}`;

export interface MonthlyReportCycleInput {
  /** GB/T 2260 province code, e.g. '32'. */
  provinceCode: string;
  /** The report month to handle ('YYYY-MM'); absent: the backend picks the next one due. */
  month?: string;
}

/** One report month's instants (ISO), from the backend. */
export interface MonthlyReportSchedule {
  month: string;
  /** The 1st of the next month, 00:30 China time. */
  openAt: string;
  /** 09:00 on the working day 3 working days before the 10th, and 09:00 on the 9th (past ones dropped). */
  reminders: string[];
  /** The 11th of the next month, 00:00 China time (due by the 10th). */
  dueAt: string;
  nextMonth: string;
}

export type MonthlyReportCycleStep = 'scheduling' | 'waiting_open' | 'open' | 'overdue_marked';

export interface MonthlyReportCycleState {
  month: string | null;
  step: MonthlyReportCycleStep;
  schedule: MonthlyReportSchedule | null;
  opened: number | null;
  /** How many county bureaus each reminder reached (index = reminder). */
  reminded: number[];
  overdueFlagged: number | null;
}

export const monthlyReportCycleStateQuery = defineQuery<MonthlyReportCycleState>('monthlyReportCycleState');

/** Every step is idempotent and carries the workflow's time `at` (ADR 0007). */
export interface MonthlyReportActivities {
  monthlyReportSchedule(input: { provinceCode: string; month?: string; at: string }): Promise<MonthlyReportSchedule>;
  /** Every county bureau of the province gets its draft report of the month (auto figures assembled) and is told. */
  openMonthlyReports(input: { provinceCode: string; month: string; at: string }): Promise<{ opened: number; total: number }>;
  /** The county bureaus whose report is not submitted are reminded (once per reminder index). */
  remindMonthlyReports(input: { provinceCode: string; month: string; reminder: number; at: string }): Promise<{ reminded: string[] }>;
  /** Unsubmitted reports are flagged overdue once; the city bureaus and the counties are told. */
  markMonthlyReportsOverdue(input: { provinceCode: string; month: string; at: string }): Promise<{ flagged: string[] }>;
}
