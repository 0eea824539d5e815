import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Annual supervision plans (issue 3): one plan per drafting unit and year, its history (kept for
 * good: submissions, returns with their comments, filings, overdue flags, year close) and its
 * monthly progress. Rows are owned by the drafting unit, so the unit and the levels above it see
 * them and no sibling does; row-level security exactly as in 0001.
 */
export class Migration0002AnnualPlans extends Migration {
  override name = '0002-annual-plans';

  override async up(): Promise<void> {
    this.addSql(`
      create table annual_plan (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        year integer not null check (year between 2000 and 2100),
        unit_level text not null check (unit_level in ('city', 'county')),
        reviewer_region_path text not null,
        status text not null check (status in ('not_started', 'draft', 'submitted', 'returned', 'filed', 'closed')),
        overdue boolean not null default false,
        deadline date not null,
        content jsonb,
        schedule jsonb not null default '[]',
        -- planned quantity of the count-target tasks by the end of each month (index 0 = before January)
        planned_cumulative jsonb not null,
        opened_at timestamptz not null,
        submitted_at timestamptz,
        filed_at timestamptz,
        closed_at timestamptz,
        version integer not null default 1,
        edit_version integer not null default 1,
        unique (owner_org_id, year)
      );
      create index annual_plan_scope_idx on annual_plan (year, region_path text_pattern_ops);
      create index annual_plan_review_idx on annual_plan (reviewer_region_path, year, status);

      -- The history and progress rows name their plan by id, not through an ORM relation, so the
      -- ORM may insert them before a new plan in the same flush: the key is checked at commit.
      create table annual_plan_history (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null,
        plan_id uuid not null references annual_plan (id) deferrable initially deferred,
        at timestamptz not null,
        action text not null check (action in ('opened', 'draft', 'submit', 'file', 'return', 'overdue', 'close')),
        by_user_id text not null,
        by_name text not null,
        comment text
      );
      create index annual_plan_history_plan_idx on annual_plan_history (plan_id, at);

      create table annual_plan_progress (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null,
        plan_id uuid not null references annual_plan (id) deferrable initially deferred,
        task_id text not null,
        month integer not null check (month between 1 and 12),
        done_quantity double precision not null check (done_quantity >= 0),
        counted boolean not null,
        note text,
        -- evidence from the attachment table (checked by the command: the drafting unit's own uploads)
        attachment_ids uuid[] not null default '{}',
        reported_by text not null,
        reported_at timestamptz not null,
        unique (plan_id, task_id, month)
      );
    `);

    this.addSql(tenantPolicy('annual_plan', 'annual_plan_history', 'annual_plan_progress'));

    // The history is append-only for the application.
    this.addSql(`
      grant select, insert, update on annual_plan, annual_plan_progress to fundsup_app;
      grant select, insert on annual_plan_history to fundsup_app;
    `);
  }
}
