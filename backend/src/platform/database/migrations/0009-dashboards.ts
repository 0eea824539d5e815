import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * The leaders' dashboards read model (issue 7, docs/api/dashboards-and-monthly-reports.md §1): a CQRS
 * projection of the domain events already in the outbox.
 *
 *  - dash_fact: one row per counted item (finding, decision, dispute, inspection, self-inspection
 *    task, annual plan, internal-control audit, monthly report) with its current contribution;
 *  - dash_cube: the facts' metrics summed by the item's lowest region and month (what the
 *    province and city dashboards read: never the facts for flow metrics);
 *  - dash_population: designated institutions per county and kind (coverage denominators);
 *  - outbox_message.projected_at: which events the projector has applied.
 *
 * Ownership: a fact is owned like its item (region path and owner organization), a cube row and a
 * population row by the bureau of their region. Forced row-level security with app_in_scope() as in
 * 0001: a city leader reads its city's rows and nothing else.
 */
export class Migration0009Dashboards extends Migration {
  override name = '0009-dashboards';

  override async up(): Promise<void> {
    this.addSql(`
      -- Left null on the rows that exist: the first projector run (or a rebuild) projects the history.
      alter table outbox_message add column projected_at timestamptz;
      create index outbox_unprojected_idx on outbox_message (seq) where projected_at is null;

      create table dash_fact (
        kind text not null check (kind in ('finding', 'decision', 'dispute', 'inspection', 'self_inspection', 'plan', 'ic_audit', 'monthly_report')),
        item_id text not null,
        region_path text not null,
        owner_org_id text not null,
        city_code text,
        county_code text,
        institution_id text,
        institution_kind text,
        -- first day of the month the item counts in (China time)
        month date not null check (extract(day from month) = 1),
        ref_id text,
        ref_label text,
        ref_status text,
        status text not null,
        -- { metricKey: number }, non-zero keys only
        metrics jsonb not null,
        primary key (kind, item_id)
      );
      create index dash_fact_county_month_idx on dash_fact (county_code, month);
      create index dash_fact_kind_month_idx on dash_fact (kind, month, region_path text_pattern_ops);
      create index dash_fact_institution_idx on dash_fact (institution_id) where institution_id is not null;
      create index dash_fact_scope_idx on dash_fact (region_path text_pattern_ops, month);

      create table dash_cube (
        region_code text not null,
        month date not null,
        metric text not null,
        value numeric(18, 2) not null,
        region_path text not null,
        owner_org_id text not null,
        primary key (region_code, month, metric)
      );
      create index dash_cube_scope_idx on dash_cube (region_path text_pattern_ops, month);

      create table dash_population (
        county_code text not null,
        city_code text not null,
        region_path text not null,
        owner_org_id text not null,
        kind text not null check (kind in ('hospital', 'pharmacy', 'clinic')),
        institutions integer not null,
        key_supervision integer not null,
        primary key (county_code, kind)
      );
      create index dash_population_scope_idx on dash_population (region_path text_pattern_ops);
    `);

    this.addSql(tenantPolicy('dash_fact', 'dash_cube', 'dash_population'));

    this.addSql(`grant select, insert, update, delete on dash_fact, dash_cube, dash_population to fundsup_app;`);
  }
}
