import { Property } from '@mikro-orm/decorators/legacy';

/**
 * Columns every tenant-owned row carries: the region it belongs to and the organization it
 * concerns. Row-level security and the tenant filter read exactly these two.
 */
export abstract class TenantOwned {
  @Property({ type: 'string' })
  regionPath!: string;

  @Property({ type: 'string' })
  ownerOrgId!: string;
}
