import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Flight inspections (飞行检查, seed 003 一(三); issue 18 "The national bureau's inbox"),
 * contexts/spot-checks/README.md "Flight inspections".
 *
 * flight_inspection: organized by the national bureau (region_path '/', owner its bureau) for chosen
 * institutions of one province (province_path), with its team drawn from the inspectors of other
 * provinces by the spot-check draw engine (`record`: the published draw record, replayable).
 * Unannounced (「不打招呼」): before it starts only the national scope reads the row (app_in_scope);
 * from its start (started_at set) the bureaus and agencies of the inspected province read it too
 * (flight_inspection_province, select only; a city, another province or an institution never).
 * `results`: [{ inspectionId, institutionId, leadId }] once handed over to the province.
 *
 * inspection gains the origin 'flight' (flight_inspection_id set): created when the inspection
 * starts, in the institution's region like every inspection (so the province sees them from then on).
 */
export class Migration0035FlightInspections extends Migration {
  override name = '0035-flight-inspections';

  override async up(): Promise<void> {
    this.addSql(`
      create table flight_inspection (
        id uuid primary key,
        flight_no bigint generated always as identity unique,
        region_path text not null,
        owner_org_id text not null references organization (id),
        province_path text not null,
        province_code text not null references region (code),
        title text not null,
        institution_ids text[] not null check (cardinality(institution_ids) between 1 and 50),
        start_date date not null,
        end_date date not null,
        team_size integer not null check (team_size between 2 and 5),
        team jsonb not null default '[]' check (jsonb_typeof(team) = 'array'),
        record text not null,
        result_hash text not null,
        status text not null check (status in ('drawn', 'started', 'handed_over')),
        results jsonb not null default '[]' check (jsonb_typeof(results) = 'array'),
        created_at timestamptz not null,
        created_by text not null,
        started_at timestamptz,
        handed_over_at timestamptz,
        version integer not null default 1,
        check (end_date >= start_date),
        check ((status = 'drawn') = (started_at is null)),
        check ((status = 'handed_over') = (handed_over_at is not null))
      );
      create index flight_inspection_scope_idx on flight_inspection (region_path text_pattern_ops, created_at desc);
      create index flight_inspection_province_idx on flight_inspection (province_path text_pattern_ops) where started_at is not null;

      alter table inspection
        add column flight_inspection_id uuid references flight_inspection (id),
        drop constraint inspection_origin_check,
        add constraint inspection_origin_check check (origin in ('spot_check', 'agency', 'flight')),
        add constraint inspection_origin_flight check ((origin = 'flight') = (flight_inspection_id is not null)),
        drop constraint inspection_origin_agency,
        add constraint inspection_origin_agency check (origin <> 'agency'
          or (agency_id is not null and inspection_type is not null and method is not null and announced is not null and planned_on is not null));
      create index inspection_flight_idx on inspection (flight_inspection_id, draw_order) where flight_inspection_id is not null;
    `);

    this.addSql(tenantPolicy('flight_inspection'));
    // The inspected province's bureaus and agencies read it from its start (not institutions, not a city below).
    this.addSql(`
      create policy flight_inspection_province on flight_inspection for select
        using (started_at is not null
               and coalesce(current_setting('app.organization_id', true), '') = ''
               and coalesce(current_setting('app.region_path', true), '') <> ''
               and province_path = current_setting('app.region_path', true));
      grant select, insert, update on flight_inspection to fundsup_app;
    `);
  }
}
