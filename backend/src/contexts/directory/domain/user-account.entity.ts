import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '../../../platform/tenancy/tenant-owned.js';

/** A person known to the suite: created or refreshed from their token when they sign in. */
@Entity({ tableName: 'user_account' })
export class UserAccount extends TenantOwned {
  @PrimaryKey({ type: 'string' })
  id!: string;

  @Property({ type: 'string' })
  username!: string;

  @Property({ type: 'string' })
  displayName!: string;

  @Property({ type: 'string', nullable: true })
  email: string | null = null;

  @Property({ type: 'string' })
  organizationId!: string;

  @Property({ type: 'string[]' })
  roles!: string[];

  @Property({ type: 'Date' })
  lastSeenAt: Date = new Date();
}
