import { Migration } from '@mikro-orm/migrations';
import { chainOfCommandPolicy, tenantPolicy } from './rls.js';

/**
 * Special campaigns (专项治理, issue 4, docs/api/campaigns-and-spot-checks.md).
 *
 * Ownership: a campaign belongs to the provincial bureau (region of the province) and is readable
 * by everybody below it, institutions included: a campaign is a published work plan (专项治理工作
 * 方案), and an institution reads the campaign its self-inspection task belongs to. Nobody below
 * writes it. A campaign unit (the covered city and county bureaus' share of the work) belongs to
 * that bureau; a self-inspection task belongs to its institution (an institution sees only its own).
 */
export class Migration0004Campaigns extends Migration {
  override name = '0004-campaigns';

  override async up(): Promise<void> {
    this.addSql(`
      create table campaign (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        year integer not null check (year between 2000 and 2100),
        title text not null,
        focus_areas jsonb not null,
        city_codes text[] not null,
        institution_kinds text[] not null,
        plan_filed_by date not null,
        self_inspection_start date not null,
        self_inspection_end date not null,
        spot_check_start date not null,
        spot_check_end date not null,
        summary_due date not null,
        status text not null check (status in ('draft', 'assigned', 'closed')),
        phase text not null check (phase in ('draft', 'planning', 'self_inspection', 'spot_check', 'summary', 'closed')),
        assigned_at timestamptz,
        plan_filed_late boolean not null default false,
        summary_filed_at timestamptz,
        summary_comment text,
        summary_overdue boolean not null default false,
        created_at timestamptz not null,
        created_by text not null,
        unique (owner_org_id, year, title),
        check (plan_filed_by < self_inspection_start and self_inspection_start <= self_inspection_end
               and self_inspection_end < spot_check_start and spot_check_start <= spot_check_end
               and spot_check_end < summary_due)
      );

      -- One row per covered city and county bureau: its share of the campaign (tasks organised,
      -- reminders and escalations addressed to it).
      create table campaign_unit (
        campaign_id uuid not null references campaign (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        region_code text not null,
        level text not null check (level in ('city', 'county')),
        missing_escalated_at timestamptz,
        primary key (campaign_id, owner_org_id)
      );

      create table self_inspection (
        id uuid primary key,
        campaign_id uuid not null references campaign (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        city_code text not null,
        kind text not null,
        status text not null check (status in ('pending', 'draft', 'submitted', 'missing')),
        report text not null default '',
        refunded_amount numeric(14, 2) not null default 0 check (refunded_amount >= 0),
        issues jsonb not null default '[]',
        attachment_ids uuid[] not null default '{}',
        submitted_at timestamptz,
        late boolean not null default false,
        escalated_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (campaign_id, owner_org_id)
      );
      create index self_inspection_campaign_idx on self_inspection (campaign_id, city_code, status);
      create index self_inspection_region_idx on self_inspection (region_path text_pattern_ops);

      create table campaign_history (
        id uuid primary key,
        campaign_id uuid not null references campaign (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        comment text
      );
      create index campaign_history_idx on campaign_history (campaign_id, at);
    `);

    // Province-owned, readable by everybody below (published work plan).
    for (const table of ['campaign', 'campaign_history']) this.addSql(chainOfCommandPolicy(table, { institutions: true, likeAsShipped: true }));
    this.addSql(tenantPolicy('campaign_unit', 'self_inspection'));

    this.addSql(`
      grant select, insert, update on campaign, campaign_unit, self_inspection to fundsup_app;
      grant select, insert on campaign_history to fundsup_app;
    `);
  }
}
