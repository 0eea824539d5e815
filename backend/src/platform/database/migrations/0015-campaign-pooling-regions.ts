import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Campaign self-inspection by the pooling regions as well as the institutions (seed 003 一(二):
 * 「4—8月，各统筹地区开展专项治理自查工作」; docs/api/campaigns-and-spot-checks.md).
 *
 * * A campaign's scope can be restricted by ownership and minimum level (「二级及以上公立医疗机构」,
 *   seed 003 一(四)).
 * * Every covered city and county handling agency files its own report of its region's
 *   self-inspection (`agency_self_inspection`, owned by the agency: the agency, and the bureaus and
 *   agencies above it, read it).
 * * The agency that handles an institution verifies (核实) its report or returns it for correction,
 *   and records the refund it verified. The handling agency is fixed on the task when it is created
 *   (the holder of its service agreement, else the agency of its county); the review's steps are kept in
 *   `self_inspection_review`, owned like the task by the institution, so that it reads the comments.
 *
 * Campaigns already assigned and still in their planning or self-inspection phase get their
 * agencies' tasks here; their submitted reports await verification.
 */
export class Migration0015CampaignPoolingRegions extends Migration {
  override name = '0015-campaign-pooling-regions';

  override async up(): Promise<void> {
    this.addSql(`
      alter table campaign
        add column ownership text check (ownership in ('public', 'private')),
        add column min_level text check (min_level in ('tertiary', 'secondary', 'primary'));

      alter table self_inspection
        add column handling_agency_id text references organization (id),
        add column review_status text check (review_status in ('awaiting', 'verified', 'returned')),
        add column review_comment text,
        add column reviewed_at timestamptz,
        add column reviewed_by text,
        add column corrections integer not null default 0,
        add column refund_confirmed boolean,
        add column refund_verified_amount numeric(14, 2) check (refund_verified_amount >= 0),
        add column refund_verified_at timestamptz,
        add constraint self_inspection_review_submitted check (review_status is null or status = 'submitted');

      -- The holder of the institution's service agreement (migration 0013), else its county's agency.
      update self_inspection s set handling_agency_id = coalesce(
          (select sa.agency_id from service_agreement sa where sa.institution_id = s.owner_org_id),
          (select a.id from organization o join organization a on a.kind = 'agency' and a.region_code = o.region_code
            where o.id = s.owner_org_id order by a.id limit 1));
      update self_inspection set review_status = 'awaiting' where status = 'submitted';
      create index self_inspection_handling_idx on self_inspection (handling_agency_id, campaign_id, review_status);

      create table self_inspection_review (
        id uuid primary key,
        task_id uuid not null references self_inspection (id),
        campaign_id uuid not null references campaign (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null check (action in ('verified', 'returned', 'corrected', 'refund_verified')),
        by_org_id text not null references organization (id),
        by_name text not null,
        comment text,
        refund_confirmed boolean,
        refund_amount numeric(14, 2)
      );
      create index self_inspection_review_task_idx on self_inspection_review (task_id, at);

      create table agency_self_inspection (
        id uuid primary key,
        campaign_id uuid not null references campaign (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        city_code text not null,
        region_code text not null,
        level text not null check (level in ('city', 'county')),
        status text not null check (status in ('pending', 'draft', 'submitted', 'missing')),
        report text not null default '',
        institutions_checked integer not null default 0 check (institutions_checked >= 0),
        problems_found integer not null default 0 check (problems_found >= 0),
        problem_amount numeric(14, 2) not null default 0 check (problem_amount >= 0),
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
      create index agency_self_inspection_campaign_idx on agency_self_inspection (campaign_id, city_code, status);
    `);

    this.addSql(tenantPolicy('self_inspection_review', 'agency_self_inspection'));

    this.addSql(`
      grant select, insert, update on agency_self_inspection to fundsup_app;
      grant select, insert on self_inspection_review to fundsup_app;

      insert into agency_self_inspection (id, campaign_id, region_path, owner_org_id, city_code, region_code, level, status, created_at, updated_at)
      select gen_random_uuid(), c.id, o.region_path, o.id, case when r.level = 'city' then r.code else r.parent_code end, o.region_code, r.level, 'pending', now(), now()
        from campaign c
        join organization o on o.kind = 'agency'
        join region r on r.code = o.region_code and r.level in ('city', 'county')
       where c.status = 'assigned' and c.phase in ('planning', 'self_inspection')
         and (case when r.level = 'city' then r.code else r.parent_code end) = any(c.city_codes)
      on conflict do nothing;
    `);
  }
}
