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

export interface PeriodLike { kind: 'year' | 'quarter' | 'month'; key: string; from: string; to: string }
export interface ExpectedRule { rule: string; basis: number; required: number; done: number; unit: 'institutions' | 'months' }

/**
 * The coverage rules of a region (path) and a period counted directly on the write tables
 * (inspection, organization), for a period whose months have all ended: what GET /api/dashboards
 * must answer in `coverage.rules` (docs/api/dashboards-and-monthly-reports.md §2.1). Every sent
 * inspection counts by its date; on site = a province spot-check or an agency's on-site inspection
 * (a data review is not); the yearly rules from January to the period's end, the monthly ones month
 * by month (≥ ⌈10%⌉ of the region's pharmacies / clinics).
 */
export async function coverageFromRecords(db: TestDatabase, path: string, p: PeriodLike): Promise<{ rules: ExpectedRule[]; sample: Map<string, { basis: number; done: number }> }> {
  const one = async (sql: string, params: unknown[]) => Number((await ownerQuery<{ n: string }>(db, sql, params))[0]!.n);
  const scope = `${path}%`;
  const from = `${p.from.slice(0, 4)}-01-01`;
  const inst = `from organization o where o.kind = 'institution' and o.region_path like $1`;
  const basis = {
    institutions: await one(`select count(*) as n ${inst}`, [scope]),
    pharmacies: await one(`select count(*) as n ${inst} and o.institution_type = 'pharmacy'`, [scope]),
    clinics: await one(`select count(*) as n ${inst} and o.institution_type = 'clinic'`, [scope]),
    keyUnits: await one(`select count(*) as n ${inst} and o.key_supervision`, [scope]),
    highCredit: await one(`select count(*) as n ${inst} and o.institution_type = 'hospital' and o.credit_rating = 'A'`, [scope]),
  };
  const sent = `from inspection i join organization o on o.id = i.institution_id
                where i.status = 'sent' and i.region_path like $1 and i.inspected_on between $2::date and $3::date`;
  const onSite = `(i.origin = 'spot_check' or i.method = 'on_site')`;
  const toDate = [scope, from, p.to];
  const yearly = (rule: string, b: number, done: number): ExpectedRule => ({ rule, basis: b, required: b, done, unit: 'institutions' });
  const rules: ExpectedRule[] = [
    yearly('full_coverage', basis.institutions, await one(`select count(distinct i.institution_id) as n ${sent} and ${onSite}`, toDate)),
  ];
  const months: string[] = [];
  for (let m = Number(p.from.slice(5, 7)); m <= Number(p.to.slice(5, 7)); m++) months.push(`${p.from.slice(0, 4)}-${String(m).padStart(2, '0')}`);
  for (const [kind, b] of [['pharmacy', basis.pharmacies], ['clinic', basis.clinics]] as const) {
    const required = Math.ceil(b / 10);
    const perMonth: number[] = [];
    for (const month of months) {
      perMonth.push(await one(`select count(distinct i.institution_id) as n
          from inspection i where i.status = 'sent' and i.region_path like $1 and date_trunc('month', i.inspected_on) = $2::date and i.kind = $3`,
        [scope, `${month}-01`, kind]));
    }
    rules.push(p.kind === 'month'
      ? { rule: `${kind}_monthly`, basis: b, required, done: perMonth[0]!, unit: 'institutions' }
      : { rule: `${kind}_monthly`, basis: b, required: months.length, done: perMonth.filter((n) => n >= required).length, unit: 'months' });
  }
  rules.push(
    yearly('pharmacy_yearly', basis.pharmacies, await one(`select count(distinct i.institution_id) as n ${sent} and i.kind = 'pharmacy'`, toDate)),
    yearly('clinic_yearly', basis.clinics, await one(`select count(distinct i.institution_id) as n ${sent} and i.kind = 'clinic'`, toDate)),
    yearly('key_twice', basis.keyUnits, await one(
      `select count(*) as n from (select i.institution_id ${sent} and o.key_supervision group by i.institution_id having count(*) >= 2) x`, toDate)),
    yearly('high_credit_full', basis.highCredit, await one(
      `select count(distinct i.institution_id) as n ${sent} and ${onSite} and o.institution_type = 'hospital' and o.credit_rating = 'A'`, toDate)),
  );
  // the province's sample per city: institutions with a sent spot-check inspection, January to the period's end
  const sample = new Map<string, { basis: number; done: number }>();
  for (const r of await ownerQuery<{ city: string; basis: string; done: string }>(db,
    `select split_part(o.region_path, '/', 3) as city, count(*) as basis,
            count(*) filter (where exists (select 1 from inspection i where i.institution_id = o.id and i.status = 'sent' and i.origin = 'spot_check'
                                            and i.inspected_on between $2::date and $3::date)) as done
       ${inst} and split_part(o.region_path, '/', 4) <> '' group by 1`, toDate)) {
    sample.set(r.city, { basis: Number(r.basis), done: Number(r.done) });
  }
  return { rules, sample };
}
