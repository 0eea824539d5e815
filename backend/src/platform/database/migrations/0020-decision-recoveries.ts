import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * The amounts actually recovered under a handling decision (issue 16, "recovered amounts say what
 * they are"): the dashboards' 认定追回 is the amount of the confirmed findings; what the agency has
 * actually recovered — deducted from the institution's settlement (扣减) or repaid by it (退回) — is
 * recorded per recovery, with its date and evidence. Owned like the decision (its region and
 * institution), under the same forced row-level security. Append-only: a wrong entry is not edited.
 */
export class Migration0020DecisionRecoveries extends Migration {
  override name = '0020-decision-recoveries';

  override async up(): Promise<void> {
    this.addSql(`
      create table decision_recovery (
        id uuid primary key,
        decision_id uuid not null references handling_decision (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        agency_id text not null references organization (id),
        amount numeric(14, 2) not null check (amount > 0),
        recovered_on date not null,
        method text not null check (method in ('deduction', 'repayment')),
        attachment_ids uuid[] not null default '{}',
        recorded_by text not null,
        recorded_by_user_id text not null,
        recorded_at timestamptz not null
      );
      create index decision_recovery_decision_idx on decision_recovery (decision_id, recorded_at);
    `);
    this.addSql(tenantPolicy('decision_recovery'));
    this.addSql(`grant select, insert on decision_recovery to fundsup_app;`);
  }
}
