import { Migration } from '@mikro-orm/migrations';

/**
 * An institution's queue of findings filters on its own organization (the work-queue benchmark
 * showed a sequential scan of every finding for it): index the owner with the status.
 */
export class Migration0008FindingOwnerIndex extends Migration {
  override name = '0008-finding-owner-index';

  override async up(): Promise<void> {
    this.addSql(`create index finding_owner_idx on finding (owner_org_id, status);`);
    this.addSql(`create index handling_decision_owner_idx on handling_decision (owner_org_id, status);`);
  }
}
