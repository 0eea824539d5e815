import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '../tenancy/tenant-owned.js';

/** An inbox item for an organization: reminders, escalations, things to act on. */
@Entity({ tableName: 'notification' })
export class Notification extends TenantOwned {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string' })
  titleZh!: string;

  @Property({ type: 'string' })
  titleEn!: string;

  @Property({ type: 'text' })
  bodyZh!: string;

  @Property({ type: 'text' })
  bodyEn!: string;

  @Property({ type: 'string', nullable: true })
  link: string | null = null;

  /** A workflow step that runs twice (activity retry) must not notify twice. */
  @Property({ type: 'string' })
  dedupeKey!: string;

  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', nullable: true })
  readAt: Date | null = null;

  @Property({ type: 'Date', nullable: true })
  emailedAt: Date | null = null;
}
