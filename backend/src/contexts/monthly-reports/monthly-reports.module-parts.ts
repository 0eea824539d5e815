import type { Provider, Type } from '@nestjs/common';
import { MonthlyReportsHttpController } from './api/monthly-reports.http.controller.js';
import { MONTHLY_REPORT_COMMAND_HANDLERS } from './application/handlers.js';
import { MONTHLY_REPORT_QUERY_HANDLERS } from './application/queries.js';
import { MonthlyReportPdf } from './infrastructure/monthly-report-documents.js';
import { MonthlyReports } from './infrastructure/monthly-reports.repository.js';
import { MonthlyReportCycleStarter } from './infrastructure/monthly-report-cycle.starter.js';

export { createMonthlyReportActivities } from './infrastructure/monthly-report.activities.js';
export { MonthlyReportCycleStarter } from './infrastructure/monthly-report-cycle.starter.js';

/** Monthly supervision reports (月报表): what the app module registers (both processes). */
export const MONTHLY_REPORT_PROVIDERS: Provider[] = [MonthlyReports, ...MONTHLY_REPORT_COMMAND_HANDLERS, ...MONTHLY_REPORT_QUERY_HANDLERS];
/** The HTTP process only: the API, its documents and the cycle's start at boot. */
export const MONTHLY_REPORT_HTTP_PROVIDERS: Provider[] = [MonthlyReportPdf, MonthlyReportCycleStarter];
export const MONTHLY_REPORT_CONTROLLERS: Type<unknown>[] = [MonthlyReportsHttpController];
