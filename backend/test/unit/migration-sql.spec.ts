import { createHash } from 'node:crypto';
import type { Migration } from '@mikro-orm/migrations';
import { Migration0001Foundation } from '../../src/platform/database/migrations/0001-foundation.js';
import { Migration0002AnnualPlans } from '../../src/platform/database/migrations/0002-annual-plans.js';
import { Migration0003InternalControl } from '../../src/platform/database/migrations/0003-internal-control.js';
import { Migration0004Campaigns } from '../../src/platform/database/migrations/0004-campaigns.js';
import { Migration0005SpotChecks } from '../../src/platform/database/migrations/0005-spot-checks.js';
import { Migration0006Findings } from '../../src/platform/database/migrations/0006-findings.js';
import { Migration0007Disputes } from '../../src/platform/database/migrations/0007-disputes.js';
import { Migration0008FindingOwnerIndex } from '../../src/platform/database/migrations/0008-finding-owner-index.js';
import { Migration0009Dashboards } from '../../src/platform/database/migrations/0009-dashboards.js';
import { Migration0010MonthlyReports } from '../../src/platform/database/migrations/0010-monthly-reports.js';
import { Migration0011DashboardRollups } from '../../src/platform/database/migrations/0011-dashboard-rollups.js';
import { Migration0012DropDashCube } from '../../src/platform/database/migrations/0012-drop-dash-cube.js';
import { Migration0013AgreementsAndAgencyInspections } from '../../src/platform/database/migrations/0013-agreements-and-agency-inspections.js';
import { Migration0014CityTwoStepChain } from '../../src/platform/database/migrations/0014-city-two-step-chain.js';
import { Migration0015CampaignPoolingRegions } from '../../src/platform/database/migrations/0015-campaign-pooling-regions.js';
import { Migration0017DashboardCoverageRules } from '../../src/platform/database/migrations/0017-dashboard-coverage-rules.js';
import { Migration0018ScopePrefixMatch } from '../../src/platform/database/migrations/0018-scope-prefix-match.js';
import { Migration0019WorkingDayCalendar } from '../../src/platform/database/migrations/0019-working-day-calendar.js';
import { Migration0020DecisionRecoveries } from '../../src/platform/database/migrations/0020-decision-recoveries.js';
import { Migration0021PlanCycleOpened } from '../../src/platform/database/migrations/0021-plan-cycle-opened.js';
import { Migration0022InspectionListIndex } from '../../src/platform/database/migrations/0022-inspection-list-index.js';
import { Migration0023ProvincialCalendar } from '../../src/platform/database/migrations/0023-provincial-calendar.js';
import { Migration0024Leads } from '../../src/platform/database/migrations/0024-leads.js';
import { Migration0028Tips } from '../../src/platform/database/migrations/0028-tips.js';

// An applied migration never changes: a database migrated before a refactoring of the migration
// files (shared helpers such as rls.ts) must be the database one migrated after it. The statements
// each migration hands to addSql, byte for byte, are pinned here by their sha256.
const PINNED: [new (driver: never, config: never) => Migration, string][] = [
  [Migration0001Foundation, '3353c732444b26adc29f931f3a62795515b55bcb6db9976770e8fe4ae52f2ab5'],
  [Migration0002AnnualPlans, '41c0208a7accffebf301427d960e783e7d5e0b4ab2c25308c6c700f98d84505a'],
  [Migration0003InternalControl, '4518a2bba93275ee09e3dca1ca52897d31964c3a7dca2485ed4d80ffcd0bf5d5'],
  [Migration0004Campaigns, '5f81affe06732cad1bfed50a9b48cebefff0cafe824de8cf4b5efe4e20056f35'],
  [Migration0005SpotChecks, '5bad692dfe92b3d53ecd9433e70c7592a9fa748926d453e7f88e4a114515506b'],
  [Migration0006Findings, 'ad64b798111582986fe29460794b906220f64c2118fa42fe5626c53bfc7ca379'],
  [Migration0007Disputes, 'cf6b6465ce63a30131714df79e6c470a475f56174320bdea2b86aced40494fae'],
  [Migration0008FindingOwnerIndex, '4bbfed4a7c396c1e6b5b514c6d42dc0f2575905050685f94265df721cc25b348'],
  [Migration0009Dashboards, '72710ee92ff2dfc697a2e042e052f8c1dfd7ad375cc9066eeebb3fc3339fce4e'],
  [Migration0010MonthlyReports, '95fa11cbdc9456099f4520a95bdbfb0a9a022113b1754b6d4907e96fe001b78c'],
  [Migration0011DashboardRollups, '9f4ff53762e1c6e5135e41966ef6ab5b2b2788647a22688b377c805aba6cdf64'],
  [Migration0012DropDashCube, 'bd956ceebead6d01e4b7769649c176d40ad09e834fe475bee0b69bca7cf0aeff'],
  [Migration0013AgreementsAndAgencyInspections, '5fee747e9a30ff6385533d4ba161f5642b8d9b3abc757e3880ecfdda9d167e15'],
  [Migration0014CityTwoStepChain, '9b7ea2ed1e3993961d79c301efc7f854997819355fc248f41882e5b7d9e18e4b'],
  [Migration0015CampaignPoolingRegions, 'e5b9a18fa8115e2261bbfbcb9e0f587474e9cb4de29ae085c45f5c7bb6bffb0a'],
  [Migration0017DashboardCoverageRules, '06c9e64a11f3f3a892d492f057363a7595ab1750804ca1e3a1220d4b8c78c59e'],
  [Migration0018ScopePrefixMatch, '0a1cfacbc8d059365e98894162dc0e2934b915b941c5a6f60ec249434541f152'],
  [Migration0019WorkingDayCalendar, '4aa8daf16ccbd40eeb0b99c3f7ae6c3ef4eb3e9d843854d2db8fad4a4f4c99ce'],
  [Migration0020DecisionRecoveries, '113f76bc22fcf59b4e7e70041687dd51a82ca6f8624ac49fdb6d13a7271947b8'],
  [Migration0021PlanCycleOpened, '40a3c0162004cb08a559d522a774982ee47b35e631811df96b8b7fc1a838fa01'],
  [Migration0022InspectionListIndex, 'cd9f493c678acc287691c021fda28b35a9b6a8b337f6b6109c5c9034d83e91f8'],
  [Migration0023ProvincialCalendar, 'e394cc4f13647f79004c8ce616724c39771f882db5626bc5c1d675a5026eced2'],
  [Migration0024Leads, '2135b766fc5b275c24eac01da07995c22b2c72b8785a7e9f6edee36aa9001f2b'],
  [Migration0028Tips, '3e2913ddc285fe3261880dc6a864de81318a53d1ac6513ded5fbc1203fa86597'],
];

async function statementsOf(type: new (driver: never, config: never) => Migration): Promise<string[]> {
  const migration = new type(undefined as never, undefined as never);
  await migration.up();
  return migration.getQueries().map((q) => {
    expect(typeof q).toBe('string');
    return q as string;
  });
}

describe('applied migrations', () => {
  it.each(PINNED.map(([type, sha]) => [type.name, type, sha] as const))('%s hands PostgreSQL the statements it always did', async (_name, type, sha) => {
    const statements = await statementsOf(type);
    expect(statements.length).toBeGreaterThan(0);
    expect(createHash('sha256').update(JSON.stringify(statements)).digest('hex')).toBe(sha);
  });
});
