import { Migration } from '@mikro-orm/migrations';

/**
 * The city's two steps (seed 002 一(一) 「5月15日前上报市医保处基金稽核科汇总后报市局备案」, 一(九)
 * 「上报市医保处基金稽核科，市医保处汇总后报市局」): the city agency's fund-audit section receives and
 * compiles, the city bureau files (备案) and issues the bulletin.
 *
 * monthly_report: a city report is `compiled` (by the city agency, waiting for the bureau),
 * `filed` (the bureau filed it and issued the bulletin) or `returned` (the bureau sent it back to
 * the agency with a comment); `filed_by` / `filed_at`. City reports compiled before this change were
 * compiled by the bureau, which issued the bulletin at once: they become `filed` at their compilation.
 *
 * annual_plan: a county plan the city agency reviewed and compiled is `forwarded` (汇总上报) to the
 * city bureau, which files or returns it; `forwarded_at`; history action `forward`.
 */
export class Migration0014CityTwoStepChain extends Migration {
  override name = '0014-city-two-step-chain';

  override async up(): Promise<void> {
    this.addSql(`
      -- the owner is subject to the forced policies too (when it is not a superuser)
      select set_config('app.region_path', '/', true);
      select set_config('app.organization_id', '', true);

      alter table monthly_report drop constraint monthly_report_status_check;
      alter table monthly_report drop constraint monthly_report_check;
      alter table monthly_report add column filed_by text, add column filed_at timestamptz;
      update monthly_report set status = 'filed', filed_at = coalesce((compiled ->> 'compiledAt')::timestamptz, updated_at),
             filed_by = coalesce(compiled ->> 'compiledBy', '')
       where level = 'city' and status = 'compiled';
      alter table monthly_report
        add constraint monthly_report_status_check
          check (status in ('draft', 'awaiting_signoff', 'submitted', 'compiled', 'filed', 'returned')),
        add constraint monthly_report_city_status_check
          check ((level = 'city') = (status in ('compiled', 'filed', 'returned'))),
        add constraint monthly_report_filed_check
          check (status <> 'filed' or (filed_at is not null and filed_by is not null));

      alter table annual_plan drop constraint annual_plan_status_check;
      alter table annual_plan add constraint annual_plan_status_check
        check (status in ('not_started', 'draft', 'submitted', 'forwarded', 'returned', 'filed', 'closed'));
      alter table annual_plan add column forwarded_at timestamptz;
      alter table annual_plan add constraint annual_plan_forwarded_check check (status <> 'forwarded' or (unit_level = 'county' and forwarded_at is not null));

      alter table annual_plan_history drop constraint annual_plan_history_action_check;
      alter table annual_plan_history add constraint annual_plan_history_action_check
        check (action in ('opened', 'draft', 'submit', 'forward', 'file', 'return', 'overdue', 'close'));
    `);
  }
}
