import { Migration } from '@mikro-orm/migrations';
import { chainOfCommandPolicy } from './rls.js';

/**
 * A province's own additions to the national working-day calendar (issue 16, ADR 0004's open question
 * closed): the State Council's notice stays national (calendar_year/calendar_day, entered by the
 * national administrator); a province adds its own adjustments — a 民族自治地方 holiday, a local
 * make-up working day — under its own document (e.g. 苏政办发〔2026〕12号), applying to it alone.
 *
 * - calendar_local_year: a province's document for a year (number, publication date, who entered it).
 * - calendar_local_day: its days; they override the national day for that province only.
 *
 * Owned by the province (region_path '/32/', owner_org_id its bureau): forced row-level security —
 * the province's scope writes them, and everyone below reads them (chain of command), the nation
 * reads them all. Another province neither reads nor writes them.
 */
export class Migration0023ProvincialCalendar extends Migration {
  override name = '0023-provincial-calendar';

  override async up(): Promise<void> {
    this.addSql(`
      create table calendar_local_year (
        province_code text not null references region (code),
        year integer not null check (year between 2000 and 2100),
        region_path text not null check (region_path = '/' || province_code || '/'),
        owner_org_id text not null references organization (id),
        document_number text not null,
        published_on date not null,
        entered_by text not null,
        entered_at timestamptz not null default now(),
        primary key (province_code, year)
      );
      create table calendar_local_day (
        province_code text not null,
        day date not null,
        year integer not null,
        region_path text not null,
        owner_org_id text not null,
        kind text not null check (kind in ('holiday', 'workday')),
        name text,
        primary key (province_code, day),
        foreign key (province_code, year) references calendar_local_year (province_code, year) on delete cascade,
        check (extract(year from day)::integer = year),
        check (kind = 'holiday' or extract(isodow from day) >= 6)
      );
    `);
    this.addSql(chainOfCommandPolicy('calendar_local_year', { institutions: true, likeAsShipped: true }));
    this.addSql(chainOfCommandPolicy('calendar_local_day', { institutions: true, likeAsShipped: true }));
    this.addSql(`grant select, insert, update, delete on calendar_local_year, calendar_local_day to fundsup_app;`);
  }
}
