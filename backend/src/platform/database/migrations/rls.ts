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
 *
 * The scope is a plain prefix of the row's region (starts_with: `%` and `_` are characters, issue 15
 * §6). `likeAsShipped` reproduces, for the migrations that already ran with it (0003, 0004, 0005,
 * 0023), the LIKE form they were applied with; 0018 and 0031 rewrote those policies to starts_with.
 */
export function chainOfCommandPolicy(table: string, { institutions, likeAsShipped = false }: { institutions: boolean; likeAsShipped?: boolean }): string {
  const notInstitution = institutions ? '' : `coalesce(current_setting('app.organization_id', true), '') = ''
                 and `;
  const below = likeAsShipped
    ? `current_setting('app.region_path', true) like region_path || '%'`
    : `starts_with(current_setting('app.region_path', true), region_path)`;
  return policyBlock(table, IN_SCOPE, `
        create policy ${table}_chain_of_command on ${table} for select
          using (${notInstitution}coalesce(current_setting('app.region_path', true), '') <> ''
                 and ${below});`);
}

/**
 * Rewrites every chain-of-command policy still matching the scope with LIKE to starts_with(), from
 * its stored expression (everything else kept), and fails if any policy still uses LIKE: 0018's
 * rewrite, for the policies created after it with the LIKE form (0023's calendar tables).
 */
export function likePoliciesToStartsWith(): string {
  return `
      do $$
      declare
        p record;
        expr text;
      begin
        for p in select tablename, policyname, qual from pg_policies
                 where schemaname = 'public' and strpos(qual, '~~ (region_path ||') > 0 loop
          expr := replace(p.qual,
            $x$(current_setting('app.region_path'::text, true) ~~ (region_path || '%'::text))$x$,
            $x$starts_with(current_setting('app.region_path'::text, true), region_path)$x$);
          execute format('alter policy %I on %I using (%s)', p.policyname, p.tablename, expr);
        end loop;
        if exists (select 1 from pg_policies where schemaname = 'public'
                   and (strpos(qual, '~~') > 0 or strpos(with_check, '~~') > 0)) then
          raise exception 'a row-level security policy still matches with LIKE';
        end if;
      end $$;
    `;
}
