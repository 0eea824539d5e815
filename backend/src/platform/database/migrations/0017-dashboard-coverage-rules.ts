import { Migration } from '@mikro-orm/migrations';

/**
 * The dashboards' coverage per rule (issue 13 §4; docs/api/dashboards-and-monthly-reports.md §2.1,
 * ADR 0011 addendum): each rule of seed 002 一(四) and 003 一(一) against its own basis, and the
 * province's ≥10% sample per city, rather than one 10% line for every level and period.
 *
 * - dash_coverage gains, per lowest region, period and kind, the institutions whose first sent
 *   inspection of the year (first_inspected), first on-site one (first_on_site), second one among
 *   key-supervision units (key_second), first on-site one among high-credit hospitals
 *   (high_credit_on_site) and first province spot-check (first_spot_check) fall in the period: summed
 *   over the months from January they give the year to date, additively up the tree.
 * - dash_population gains the high-credit hospitals per county (the basis of that rule).
 * - The inspection facts gain the metrics inspections_on_site and inspections_spot_check (origin and
 *   method): no column, but every inspection fact must be recomputed. The events that touch every
 *   inspection (the draw's and the agencies' scheduling) are marked unprojected, so the projector
 *   recomputes those facts, the rollup and the coverage rows from the records as it catches up;
 *   `rebuild-dashboards` does the same at once (and refreshes the population, which the projector
 *   also refreshes when it starts).
 */
export class Migration0017DashboardCoverageRules extends Migration {
  override name = '0017-dashboard-coverage-rules';

  override async up(): Promise<void> {
    this.addSql(`
      alter table dash_coverage
        add column first_inspected integer not null default 0,
        add column first_on_site integer not null default 0,
        add column key_second integer not null default 0,
        add column high_credit_on_site integer not null default 0,
        add column first_spot_check integer not null default 0;

      alter table dash_population add column high_credit integer not null default 0;
    `);
    // The owner is subject to the forced row-level security too: the whole suite in scope for this transaction.
    this.addSql(`select set_config('app.region_path', '/', true), set_config('app.organization_id', '', true);`);
    this.addSql(`update outbox_message set projected_at = null where event_type in ('SpotCheckDrawn', 'InspectionScheduled') and projected_at is not null;`);
  }
}
