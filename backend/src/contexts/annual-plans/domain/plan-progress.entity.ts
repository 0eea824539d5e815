import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '../../../platform/tenancy/tenant-owned.js';

/** What a unit reports it did for one task of its filed plan in one month. */
@Entity({ tableName: 'annual_plan_progress' })
export class PlanProgress extends TenantOwned {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'string' })
  taskId!: string;

  @Property({ type: 'integer' })
  month!: number;

  @Property({ type: 'float' })
  doneQuantity!: number;

  /** The task serves a count target, so its quantity adds up towards the plan's done-to-date. */
  @Property({ type: 'boolean' })
  counted!: boolean;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'string[]' })
  attachmentIds: string[] = [];

  @Property({ type: 'string' })
  reportedBy!: string;

  @Property({ type: 'Date' })
  reportedAt!: Date;
}
