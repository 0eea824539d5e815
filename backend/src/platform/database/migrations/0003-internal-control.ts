import { Migration } from '@mikro-orm/migrations';
import { chainOfCommandPolicy, tenantPolicyWhere } from './rls.js';

/**
 * Internal control audits of handling agencies (issue 6, docs/api/internal-control-audits.md).
 *
 * Ownership: the checklist versions and the audit plans belong to the provincial bureau (region of
 * the province); an audit and everything under it belongs to the audited agency (its region and
 * organization). Row-level security as in 0001, with two additions:
 *  - an agency sees only its own audits, not those of the agencies below it (policy on the actor's
 *    organization, set per transaction by the unit of work as app.actor_org / app.actor_org_kind);
 *  - the checklist and the plans are readable down the chain of command (an agency reads the
 *    province's checklist, a city bureau the province's plan), never writable from below.
 */
export class Migration0003InternalControl extends Migration {
  override name = '0003-internal-control';

  override async up(): Promise<void> {
    this.addSql(`
      create table ic_checklist (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        version integer not null check (version >= 1),
        items jsonb not null,
        created_at timestamptz not null,
        created_by text not null,
        unique (owner_org_id, version)
      );

      create table ic_audit_plan (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        year integer not null check (year between 2000 and 2100),
        title text not null,
        period_start date not null,
        period_end date not null,
        status text not null check (status in ('draft', 'published')),
        created_at timestamptz not null,
        created_by text not null,
        published_at timestamptz,
        version integer not null default 1,
        check (period_start <= period_end),
        unique (owner_org_id, year)
      );

      create table ic_audit (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        plan_id uuid not null references ic_audit_plan (id),
        province_path text not null,
        follow_up_of uuid references ic_audit (id),
        status text not null check (status in ('scheduled', 'self_assessment', 'fieldwork', 'rectification', 'verification', 'closed')),
        notice_date date not null,
        self_assessment_due date not null,
        fieldwork_start date not null,
        fieldwork_end date not null,
        -- inspectors with their names as they were when assigned (the agency cannot read the directory)
        team jsonb not null default '[]',
        checklist_version integer not null,
        self_assessment_overdue boolean not null default false,
        self_assessment_submitted_at timestamptz,
        created_at timestamptz not null,
        closed_at timestamptz,
        version integer not null default 1,
        check (notice_date <= self_assessment_due and self_assessment_due <= fieldwork_start and fieldwork_start <= fieldwork_end)
      );
      create index ic_audit_plan_idx on ic_audit (plan_id);
      create index ic_audit_scope_idx on ic_audit (region_path text_pattern_ops);
      create unique index ic_audit_one_per_agency on ic_audit (plan_id, owner_org_id) where follow_up_of is null;

      create table ic_self_assessment (
        audit_id uuid not null references ic_audit (id) deferrable initially deferred,
        item_code text not null,
        region_path text not null,
        owner_org_id text not null,
        answer text not null check (answer in ('compliant', 'deficient', 'not_applicable')),
        note text,
        attachment_ids uuid[] not null default '{}',
        primary key (audit_id, item_code)
      );

      create table ic_result (
        audit_id uuid not null references ic_audit (id) deferrable initially deferred,
        item_code text not null,
        region_path text not null,
        owner_org_id text not null,
        result text not null check (result in ('compliant', 'deficient', 'not_applicable')),
        note text,
        attachment_ids uuid[] not null default '{}',
        primary key (audit_id, item_code)
      );

      create table ic_staff_post (
        audit_id uuid not null references ic_audit (id) deferrable initially deferred,
        person_id text not null,
        region_path text not null,
        owner_org_id text not null,
        person_name text not null,
        posts text[] not null,
        ord integer not null,
        primary key (audit_id, person_id)
      );

      create table ic_finding (
        id uuid primary key,
        audit_id uuid not null references ic_audit (id) deferrable initially deferred,
        region_path text not null,
        owner_org_id text not null,
        area text not null check (area in ('management_rules', 'systems', 'segregation_of_duties', 'violations_handled', 'payment_records')),
        item_code text,
        source text not null check (source in ('fieldwork', 'segregation_of_duties')),
        description text not null,
        rectification_due date not null,
        status text not null check (status in ('open', 'rectification_submitted', 'verified', 'rejected')),
        rectification jsonb,
        verification jsonb,
        overdue boolean not null default false,
        ord integer not null,
        created_at timestamptz not null
      );
      create index ic_finding_audit_idx on ic_finding (audit_id, ord);

      create table ic_audit_history (
        id uuid primary key,
        audit_id uuid not null references ic_audit (id) deferrable initially deferred,
        region_path text not null,
        owner_org_id text not null,
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        comment text
      );
      create index ic_audit_history_idx on ic_audit_history (audit_id, at);
    `);

    // Province-owned: the usual subtree policy, plus reading down the chain of command.
    for (const table of ['ic_checklist', 'ic_audit_plan']) this.addSql(chainOfCommandPolicy(table, { institutions: false, likeAsShipped: true }));

    // Audit-owned: the subtree, and an agency only its own audits.
    for (const table of ['ic_audit', 'ic_self_assessment', 'ic_result', 'ic_staff_post', 'ic_finding', 'ic_audit_history']) {
      const rule = `app_in_scope(region_path, owner_org_id)
            and (coalesce(current_setting('app.actor_org_kind', true), '') <> 'agency'
                 or owner_org_id = current_setting('app.actor_org', true))`;
      this.addSql(tenantPolicyWhere(table, rule));
    }

    this.addSql(`
      grant select, insert on ic_checklist to fundsup_app;
      grant select, insert, update on ic_audit_plan, ic_audit, ic_finding to fundsup_app;
      grant select, insert, update, delete on ic_self_assessment, ic_result, ic_staff_post to fundsup_app;
      grant select, insert on ic_audit_history to fundsup_app;
    `);
  }
}
