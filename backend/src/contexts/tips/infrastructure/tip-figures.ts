/** How a caller runs SQL in its unit of work (row-level security applies to every statement). */
export type TipSqlExec = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/** What the tips intake says about a county's month, for the monthly report (受理举报/举报奖励). */
export interface TipMonthCounts {
  /** 受理举报: tips the county's bureau accepted in the month (a rejected tip is not 受理). */
  received: number;
  /** 举报奖励: rewards the leader approved in the month (paid or not yet). */
  rewarded: number;
}

/**
 * The tips below `scopePath` by county and month (China time), from `from` (a date, inclusive) to `to`
 * (exclusive), keyed `<county code>|<YYYY-MM>`; a tip counts for the county whose bureau took it in
 * (routed by the institution's region). Nothing about the reporter is read.
 */
export async function tipCountsByCountyMonth(exec: TipSqlExec, scopePath: string, from: string, to: string): Promise<Map<string, TipMonthCounts>> {
  const fromAt = `(?::date)::timestamp at time zone 'Asia/Shanghai'`;
  const rows = (await exec(
    `with r as (
       select split_part(region_path, '/', 4) as county, to_char(decided_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) as n
         from tip where region_path like ? and status = 'accepted' and decided_at >= ${fromAt} and decided_at < ${fromAt}
        group by 1, 2
     ), w as (
       select split_part(region_path, '/', 4) as county, to_char((reward->>'approvedAt')::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) as n
         from tip where region_path like ? and reward->>'approvedAt' is not null
          and (reward->>'approvedAt')::timestamptz >= ${fromAt} and (reward->>'approvedAt')::timestamptz < ${fromAt}
        group by 1, 2
     )
     select county, month, coalesce(r.n, 0)::int as received, coalesce(w.n, 0)::int as rewarded
       from r full join w using (county, month)
      where county <> ''`,
    [`${scopePath}%`, from, to, `${scopePath}%`, from, to])) as { county: string; month: string; received: number; rewarded: number }[];
  return new Map(rows.map((r) => [`${r.county}|${r.month}`, { received: Number(r.received), rewarded: Number(r.rewarded) }]));
}
