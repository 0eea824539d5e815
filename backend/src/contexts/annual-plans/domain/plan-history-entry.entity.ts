import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '../../../platform/tenancy/tenant-owned.js';

export type PlanHistoryAction = 'opened' | 'draft' | 'submit' | 'forward' | 'file' | 'return' | 'overdue' | 'close';

/** One step in a plan's life, kept for good: every submission, return (with its comment), filing. */
@Entity({ tableName: 'annual_plan_history' })
export class PlanHistoryEntry extends TenantOwned {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'Date' })
  at!: Date;

  @Property({ type: 'string' })
  action!: PlanHistoryAction;

  @Property({ type: 'string' })
  byUserId!: string;

  @Property({ type: 'string' })
  byName!: string;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;
}
