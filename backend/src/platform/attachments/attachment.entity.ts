import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwned } from '../tenancy/tenant-owned.js';

/** Evidence uploaded by a user: the file lives in the attachment store under its content hash. */
@Entity({ tableName: 'attachment' })
export class Attachment extends TenantOwned {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string' })
  filename!: string;

  @Property({ type: 'string' })
  contentType!: string;

  @Property({ type: 'bigint' })
  sizeBytes!: number;

  @Property({ type: 'string' })
  sha256!: string;

  @Property({ type: 'string' })
  storageKey!: string;

  @Property({ type: 'string' })
  uploadedBy!: string;

  @Property({ type: 'Date' })
  createdAt: Date = new Date();
}
