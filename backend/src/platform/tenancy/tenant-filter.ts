import type { EntityClass, FilterDef } from '@mikro-orm/core';

export const TENANT_FILTER = 'tenant';

export interface TenantFilterParams {
  regionPath: string;
  /** '' for everybody but institutions, who only see rows they own. */
  organizationId: string;
}

/**
 * The ORM layer of tenancy: every query on a tenant-owned entity is narrowed to the actor's subtree
 * (and, for institutions, their own rows). It is on by default and has no default arguments, so a
 * query made without a tenant scope throws instead of reading everything.
 */
export function tenantFilter(entities: EntityClass<object>[]): FilterDef {
  return {
    name: TENANT_FILTER,
    default: true,
    entity: entities,
    cond: (args) => {
      const { regionPath, organizationId } = args as TenantFilterParams;
      return organizationId
        ? { regionPath: { $like: `${regionPath}%` }, ownerOrgId: organizationId }
        : { regionPath: { $like: `${regionPath}%` } };
    },
  };
}
