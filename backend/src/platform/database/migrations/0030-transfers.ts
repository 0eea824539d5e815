import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Transfers (移交/移送) and major-case reports (重大案件报告), issue 18 part 2; contexts/transfers/README.md.
 *
 * transfer: an agency (经办机构) hands a finding, a decision or a lead with its materials to the bureau
 * of its own region (同级医保行政部门). The row belongs to the sending agency (owner_org_id) in its
 * region (region_path): the agency and the bureau of the same region read it through app_in_scope,
 * and so does every unit above (the level above sees the result); a sibling county or another province
 * nothing. `materials`: [{ kind, ref, title }] (the inspection record, findings, evidence, decision).
 *
 * outward_transfer: a bureau's written transfer to another department (卫生健康、市场监管/药监、价格、
 * 公安、纪检监察), with the recipient's receipt and result when they come back.
 *
 * major_case_report: the report a major case opens (≥ ¥500,000 closed or sent to the police, any
 * transfer to the police, or a case flagged as drawing public attention), due 7 calendar days after
 * the closure or transfer; the province checks and sends it; the national bureau acknowledges it.
 */
export class Migration0030Transfers extends Migration {
  override name = '0030-transfers';

  override async up(): Promise<void> {
    this.addSql(`
      create table transfer (
        id uuid primary key,
        transfer_no bigint generated always as identity unique,
        region_path text not null,
        owner_org_id text not null references organization (id),
        to_org_id text not null references organization (id),
        source_kind text not null check (source_kind in ('finding', 'decision', 'lead')),
        source_id text not null,
        region_code text not null references region (code),
        institution_org_id text not null references organization (id),
        subject text not null,
        facts text not null,
        amount_involved numeric(16, 2) check (amount_involved >= 0),
        materials jsonb not null default '[]' check (jsonb_typeof(materials) = 'array'),
        status text not null check (status in ('sent', 'supplement_requested', 'accepted', 'returned')),
        -- the bureau's pending request for supplementary investigation or materials: { reason, dueDate, by, at }
        supplement jsonb,
        return_reasons text,
        case_id uuid,
        sent_at timestamptz not null,
        sent_by text not null,
        sent_by_user_id text not null,
        decided_at timestamptz,
        version integer not null default 1,
        check ((status = 'supplement_requested') = (supplement is not null)),
        check ((status = 'accepted') = (case_id is not null)),
        check ((status = 'returned') = (return_reasons is not null))
      );
      create index transfer_scope_idx on transfer (region_path text_pattern_ops, status);
      create index transfer_sent_idx on transfer (sent_at desc, id);
      create index transfer_source_idx on transfer (source_kind, source_id);

      create table transfer_history (
        seq bigint generated always as identity primary key,
        id uuid not null unique,
        transfer_id uuid not null references transfer (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null,
        by_user_id text not null,
        by_name text not null,
        by_org_id text not null,
        comment text
      );
      create index transfer_history_idx on transfer_history (transfer_id, seq);

      create table outward_transfer (
        id uuid primary key,
        notice_no bigint generated always as identity unique,
        region_path text not null,
        owner_org_id text not null references organization (id),
        case_id uuid not null,
        recipient_kind text not null check (recipient_kind in ('health', 'market', 'price', 'police', 'discipline')),
        recipient_name text not null,
        notice_date date not null,
        materials jsonb not null default '[]' check (jsonb_typeof(materials) = 'array'),
        amount_involved numeric(16, 2) check (amount_involved >= 0),
        follow_up_due date not null,
        receipt_at date,
        result text,
        result_at date,
        overdue boolean not null default false,
        created_at timestamptz not null,
        created_by text not null,
        created_by_user_id text not null,
        version integer not null default 1,
        check ((result is null) = (result_at is null))
      );
      create index outward_transfer_scope_idx on outward_transfer (region_path text_pattern_ops, notice_date desc);
      create index outward_transfer_case_idx on outward_transfer (case_id);

      create table major_case_report (
        id uuid primary key,
        report_no bigint generated always as identity unique,
        region_path text not null,
        owner_org_id text not null references organization (id),
        case_id uuid not null,
        outward_transfer_id uuid references outward_transfer (id),
        trigger text not null check (trigger in ('amount', 'police', 'public_attention')),
        opened_on date not null,
        due_date date not null,
        discovery text,
        facts text,
        result text,
        basis text,
        status text not null check (status in ('open', 'submitted', 'sent', 'acknowledged')),
        reminded boolean not null default false,
        overdue boolean not null default false,
        submitted_at timestamptz,
        sent_at timestamptz,
        sent_by text,
        acknowledged_at timestamptz,
        acknowledged_by text,
        version integer not null default 1,
        unique (case_id, trigger)
      );
      create index major_case_report_scope_idx on major_case_report (region_path text_pattern_ops, status);
    `);

    this.addSql(tenantPolicy('transfer', 'transfer_history', 'outward_transfer', 'major_case_report'));

    this.addSql(`
      grant select, insert, update on transfer to fundsup_app;
      grant select, insert on transfer_history to fundsup_app;
      grant select, insert, update on outward_transfer to fundsup_app;
      grant select, insert, update on major_case_report to fundsup_app;
    `);
  }
}
