/** The tenant rule of ADR 0004: the row is in the transaction's scope. */
const IN_SCOPE = 'app_in_scope(region_path, owner_org_id)';

/**
 * One table's row-level-security block: RLS enabled and forced (the owner too) and one policy,
 * `<table>_tenant`, reading and writing only the rows that meet `rule`; `more` adds further
 * policies of the table (each on a line of its own, led by its newline).
 */
function policyBlock(table: string, rule: string, more = ''): string {
  return `
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_tenant on ${table}
          using (${rule})
          with check (${rule});${more}
      `;
}

/**
 * The row-level-security block every region-owned table gets (ADR 0004): RLS enabled and forced (the
 * owner too), one policy reading and writing only rows in the transaction's scope (app_in_scope). One
 * statement list per table, for `this.addSql`.
 */
export function tenantPolicy(...tables: string[]): string {
  return tables.map((table) => policyBlock(table, IN_SCOPE)).join('');
}

/** The block of tenantPolicy with a narrower rule than the scope (the rule is the whole condition). */
export function tenantPolicyWhere(table: string, rule: string): string {
  return policyBlock(table, rule);
}

/**
 * A province-owned table: the usual tenant policy, plus reading down the chain of command (a
 * scope below the row's region reads it). `institutions: false` keeps institutions out (their
 * scope is the one with app.organization_id set); `true` lets everybody below read it.
 */
export function chainOfCommandPolicy(table: string, { institutions }: { institutions: boolean }): string {
  const notInstitution = institutions ? '' : `coalesce(current_setting('app.organization_id', true), '') = ''
                 and `;
  return policyBlock(table, IN_SCOPE, `
        create policy ${table}_chain_of_command on ${table} for select
          using (${notInstitution}coalesce(current_setting('app.region_path', true), '') <> ''
                 and current_setting('app.region_path', true) like region_path || '%');`);
}
