import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '../tenancy/tenant-owned.js';
import type { WorkflowAction } from './workflow-action.js';

@Entity({ tableName: 'outbox_message' })
export class OutboxMessage extends TenantOwned {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string' })
  aggregateType!: string;

  @Property({ type: 'string' })
  aggregateId!: string;

  @Property({ type: 'string' })
  eventType!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'json', nullable: true })
  dispatch!: WorkflowAction | null;

  @Property({ type: 'Date' })
  occurredAt: Date = new Date();

  @Property({ type: 'Date' })
  availableAt: Date = new Date();

  @Property({ type: 'Date', nullable: true })
  dispatchedAt: Date | null = null;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;
}
