import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Service agreements and the agencies' own inspections (issue 13; seed 003 一(一), 002 一(三)(四)(七),
 * 000 (七)(十四)).
 *
 * - service_agreement: each designated institution holds its agreement (定点服务协议) with one
 *   handling agency — county or city (市级统筹: tertiary hospitals with the city agency). The holder
 *   receives the institution's findings, decides their handling, and its region's bureau is the
 *   "same-level bureau" of reports and the first level of disputes. Owned by the institution (its
 *   region and organization), so it reads its own and the chain above it reads theirs.
 * - inspection gains an origin: 'spot_check' (the province's draw, as before) or 'agency' (a city or
 *   county agency's routine, targeted, follow-up, lead or complaint inspection), with its method,
 *   planned date, interview records (询问笔录) and the inspecting agency.
 * - inspection_document_request: documents an inspection asks the institution for, with their own
 *   deadline; owned by the institution, which sees and answers them before the result is sent.
 * - finding.source: 'agency_inspection' beside 'spot_check'.
 */
export class Migration0013AgreementsAndAgencyInspections extends Migration {
  override name = '0013-agreements-and-agency-inspections';

  override async up(): Promise<void> {
    this.addSql(`
      create table service_agreement (
        id text primary key,
        institution_id text not null unique references organization (id),
        agency_id text not null references organization (id),
        number text not null unique,
        valid_from date not null,
        valid_to date not null,
        status text not null check (status in ('active', 'suspended', 'terminated')),
        region_path text not null,
        owner_org_id text not null,
        updated_at timestamptz not null,
        version integer not null default 1,
        check (institution_id = owner_org_id),
        check (valid_from <= valid_to)
      );
      create index service_agreement_agency_idx on service_agreement (agency_id, status);
      create index service_agreement_scope_idx on service_agreement (region_path text_pattern_ops);

      create table service_agreement_history (
        id uuid primary key,
        agreement_id text not null references service_agreement (id),
        region_path text not null,
        owner_org_id text not null,
        at timestamptz not null,
        from_status text not null,
        to_status text not null,
        decision_id uuid,
        reason text not null
      );
      create index service_agreement_history_idx on service_agreement_history (agreement_id, at);

      alter table inspection alter column spot_check_id drop not null;
      alter table inspection alter column draw_order drop not null;
      alter table inspection
        add column origin text not null default 'spot_check' check (origin in ('spot_check', 'agency')),
        add column agency_id text references organization (id),
        add column inspection_type text check (inspection_type in ('routine', 'targeted', 'follow_up', 'lead', 'complaint')),
        add column method text check (method in ('on_site', 'data_review')),
        add column announced boolean,
        add column planned_on date,
        add column cross_inspection boolean not null default false,
        add column basis text,
        add column interviews jsonb not null default '[]',
        add column created_by text,
        add constraint inspection_origin_spot_check check ((origin = 'spot_check') = (spot_check_id is not null)),
        add constraint inspection_origin_agency check (origin = 'spot_check'
          or (agency_id is not null and inspection_type is not null and method is not null and announced is not null and planned_on is not null));
      create index inspection_agency_idx on inspection (agency_id, status, planned_on) where origin = 'agency';
      create index inspection_sent_year_idx on inspection (institution_id, sent_at) where status = 'sent';

      create table inspection_document_request (
        id uuid primary key,
        inspection_id uuid not null references inspection (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        agency_id text not null references organization (id),
        items text not null,
        due_date date not null,
        status text not null check (status in ('requested', 'answered')),
        overdue boolean not null default false,
        answer text,
        attachment_ids uuid[] not null default '{}',
        requested_at timestamptz not null,
        requested_by text not null,
        answered_at timestamptz,
        version integer not null default 1,
        check ((status = 'answered') = (answered_at is not null))
      );
      create index inspection_document_request_idx on inspection_document_request (inspection_id);
      create index inspection_document_request_scope_idx on inspection_document_request (region_path text_pattern_ops, status);

      alter table finding drop constraint finding_source_check;
      alter table finding add constraint finding_source_check check (source in ('spot_check', 'agency_inspection'));
    `);

    this.addSql(tenantPolicy('service_agreement', 'service_agreement_history', 'inspection_document_request'));

    // Databases created before this migration already hold their institutions: give each its agreement
    // (the seed's rule, seed/agreements.ts, as it was when this migration was written).
    this.addSql(`
  insert into service_agreement (id, institution_id, agency_id, number, valid_from, valid_to, status, region_path, owner_org_id, updated_at)
  select 'agr-' || o.id, o.id, a.id,
         a.region_code || '-2025-' || lpad(((select count(*) from service_agreement s where s.agency_id = a.id)
           + row_number() over (partition by a.id order by o.id))::text, 5, '0'),
         date '2025-01-01', date '2027-12-31', 'active', o.region_path, o.id, now()
    from organization o
    join organization a on a.kind = 'agency'
     and a.id = 'agency-' || case when o.institution_type = 'hospital' and o.institution_level = 'tertiary'
                                  then substr(o.region_code, 1, 4) else o.region_code end
   where o.kind = 'institution'
     and not exists (select 1 from service_agreement s where s.institution_id = o.id)
  on conflict do nothing;
    `);

    this.addSql(`
      grant select, insert, update on service_agreement, inspection_document_request to fundsup_app;
      grant select, insert on service_agreement_history to fundsup_app;
    `);
  }
}
