import { ownerQuery, type TestDatabase } from './database.js';

/**
 * The dashboards' whole read model (facts, rollup, coverage, campaigns) in a stable order: two
 * snapshots are equal when every row is (docs/api/dashboards-and-monthly-reports.md §1.1).
 */
export async function readModelSnapshot(db: TestDatabase) {
  const q = (sql: string) => ownerQuery(db, sql, []);
  const facts = await q(`select kind, item_id, region_path, owner_org_id, city_code, county_code, institution_id, institution_kind,
      to_char(month, 'YYYY-MM-DD') as month, ref_id, ref_label, ref_status, status, metrics::text as metrics from dash_fact order by kind, item_id`);
  const rollup = await q(`select region_code, period, metric, value::text as value, items, region_path, owner_org_id
      from dash_rollup order by region_code, period, metric`);
  const coverage = await q(`select * from dash_coverage order by region_code, period, kind`);
  const campaigns = await q(`select campaign_id, region_code, to_char(month, 'YYYY-MM-DD') as month, title, phase, tasks, submitted, late, missing,
      region_path, owner_org_id from dash_campaign order by campaign_id, region_code`);
  return { facts, rollup, coverage, campaigns };
}
