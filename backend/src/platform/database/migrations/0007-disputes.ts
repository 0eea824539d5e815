import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Disputes over handling decisions (争议处理, seed 000 (十五), docs/api/findings-and-disputes.md).
 *
 * Ownership: a dispute and its history belong to the institution of the decision (its region path
 * and organization), like the decision itself. Every bureau on the dispute's path (the agency's
 * level up to the province) is an ancestor of the institution, so the usual subtree policy of 0001
 * lets each of them read it and the deciding level write it, the handling agency read it, and a
 * sibling county or city see nothing.
 *
 * The path is a jsonb list of levels derived from the region tree when the dispute is filed:
 * [{ level, bureauId, regionPath, dueDate, receivedAt, decision, overdue }], with `current` the
 * index of the level the dispute is before.
 */
export class Migration0007Disputes extends Migration {
  override name = '0007-disputes';

  override async up(): Promise<void> {
    this.addSql(`
      create table dispute (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null references organization (id),
        decision_id uuid not null references handling_decision (id),
        party text not null check (party in ('institution', 'clinician')),
        clinician_name text,
        reasons text not null,
        attachment_ids uuid[] not null default '{}',
        path jsonb not null check (jsonb_typeof(path) = 'array' and jsonb_array_length(path) between 1 and 3),
        current integer not null default 0,
        status text not null check (status in ('open', 'decided', 'final', 'withdrawn', 'closed')),
        -- after a level's decision (not the last): the party may escalate until this day
        escalation_due date,
        -- the standing outcome once the dispute ended with a decision (final, or the window closed)
        outcome text check (outcome in ('upheld', 'revised')),
        filed_by text not null,
        filed_by_user_id text not null,
        created_at timestamptz not null,
        ended_at timestamptz,
        version integer not null default 1,
        check ((party = 'clinician') = (clinician_name is not null)),
        check (current >= 0 and current < jsonb_array_length(path)),
        check (status <> 'decided' or escalation_due is not null),
        check ((status in ('final', 'withdrawn', 'closed')) = (ended_at is not null)),
        check (status <> 'final' or outcome is not null)
      );
      -- One dispute per decision; a withdrawn one does not count.
      create unique index dispute_decision_idx on dispute (decision_id) where status <> 'withdrawn';
      create index dispute_scope_idx on dispute (region_path text_pattern_ops, status);

      create table dispute_history (
        seq bigint generated always as identity primary key,
        id uuid not null unique,
        dispute_id uuid not null references dispute (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        at timestamptz not null,
        action text not null,
        -- the index of the level in the dispute's path
        level integer not null,
        by_user_id text not null,
        by_name text not null,
        by_org_id text not null,
        comment text
      );
      create index dispute_history_idx on dispute_history (dispute_id, seq);
    `);

    this.addSql(tenantPolicy('dispute', 'dispute_history'));

    this.addSql(`
      grant select, insert, update on dispute to fundsup_app;
      grant select, insert on dispute_history to fundsup_app;
    `);
  }
}
