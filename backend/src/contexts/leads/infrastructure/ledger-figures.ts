/** How a caller runs SQL in its unit of work (row-level security applies to every statement). */
export type LedgerSqlExec = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/** What the ledger says about a county's month, for the monthly report (立案/结案). */
export interface LedgerMonthCounts {
  /** 立案: leads whose investigation (核查) started in the month, counted once however often returned. */
  opened: number;
  /** 结案: leads closed with a result in the month (the latest close when a result was sent back). */
  closed: number;
}

/**
 * The ledger's cases below `scopePath` by county and month (China time), from `from` (a date,
 * inclusive) to `to` (exclusive), keyed `<county code>|<YYYY-MM>`. A lead counts for the county of its
 * current holder (`region_path`): leads held by a city, province or the national bureau count for no
 * county. The monthly report's 立案（件）/结案（件） come from here, not from typing.
 */
export async function ledgerCountsByCountyMonth(exec: LedgerSqlExec, scopePath: string, from: string, to: string): Promise<Map<string, LedgerMonthCounts>> {
  const rows = (await exec(
    `with opened as (
       select split_part(l.region_path, '/', 4) as county, to_char(min(h.at) at time zone 'Asia/Shanghai', 'YYYY-MM') as month, l.id
         from lead l join lead_history h on h.lead_id = l.id and h.action = 'investigating'
        where l.region_path like ?
        group by l.id, l.region_path
     ), o as (
       select county, month, count(*) as n from opened
        where month >= to_char(?::date, 'YYYY-MM') and month < to_char(?::date, 'YYYY-MM') group by 1, 2
     ), c as (
       select split_part(region_path, '/', 4) as county, to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) as n
         from lead where region_path like ? and closed_at >= (?::date)::timestamp at time zone 'Asia/Shanghai'
          and closed_at < (?::date)::timestamp at time zone 'Asia/Shanghai'
        group by 1, 2
     )
     select county, month, coalesce(o.n, 0)::int as opened, coalesce(c.n, 0)::int as closed
       from o full join c using (county, month)
      where county <> ''`,
    [`${scopePath}%`, from, to, `${scopePath}%`, from, to])) as { county: string; month: string; opened: number; closed: number }[];
  return new Map(rows.map((r) => [`${r.county}|${r.month}`, { opened: Number(r.opened), closed: Number(r.closed) }]));
}
