import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Tips from the public (举报, issue 17): one row per tip, owned by the intake bureau of the place
 * concerned (the county bureau of the reported institution's region) under the usual forced
 * row-level security — an institution never reads a tip (its scope names itself, the owner is the
 * bureau). The receipt code is never stored: only its slow hash (scrypt), unique. The reporter's
 * identity and contact fields, and the payee details of a reward claim, are envelope-encrypted
 * (AES-256-GCM under a per-record data key wrapped by the key-encryption key TIPS_KEK, which the
 * database never sees): `reporter_envelope` and `payee_envelope` hold ciphertext only.
 */
export class Migration0028Tips extends Migration {
  override name = '0028-tips';

  override async up(): Promise<void> {
    this.addSql(`
      create table tip (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        receipt_hash text not null unique,
        institution_org_id text references organization (id),
        person_reported text,
        facts text not null,
        happened_on date,
        amount_involved numeric(14, 2) check (amount_involved is null or amount_involved >= 0),
        anonymous boolean not null,
        reporter_envelope bytea,
        attachment_ids uuid[] not null default '{}',
        status text not null check (status in ('received', 'accepted', 'rejected')),
        accept_due timestamptz not null,
        decided_at timestamptz,
        decided_by text,
        decision_reason text,
        lead_id uuid,
        questions jsonb not null default '[]',
        reward jsonb,
        payee_envelope bytea,
        created_at timestamptz not null,
        version integer not null default 0,
        check (anonymous = (reporter_envelope is null)),
        check (institution_org_id is not null or person_reported is not null)
      );
      create index tip_region_created_idx on tip (region_path text_pattern_ops, created_at);
      create index tip_owner_status_idx on tip (owner_org_id, status, accept_due);
      create index tip_lead_idx on tip (lead_id) where lead_id is not null;
    `);
    this.addSql(tenantPolicy('tip'));
    this.addSql(`grant select, insert, update on tip to fundsup_app;`);
  }
}
