import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ormOptionsFor } from './platform/database/orm-options.js';
import { Migration0001Foundation } from './platform/database/migrations/0001-foundation.js';
import { Migration0002AnnualPlans } from './platform/database/migrations/0002-annual-plans.js';
import { Migration0003InternalControl } from './platform/database/migrations/0003-internal-control.js';
import { Migration0004Campaigns } from './platform/database/migrations/0004-campaigns.js';
import { Migration0005SpotChecks } from './platform/database/migrations/0005-spot-checks.js';
import { Migration0006Findings } from './platform/database/migrations/0006-findings.js';
import { Migration0007Disputes } from './platform/database/migrations/0007-disputes.js';
import { Migration0008FindingOwnerIndex } from './platform/database/migrations/0008-finding-owner-index.js';
import { Migration0009Dashboards } from './platform/database/migrations/0009-dashboards.js';
import { Migration0010MonthlyReports } from './platform/database/migrations/0010-monthly-reports.js';
import { Migration0011DashboardRollups } from './platform/database/migrations/0011-dashboard-rollups.js';
import { Migration0012DropDashCube } from './platform/database/migrations/0012-drop-dash-cube.js';
import { Migration0013AgreementsAndAgencyInspections } from './platform/database/migrations/0013-agreements-and-agency-inspections.js';
import { Migration0014CityTwoStepChain } from './platform/database/migrations/0014-city-two-step-chain.js';
import { Migration0015CampaignPoolingRegions } from './platform/database/migrations/0015-campaign-pooling-regions.js';
import { Migration0017DashboardCoverageRules } from './platform/database/migrations/0017-dashboard-coverage-rules.js';
import { Migration0018ScopePrefixMatch } from './platform/database/migrations/0018-scope-prefix-match.js';
import { Migration0019WorkingDayCalendar } from './platform/database/migrations/0019-working-day-calendar.js';
import { Migration0020DecisionRecoveries } from './platform/database/migrations/0020-decision-recoveries.js';
import { Migration0021PlanCycleOpened } from './platform/database/migrations/0021-plan-cycle-opened.js';
import { Migration0022InspectionListIndex } from './platform/database/migrations/0022-inspection-list-index.js';
import { Migration0023ProvincialCalendar } from './platform/database/migrations/0023-provincial-calendar.js';
import { Migration0024Leads } from './platform/database/migrations/0024-leads.js';
import { Migration0028Tips } from './platform/database/migrations/0028-tips.js';
import { Migration0029Enforcement } from './platform/database/migrations/0029-enforcement.js';
import { Migration0030Transfers } from './platform/database/migrations/0030-transfers.js';
import { Migration0031CalendarScopePrefix } from './platform/database/migrations/0031-calendar-scope-prefix.js';
import { Migration0032TipSecrets } from './platform/database/migrations/0032-tip-secrets.js';
import { Migration0033CampaignFilings } from './platform/database/migrations/0033-campaign-filings.js';
import { Migration0035FlightInspections } from './platform/database/migrations/0035-flight-inspections.js';
import { Migration0036SecondReviewWording } from './platform/database/migrations/0036-second-review-wording.js';

// The composition root of persistence: the migrations that build the schema. It lives beside
// app.module.ts because it names every context's tables; the platform's orm-options.ts knows none
// of them (ADR 0012). The ORM maps no entity: every context reads and writes with SQL on the unit
// of work's connection (ADR 0013).

export const MIGRATIONS = [
  { name: '0001-foundation', class: Migration0001Foundation },
  { name: '0002-annual-plans', class: Migration0002AnnualPlans },
  { name: '0003-internal-control', class: Migration0003InternalControl },
  { name: '0004-campaigns', class: Migration0004Campaigns },
  { name: '0005-spot-checks', class: Migration0005SpotChecks },
  { name: '0006-findings', class: Migration0006Findings },
  { name: '0007-disputes', class: Migration0007Disputes },
  { name: '0008-finding-owner-index', class: Migration0008FindingOwnerIndex },
  { name: '0009-dashboards', class: Migration0009Dashboards },
  { name: '0010-monthly-reports', class: Migration0010MonthlyReports },
  { name: '0011-dashboard-rollups', class: Migration0011DashboardRollups },
  { name: '0012-drop-dash-cube', class: Migration0012DropDashCube },
  { name: '0013-agreements-and-agency-inspections', class: Migration0013AgreementsAndAgencyInspections },
  { name: '0014-city-two-step-chain', class: Migration0014CityTwoStepChain },
  { name: '0015-campaign-pooling-regions', class: Migration0015CampaignPoolingRegions },
  { name: '0017-dashboard-coverage-rules', class: Migration0017DashboardCoverageRules },
  { name: '0018-scope-prefix-match', class: Migration0018ScopePrefixMatch },
  { name: '0019-working-day-calendar', class: Migration0019WorkingDayCalendar },
  { name: '0020-decision-recoveries', class: Migration0020DecisionRecoveries },
  { name: '0021-plan-cycle-opened', class: Migration0021PlanCycleOpened },
  { name: '0022-inspection-list-index', class: Migration0022InspectionListIndex },
  { name: '0023-provincial-calendar', class: Migration0023ProvincialCalendar },
  { name: '0024-leads', class: Migration0024Leads },
  { name: '0028-tips', class: Migration0028Tips },
  { name: '0029-enforcement', class: Migration0029Enforcement },
  { name: '0030-transfers', class: Migration0030Transfers },
  { name: '0031-calendar-scope-prefix', class: Migration0031CalendarScopePrefix },
  { name: '0032-tip-secrets', class: Migration0032TipSecrets },
  { name: '0033-campaign-filings', class: Migration0033CampaignFilings },
  { name: '0035-flight-inspections', class: Migration0035FlightInspections },
  { name: '0036-second-review-wording', class: Migration0036SecondReviewWording },
];

export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  return ormOptionsFor(clientUrl, { migrations: MIGRATIONS }, extra);
}

export async function openOrm(clientUrl: string, extra: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, extra));
}
