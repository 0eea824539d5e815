import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Findings and their feedback (问题确认), handling decisions (协议处理) and rectification (seed 000
 * (十一)(十二)(十四), docs/api/findings-and-disputes.md).
 *
 * Ownership: every row belongs to the institution concerned (its region path and organization), so
 * the usual subtree policy of 0001 applies unchanged: the institution sees its own rows, the
 * handling agency (at the institution's county) and the bureaus see their subtree, a sibling county
 * sees nothing. Who may *act* (the handling agency's users, a second user for the legal review) is
 * the application's rule on top.
 */
export class Migration0006Findings extends Migration {
  override name = '0006-findings';

  override async up(): Promise<void> {
    this.addSql(`
      create table finding (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        source text not null check (source in ('spot_check')),
        -- the inspection, and the finding's place in its list of findings
        source_id uuid not null,
        source_index integer not null,
        handling_agency_id text not null references organization (id),
        type text not null,
        description text not null,
        amount numeric(14, 2) not null check (amount >= 0),
        clinician_name text,
        attachment_ids uuid[] not null default '{}',
        status text not null check (status in ('awaiting_confirmation', 'confirmed', 'deemed_confirmed', 'appealed', 'appeal_upheld', 'decided')),
        confirmation_due date not null,
        confirmed_at timestamptz,
        deemed boolean not null default false,
        -- { reasons, attachmentIds, at, review: { outcome, comment, at, by, byUserId } | null }
        appeal jsonb,
        decision_id uuid,
        created_at timestamptz not null,
        version integer not null default 1,
        unique (source, source_id, source_index),
        check (status <> 'awaiting_confirmation' or (confirmed_at is null and not deemed and appeal is null)),
        check (status not in ('confirmed', 'deemed_confirmed', 'decided') or confirmed_at is not null),
        check (status not in ('appealed', 'appeal_upheld') or appeal is not null),
        check (deemed = (status = 'deemed_confirmed') or status = 'decided'),
        check ((status = 'decided') = (decision_id is not null))
      );
      create index finding_scope_idx on finding (region_path text_pattern_ops, status);
      create index finding_source_idx on finding (source_id, status);
      create index finding_agency_idx on finding (handling_agency_id, status);

      create table finding_history (
        id uuid primary key,
        finding_id uuid not null references finding (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        comment text,
        -- the order of entries written at the same instant
        seq bigint generated always as identity
      );
      create index finding_history_idx on finding_history (finding_id, at, seq);

      create table handling_decision (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        agency_id text not null references organization (id),
        finding_ids uuid[] not null check (cardinality(finding_ids) > 0),
        measures jsonb not null,
        basis text not null,
        major boolean not null,
        status text not null check (status in ('pending_legal_review', 'effective', 'rectifying', 'rectification_submitted', 'closed')),
        decided_by text not null,
        decided_by_user_id text not null,
        -- { by, byUserId, approved, comment, at }
        legal_review jsonb,
        effective_at timestamptz,
        reported_to_bureau_at timestamptz,
        settlement text not null default 'normal' check (settlement in ('normal', 'suspended', 'restored')),
        -- { due, report, attachmentIds, submittedAt, confirmedAt, overdue }
        rectification jsonb,
        termination_on_hold boolean not null default false,
        created_at timestamptz not null,
        version integer not null default 1
      );
      create index handling_decision_scope_idx on handling_decision (region_path text_pattern_ops, status);
      create index handling_decision_agency_idx on handling_decision (agency_id, status);

      alter table finding add constraint finding_decision_fk foreign key (decision_id) references handling_decision (id);

      create table decision_history (
        id uuid primary key,
        decision_id uuid not null references handling_decision (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        comment text,
        -- the order of entries written at the same instant
        seq bigint generated always as identity
      );
      create index decision_history_idx on decision_history (decision_id, at, seq);
    `);

    this.addSql(tenantPolicy('finding', 'finding_history', 'handling_decision', 'decision_history'));

    this.addSql(`
      grant select, insert, update on finding, handling_decision to fundsup_app;
      grant select, insert on finding_history, decision_history to fundsup_app;
    `);
  }
}
