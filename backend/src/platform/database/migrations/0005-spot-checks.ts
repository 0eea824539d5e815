import { Migration } from '@mikro-orm/migrations';
import { chainOfCommandPolicy } from './rls.js';

/**
 * Province spot-checks with the verifiable draw, and the inspections they create (seed 003 一(一),
 * docs/api/campaigns-and-spot-checks.md).
 *
 * Ownership: a spot-check, its published draw record and its history belong to the provincial
 * bureau (region of the province); an inspection belongs to the inspected institution (its region
 * and organization). Row-level security as in 0001, with two additions:
 *  - the spot-check, its record and history are readable down the chain of command (a city or a
 *    county reads the province's spot-check and can replay its draw), never by an institution and
 *    never writable from below;
 *  - an institution reads its inspection only once the result has been sent to it.
 */
export class Migration0005SpotChecks extends Migration {
  override name = '0005-spot-checks';

  override async up(): Promise<void> {
    this.addSql(`
      create table spot_check (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        year integer not null check (year between 2000 and 2100),
        title text not null,
        campaign_id uuid references campaign (id),
        city_codes text[] not null,
        institution_kinds text[] not null check (institution_kinds <@ array['hospital', 'pharmacy', 'clinic']::text[]),
        parameters jsonb not null,
        -- the items every inspection's checklist answers (the campaign's focus areas, or the defaults)
        checklist_items jsonb not null,
        due_date date not null,
        witnesses jsonb not null,
        beacon_required boolean not null default false,
        status text not null check (status in ('draft', 'committed', 'drawn', 'closed')),
        commitment text check (commitment ~ '^[0-9a-f]{64}$'),
        committed_at timestamptz,
        drawn_at timestamptz,
        result_hash text check (result_hash ~ '^[0-9a-f]{64}$'),
        population integer not null default 0,
        drawn integer not null default 0,
        overdue boolean not null default false,
        created_at timestamptz not null,
        created_by text not null,
        version integer not null default 1,
        check ((status = 'draft') = (commitment is null)),
        check ((status in ('drawn', 'closed')) = (result_hash is not null))
      );
      create index spot_check_scope_idx on spot_check (region_path text_pattern_ops, year);

      -- The published DrawRecord as canonical JSON text: the bytes anyone downloads and replays
      -- (jsonb would reorder keys and normalize numbers). Written at commit and again at the draw.
      create table spot_check_record (
        spot_check_id uuid primary key references spot_check (id),
        region_path text not null,
        owner_org_id text not null,
        record text not null,
        updated_at timestamptz not null
      );

      create table spot_check_history (
        id uuid primary key,
        spot_check_id uuid not null references spot_check (id),
        region_path text not null,
        owner_org_id text not null,
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        comment text
      );
      create index spot_check_history_idx on spot_check_history (spot_check_id, at);

      create table inspection (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        spot_check_id uuid not null references spot_check (id),
        -- copied from the spot-check: the institution cannot read the province's spot-check
        spot_check_title text not null,
        campaign_id uuid,
        checklist_items jsonb not null,
        institution_id text not null references organization (id),
        city_code text not null,
        kind text not null check (kind in ('hospital', 'pharmacy', 'clinic')),
        level text not null check (level in ('tertiary', 'secondary', 'primary', 'none')),
        draw_order integer not null,
        -- inspectors with their names as they were when drawn (institutions cannot read the directory)
        team jsonb not null,
        status text not null check (status in ('assigned', 'recorded', 'sent')),
        due_date date not null,
        overdue boolean not null default false,
        inspected_on date,
        checklist jsonb not null default '[]',
        findings jsonb not null default '[]',
        finding_count integer generated always as (jsonb_array_length(findings)) stored,
        attachment_ids uuid[] not null default '{}',
        recorded_at timestamptz,
        recorded_by text,
        sent_at timestamptz,
        created_at timestamptz not null,
        version integer not null default 1,
        check (institution_id = owner_org_id),
        check ((status = 'assigned') = (inspected_on is null)),
        check ((status = 'sent') = (sent_at is not null)),
        unique (spot_check_id, institution_id)
      );
      create index inspection_spot_check_idx on inspection (spot_check_id, draw_order);
      create index inspection_scope_idx on inspection (region_path text_pattern_ops);
      create index inspection_institution_idx on inspection (institution_id, inspected_on);
      create index inspection_inspected_on_idx on inspection (inspected_on) where inspected_on is not null;
    `);

    // Province-owned: the usual subtree policy, plus reading down the chain of command (bureaus and
    // agencies only: app.organization_id is set for institutions alone).
    for (const table of ['spot_check', 'spot_check_record', 'spot_check_history']) this.addSql(chainOfCommandPolicy(table, { institutions: false, likeAsShipped: true }));

    // Institution-owned: the subtree, and the institution itself only once the result was sent
    // (an institution's scope is the one with app.organization_id set: unset fails closed too).
    const rule = `app_in_scope(region_path, owner_org_id)
          and (coalesce(current_setting('app.organization_id', true), '') = '' or status = 'sent')`;
    this.addSql(`
      alter table inspection enable row level security;
      alter table inspection force row level security;
      create policy inspection_tenant on inspection
        using (${rule})
        with check (${rule});
    `);

    this.addSql(`
      grant select, insert, update on spot_check, spot_check_record, inspection to fundsup_app;
      grant select, insert on spot_check_history to fundsup_app;
    `);
  }
}
