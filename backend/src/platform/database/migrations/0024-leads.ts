import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Leads and the case ledger (线索台账, seed 003 二(二), issue 17; contexts/leads/README.md).
 *
 * Ownership: a lead belongs to the unit that holds it now (owner_org_id, region_path = that unit's
 * region path). Assigning it down the region tree moves it to the lower unit's ledger; every unit
 * above (the assigner, the national bureau) still reads it through the usual subtree policy of 0001,
 * and a sibling province or county sees nothing. The history follows the lead (its rows are moved
 * with it), so the holder reads the whole timeline. `registered_org_id` is the unit whose ledger the
 * lead was entered in; `assignments` the chain of assignments, oldest first:
 * [{ fromOrgId, fromRegionPath, toOrgId, toRegionPath, at, by, dueDate }].
 */
export class Migration0024Leads extends Migration {
  override name = '0024-leads';

  override async up(): Promise<void> {
    this.addSql(`
      create table lead (
        id uuid primary key,
        ledger_no bigint generated always as identity unique,
        region_path text not null,
        owner_org_id text not null references organization (id),
        registered_org_id text not null references organization (id),
        registered_region_path text not null,
        source text not null check (source in ('tip', 'national_assignment', 'provincial_assignment', 'flight_inspection', 'smart_monitoring',
          'self_inspection', 'other_department', 'media', 'offsite_verification', 'other')),
        source_ref text,
        region_code text not null references region (code),
        institution_org_id text references organization (id),
        subject text not null,
        facts text not null,
        amount_involved numeric(16, 2) check (amount_involved >= 0),
        status text not null check (status in ('registered', 'assessed', 'assigned', 'investigating', 'dismissal_proposed', 'dismissed',
          'closed', 'reported', 'accepted')),
        valuable boolean,
        assessment_reasons text,
        -- a proposed dismissal ("not valuable") awaiting a second user's approval: { by, byUserId, reasons, at, previousStatus }
        dismissal jsonb,
        assignments jsonb not null default '[]' check (jsonb_typeof(assignments) = 'array'),
        due_date date,
        overdue boolean not null default false,
        -- a pending extension request: { dueDate, reason, by, byUserId, at }
        extension jsonb,
        inspection_id uuid,
        result text check (result in ('violation_confirmed', 'not_confirmed', 'transferred')),
        confirmed_amount numeric(16, 2) check (confirmed_amount >= 0),
        result_summary text,
        -- the index in assignments of the assigner the result is reported to now
        report_level integer,
        closed_at timestamptz,
        reported_at timestamptz,
        accepted_at timestamptz,
        registered_at timestamptz not null,
        registered_by text not null,
        registered_by_user_id text not null,
        version integer not null default 1,
        check ((result is null) = (closed_at is null)),
        check (result = 'violation_confirmed' or confirmed_amount is null),
        check ((status = 'dismissal_proposed') = (dismissal is not null)),
        check ((status = 'reported') = (report_level is not null))
      );
      create index lead_scope_idx on lead (region_path text_pattern_ops, status);
      create index lead_registered_idx on lead (registered_at desc, id);
      create index lead_source_ref_idx on lead (source, source_ref) where source_ref is not null;
      create index lead_due_idx on lead (due_date) where status in ('registered', 'assessed', 'assigned', 'investigating');

      create table lead_history (
        seq bigint generated always as identity primary key,
        id uuid not null unique,
        lead_id uuid not null references lead (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        by_org_id text not null,
        comment text
      );
      create index lead_history_idx on lead_history (lead_id, seq);
    `);

    this.addSql(tenantPolicy('lead', 'lead_history'));

    this.addSql(`
      grant select, insert, update on lead to fundsup_app;
      grant select, insert, update on lead_history to fundsup_app;
    `);
  }
}
