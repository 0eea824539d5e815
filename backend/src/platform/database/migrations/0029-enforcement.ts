import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Administrative enforcement cases (行政执法, issue 18; contexts/enforcement/README.md).
 *
 * Ownership: a case belongs to the bureau that opened it (owner_org_id, region_path = that bureau's
 * region path): the bureau and every unit of its region subtree read it (0001's app_in_scope), a
 * sibling county or another province nothing. The steps of the procedure are jsonb documents on the
 * row (investigation, statement, legal review, deliberation, decision, service, publication,
 * execution, remedy); every step is a row of enforcement_case_timeline (全过程记录: who, when, what,
 * the documents and their SHA-256 hashes), which follows the case's scope.
 */
export class Migration0029Enforcement extends Migration {
  override name = '0029-enforcement';

  override async up(): Promise<void> {
    this.addSql(`
      create table enforcement_case (
        id uuid primary key,
        case_no bigint generated always as identity unique,
        region_path text not null,
        owner_org_id text not null references organization (id),
        source text not null check (source in ('transfer', 'lead', 'inspection', 'other')),
        source_ref text,
        region_code text not null references region (code),
        institution_org_id text references organization (id),
        subject text not null,
        facts text not null,
        amount_involved numeric(16, 2) check (amount_involved >= 0),
        major boolean not null default false,
        status text not null check (status in ('proposed', 'rejected', 'investigating', 'notified', 'legal_reviewed', 'deliberated', 'decided',
          'served', 'closed')),
        -- { officers: [{ userId, name }], records: [{ kind, title, summary, attachmentId, sha256, by, at }] }
        investigation jsonb not null default '{"officers": [], "records": []}',
        notice jsonb,
        statement jsonb,
        legal_review jsonb,
        deliberation jsonb,
        decision jsonb,
        service jsonb,
        execution jsonb not null default '[]' check (jsonb_typeof(execution) = 'array'),
        remedy jsonb,
        extension jsonb,
        due_date date,
        overdue boolean not null default false,
        penalty_amount numeric(16, 2) check (penalty_amount >= 0),
        recovery_amount numeric(16, 2) check (recovery_amount >= 0),
        proposed_at timestamptz not null,
        proposed_by text not null,
        proposed_by_user_id text not null,
        filed_at timestamptz,
        decided_at timestamptz,
        published_at timestamptz,
        closed_at timestamptz,
        version integer not null default 1,
        check ((decided_at is null) = (decision is null))
      );
      create index enforcement_case_scope_idx on enforcement_case (region_path text_pattern_ops, status);
      create index enforcement_case_proposed_idx on enforcement_case (proposed_at desc, id);
      create index enforcement_case_published_idx on enforcement_case (published_at desc) where published_at is not null;
      create index enforcement_case_source_idx on enforcement_case (source, source_ref) where source_ref is not null;

      create table enforcement_case_timeline (
        seq bigint generated always as identity primary key,
        id uuid not null unique,
        case_id uuid not null references enforcement_case (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        by_org_id text not null,
        comment text,
        -- [{ attachmentId, filename, sha256 }]
        documents jsonb not null default '[]' check (jsonb_typeof(documents) = 'array')
      );
      create index enforcement_case_timeline_idx on enforcement_case_timeline (case_id, seq);
    `);

    this.addSql(tenantPolicy('enforcement_case', 'enforcement_case_timeline'));

    this.addSql(`
      grant select, insert, update on enforcement_case to fundsup_app;
      grant select, insert on enforcement_case_timeline to fundsup_app;
    `);
  }
}
