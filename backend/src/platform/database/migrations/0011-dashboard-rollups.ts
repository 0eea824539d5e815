import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * The dashboards' read side at province scale (issue 7 benchmark: 500,000 findings, 1,000,000
 * events): the dashboard summed tens of thousands of cube rows and scanned the facts for coverage,
 * campaigns and the size of every list per request. Rollups kept by the projector in the same
 * transaction as the facts (docs/api/dashboards-and-monthly-reports.md §1.1):
 *
 *  - dash_cube.items: how many facts carry the metric (the size of the list behind a number);
 *  - dash_rollup: dash_cube summed for every region of the tree (nation, province, city, county)
 *    and every period (year '2026', quarter '2026-Q3', month '2026-07') — a dashboard reads a few
 *    hundred rows by primary key;
 *  - dash_coverage: distinct institutions with a sent inspection per lowest region, period and kind
 *    (additive up the tree: an institution is in one county), key-supervision ones inspected twice;
 *  - dash_campaign: the self-inspection tasks of a campaign per lowest region.
 *
 * Ownership and forced row-level security as in 0009. The rows are computed here from the facts
 * already projected (the scope set to the whole suite for this transaction: the owner is subject to
 * the forced policies too).
 */
export class Migration0011DashboardRollups extends Migration {
  override name = '0011-dashboard-rollups';

