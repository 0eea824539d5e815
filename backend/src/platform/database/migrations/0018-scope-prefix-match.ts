import { Migration } from '@mikro-orm/migrations';

/**
 * The tenant scope matches region paths as plain prefixes (issue 15 §6). app_in_scope(), the
 * chain-of-command policies and notification_deliver() compared paths with LIKE, where `%` and `_`
 * in the scope are wildcards: a scope of `%` matched every row, `/3_/` every province starting with
 * 3. Only the token check (a region_path claim must be a well-formed path) kept such a scope out; now
 * the database is safe on its own: starts_with() compares characters, nothing is a wildcard.
 *
 * The chain-of-command policies (0001 organization, 0003 internal control, 0004 campaigns, 0005
 * spot-checks) are rewritten from their stored expressions, the LIKE replaced by starts_with() and
 * everything else kept; the migration fails if any policy still uses LIKE afterwards. Performance is
 * unchanged: neither form could be an index condition (the pattern is not a constant), and the
 * queries' own `region_path like ?` predicates, which can, are the application's (ADR 0004).
 */
export class Migration0018ScopePrefixMatch extends Migration {
  override name = '0018-scope-prefix-match';

  override async up(): Promise<void> {
    this.addSql(`
      create or replace function app_in_scope(row_region_path text, row_owner_org_id text) returns boolean
      language sql stable as $$
        select coalesce(current_setting('app.region_path', true), '') <> ''
           and starts_with(row_region_path, current_setting('app.region_path', true))
           and (coalesce(current_setting('app.organization_id', true), '') = ''
                or row_owner_org_id = current_setting('app.organization_id', true))
      $$;

      create or replace function notification_deliver(p_id uuid, p_region_path text, p_owner_org_id text, p_title_zh text,
          p_title_en text, p_body_zh text, p_body_en text, p_link text, p_dedupe_key text)
      returns boolean language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        scope text := coalesce(current_setting('app.region_path', true), '');
        scope_org text := coalesce(current_setting('app.organization_id', true), '');
        inserted boolean;
      begin
        if scope = '' or not coalesce(starts_with(p_region_path, scope) or starts_with(scope, p_region_path), false) then
          raise exception 'notification recipient % is outside the chain of command of scope %', p_region_path, scope
            using errcode = '42501';
        end if;
        perform set_config('app.region_path', '/', true);
        perform set_config('app.organization_id', '', true);
        -- an institution notifies itself or the authorities above it, never another institution
        if scope_org <> '' and p_owner_org_id <> scope_org
           and exists (select 1 from organization where id = p_owner_org_id and kind = 'institution') then
          raise exception 'an institution cannot notify another institution' using errcode = '42501';
        end if;
        insert into notification (id, region_path, owner_org_id, title_zh, title_en, body_zh, body_en, link, dedupe_key)
        values (p_id, p_region_path, p_owner_org_id, p_title_zh, p_title_en, p_body_zh, p_body_en, p_link, p_dedupe_key)
        on conflict (dedupe_key) do nothing;
        inserted := found;
        perform set_config('app.region_path', scope, true);
        perform set_config('app.organization_id', scope_org, true);
        return inserted;
      end $$;

      do $$
      declare
        p record;
        expr text;
      begin
        for p in select tablename, policyname, qual from pg_policies
                 where schemaname = 'public' and strpos(qual, '~~ (region_path ||') > 0 loop
          expr := replace(p.qual,
            $x$(COALESCE(current_setting('app.region_path'::text, true), ''::text) ~~ (region_path || '%'::text))$x$,
            $x$starts_with(COALESCE(current_setting('app.region_path'::text, true), ''::text), region_path)$x$);
          expr := replace(expr,
            $x$(current_setting('app.region_path'::text, true) ~~ (region_path || '%'::text))$x$,
            $x$starts_with(current_setting('app.region_path'::text, true), region_path)$x$);
          execute format('alter policy %I on %I using (%s)', p.policyname, p.tablename, expr);
        end loop;
        if exists (select 1 from pg_policies where schemaname = 'public'
                   and (strpos(qual, '~~') > 0 or strpos(with_check, '~~') > 0)) then
          raise exception 'a row-level security policy still matches with LIKE';
        end if;
      end $$;
    `);
  }
}
