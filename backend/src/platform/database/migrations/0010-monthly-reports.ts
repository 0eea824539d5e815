import { Migration } from '@mikro-orm/migrations';

/**
 * Monthly supervision reports (医保基金监管月报表, seed 002 一(九)), docs/api/dashboards-and-monthly-reports.md §3.
 *
 * Ownership: a county report belongs to the county bureau (`bureau-<county>`, the county's path), a
 * city report (the compiled bulletin) to the city bureau (`bureau-<city>`, the city's path). The usual
 * subtree policy of 0001 applies: the county reads its own, the city its counties' and its own, the
 * province everything under it; a sibling county reads nothing. Who may act (the owning bureau's
 * staff, its leader, the city bureau) is the application's rule on top.
 */
export class Migration0010MonthlyReports extends Migration {
  override name = '0010-monthly-reports';

  override async up(): Promise<void> {
    this.addSql(`
      create table monthly_report (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        level text not null check (level in ('county', 'city')),
        region_code text not null references region (code),
        city_code text not null,
        -- the first day of the reported month
        month date not null check (extract(day from month) = 1),
        status text not null check (status in ('draft', 'awaiting_signoff', 'submitted', 'compiled')),
        auto jsonb not null default '{}',
        manual jsonb not null default '{}',
        auto_at timestamptz,
        due_at timestamptz not null,
        submitted_by text,
        submitted_at timestamptz,
        signed_by text,
        signed_at timestamptz,
        late boolean not null default false,
        overdue boolean not null default false,
        overdue_at timestamptz,
        returned_comment text,
        -- city: { counties: [...], ranking: [...], totals, bulletin, compiledAt, compiledBy }
        compiled jsonb,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version integer not null default 1,
        unique (owner_org_id, month),
        check ((level = 'city') = (status = 'compiled')),
        check ((level = 'city') = (compiled is not null)),
        check (status <> 'submitted' or (signed_at is not null and submitted_at is not null)),
        check (overdue = (overdue_at is not null))
      );
      create index monthly_report_scope_idx on monthly_report (region_path text_pattern_ops, month);
      create index monthly_report_month_idx on monthly_report (month, city_code, level, status);

      alter table monthly_report enable row level security;
      alter table monthly_report force row level security;
      create policy monthly_report_tenant on monthly_report
        using (app_in_scope(region_path, owner_org_id))
        with check (app_in_scope(region_path, owner_org_id));

      grant select, insert, update on monthly_report to fundsup_app;
    `);
  }
}