  override async up(): Promise<void> {
    this.addSql(`
      alter table dash_cube add column items integer not null default 0;
      -- room on each page for the projector's updates in place (HOT: no indexed column changes)
      alter table dash_cube set (fillfactor = 80);

      create table dash_rollup (
        region_code text not null,
        -- '2026' | '2026-Q3' | '2026-07'
        period text not null check (period ~ '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
        metric text not null,
        value numeric(18, 2) not null,
        items integer not null,
        region_path text not null,
        owner_org_id text not null,
        primary key (region_code, period, metric)
      ) with (fillfactor = 80);

      create table dash_coverage (
        region_code text not null,
        period text not null check (period ~ '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
        kind text not null,
        inspected integer not null,
        key_inspected_twice integer not null,
        region_path text not null,
        owner_org_id text not null,
        primary key (region_code, period, kind)
      );
      create index dash_coverage_scope_idx on dash_coverage (region_path text_pattern_ops, period);

      create table dash_campaign (
        campaign_id text not null,
        region_code text not null,
        month date not null,
        title text not null,
        phase text,
        tasks integer not null,
        submitted integer not null,
        late integer not null,
        missing integer not null,
        region_path text not null,
        owner_org_id text not null,
        primary key (campaign_id, region_code)
      );
      create index dash_campaign_scope_idx on dash_campaign (region_path text_pattern_ops, month);

      -- Coverage and campaign keys whose rows the projector recomputes once it has caught up
      -- ('coverage': lowest region path, year; 'campaign': campaign id, lowest region path). No
      -- region of its own: keys only, written and read by the projector (system scope).
      create table dash_pending (
        rollup text not null check (rollup in ('coverage', 'campaign')),
        a text not null,
        b text not null,
        primary key (rollup, a, b)
      );
      alter table dash_pending enable row level security;
      alter table dash_pending force row level security;
      create policy dash_pending_system on dash_pending
        using (coalesce(current_setting('app.region_path', true), '') = '/')
        with check (coalesce(current_setting('app.region_path', true), '') = '/');

      -- The items list in the order it pages (month desc, id desc) for one kind, over the province,
      -- a city or a county. Equalities, not the path's LIKE: under row-level security a predicate
      -- that is not leakproof (LIKE) cannot be an index condition. Supersedes (kind, month, path).
      drop index dash_fact_kind_month_idx;
      create index dash_fact_kind_order_idx on dash_fact (kind, month, item_id);
      create index dash_fact_kind_city_idx on dash_fact (kind, city_code, month, item_id);
      create index dash_fact_kind_county_idx on dash_fact (kind, county_code, month, item_id);
      -- the coverage rollup's recomputation (a county's inspections of a year)
      create index dash_fact_inspection_idx on dash_fact (region_path, month) where kind = 'inspection';
      -- the campaign rollup's recomputation
      create index dash_fact_campaign_idx on dash_fact (ref_id, region_path) where kind = 'self_inspection';
      -- the "overdue items" list and count
      create index dash_fact_overdue_idx on dash_fact (region_path text_pattern_ops, month)
        where jsonb_exists_any(metrics, '{plans_overdue,inspections_overdue,rectification_overdue,disputes_overdue,si_missing,ic_self_assessment_overdue,ic_rectification_overdue,mr_overdue}'::text[]);
    `);

    this.addSql(tenantPolicy('dash_rollup', 'dash_coverage', 'dash_campaign'));
    this.addSql(`grant select, insert, update, delete on dash_rollup, dash_coverage, dash_campaign, dash_pending to fundsup_app;`);

    // The rollups of what is already projected.
    this.addSql(`select set_config('app.region_path', '/', true), set_config('app.organization_id', '', true);`);
    this.addSql(`
      update dash_cube c set items = s.n
        from (select coalesce(nullif(split_part(f.region_path, '/', 4), ''), nullif(split_part(f.region_path, '/', 3), ''),
                              nullif(split_part(f.region_path, '/', 2), ''), '000000') as region_code,
                     f.month, m.key as metric, count(*)::int as n
                from dash_fact f cross join lateral jsonb_object_keys(f.metrics) m(key)
               group by 1, 2, 3) s
       where c.region_code = s.region_code and c.month = s.month and c.metric = s.metric;

      insert into dash_rollup (region_code, period, metric, value, items, region_path, owner_org_id)
      select a.code, pr.period, c.metric, sum(c.value), sum(c.items), a.path, 'bureau-' || a.code
        from dash_cube c
        cross join lateral (
          select case when k = 0 then '/' else '/' || array_to_string(p.parts[1:k], '/') || '/' end as path,
                 case when k = 0 then '000000' else p.parts[k] end as code
            from (select string_to_array(trim(both '/' from c.region_path), '/') as parts) p, generate_series(0, cardinality(p.parts)) k) a
        cross join lateral (values (to_char(c.month, 'YYYY')), (to_char(c.month, 'YYYY-"Q"Q')), (to_char(c.month, 'YYYY-MM'))) pr(period)
       group by a.code, pr.period, c.metric, a.path;

      insert into dash_coverage (region_code, period, kind, inspected, key_inspected_twice, region_path, owner_org_id)
      with i as (
        select f.region_path, f.institution_id, f.institution_kind as kind, f.month, count(*) as n
          from dash_fact f
         where f.kind = 'inspection' and ((f.metrics ->> 'inspections') is not null) and f.institution_id is not null
         group by 1, 2, 3, 4),
      p as (
        select i.region_path, i.institution_id, i.kind, pr.period, sum(i.n) as n
          from i cross join lateral (values (to_char(i.month, 'YYYY')), (to_char(i.month, 'YYYY-"Q"Q')), (to_char(i.month, 'YYYY-MM'))) pr(period)
         group by 1, 2, 3, 4)
      select coalesce(nullif(split_part(p.region_path, '/', 4), ''), nullif(split_part(p.region_path, '/', 3), ''), nullif(split_part(p.region_path, '/', 2), ''), '000000'),
             p.period, coalesce(p.kind, 'unknown'), count(*)::int, (count(*) filter (where p.n >= 2 and o.key_supervision))::int, p.region_path,
             'bureau-' || coalesce(nullif(split_part(p.region_path, '/', 4), ''), nullif(split_part(p.region_path, '/', 3), ''), nullif(split_part(p.region_path, '/', 2), ''), '000000')
        from p left join organization o on o.id = p.institution_id
       group by p.region_path, p.period, p.kind;

      insert into dash_campaign (campaign_id, region_code, month, title, phase, tasks, submitted, late, missing, region_path, owner_org_id)
      select f.ref_id,
             coalesce(nullif(split_part(f.region_path, '/', 4), ''), nullif(split_part(f.region_path, '/', 3), ''), nullif(split_part(f.region_path, '/', 2), ''), '000000'),
             max(f.month), coalesce(max(f.ref_label), ''), max(f.ref_status), count(*)::int,
             (count(*) filter (where f.status = 'submitted'))::int, (count(*) filter (where ((f.metrics ->> 'si_late') is not null)))::int,
             (count(*) filter (where f.status = 'missing'))::int, f.region_path,
             'bureau-' || coalesce(nullif(split_part(f.region_path, '/', 4), ''), nullif(split_part(f.region_path, '/', 3), ''), nullif(split_part(f.region_path, '/', 2), ''), '000000')
        from dash_fact f
       where f.kind = 'self_inspection' and f.ref_id is not null
       group by f.ref_id, f.region_path;
    `);
  }
}
