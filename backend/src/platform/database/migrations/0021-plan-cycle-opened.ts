import { Migration } from '@mikro-orm/migrations';

/**
 * Whether the caller's province opened its planning cycle for a year (issue 16: a county board with
 * no plan of its own said "尚未开启方案编制" when the province had opened it). The cycle is the
 * province's plans of that year; a county's scope cannot see them (row-level security), so this
 * SECURITY DEFINER function answers the one fact — a boolean, for the caller's own province only
 * (derived from app.region_path, never a parameter) — widening the scope for its read and restoring it.
 */
export class Migration0021PlanCycleOpened extends Migration {
  override name = '0021-plan-cycle-opened';

  override async up(): Promise<void> {
    this.addSql(`
      create function plan_cycle_opened(p_year integer)
      returns boolean language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        scope text := coalesce(current_setting('app.region_path', true), '');
        scope_org text := coalesce(current_setting('app.organization_id', true), '');
        province text;
        opened boolean;
      begin
        if scope = '' or scope = '/' then
          province := '/';
        else
          province := '/' || split_part(scope, '/', 2) || '/';
        end if;
        perform set_config('app.region_path', '/', true);
        perform set_config('app.organization_id', '', true);
        select exists (select 1 from annual_plan where year = p_year and starts_with(region_path, province)) into opened;
        perform set_config('app.region_path', scope, true);
        perform set_config('app.organization_id', scope_org, true);
        return opened;
      end
      $$;
      revoke all on function plan_cycle_opened(integer) from public;
      grant execute on function plan_cycle_opened(integer) to fundsup_app;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists plan_cycle_opened(integer);');
  }
}
