/**
 * The row-level-security block every region-owned table gets (ADR 0004): RLS enabled and forced (the
 * owner too), one policy reading and writing only rows in the transaction's scope (app_in_scope). One
 * statement list per table, for `this.addSql`.
 */
export function tenantPolicy(...tables: string[]): string {
  return tables.map((table) => `
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_tenant on ${table}
          using (app_in_scope(region_path, owner_org_id))
          with check (app_in_scope(region_path, owner_org_id));
      `).join('');
}
