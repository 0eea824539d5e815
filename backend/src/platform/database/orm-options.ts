import type { EntityClass, Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { tenantFilter } from '../tenancy/tenant-filter.js';

export interface OrmModel {
  entities: EntityClass<object>[];
  /** Entities whose rows belong to a tenant (have region_path and owner_org_id): the tenant filter applies to them. */
  tenantEntities: EntityClass<object>[];
  migrations: NonNullable<NonNullable<Options['migrations']>['migrationsList']>;
}

/** The ORM's options for a model given by the composition root (backend/src/database.ts). */
export function ormOptionsFor(clientUrl: string, model: OrmModel, extra: Partial<Options> = {}): Options {
  return {
    clientUrl,
    entities: model.entities,
    discovery: { warnWhenNoEntities: true },
    filters: { tenant: tenantFilter(model.tenantEntities) },
    extensions: [Migrator],
    migrations: { migrationsList: model.migrations, tableName: 'mikro_orm_migrations', transactional: true, snapshot: false },
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    debug: false,
    ...extra,
  };
}
