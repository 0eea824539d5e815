import type { Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';

export interface OrmModel {
  migrations: NonNullable<NonNullable<Options['migrations']>['migrationsList']>;
}

/**
 * The ORM's options for a model given by the composition root (backend/src/database.ts). MikroORM
 * maps no entity (ADR 0013): it gives the connection pool, the transactions of the unit of work
 * and the migrations; every statement is SQL on the unit of work's connection, scoped by
 * row-level security (ADR 0004).
 */
export function ormOptionsFor(clientUrl: string, model: OrmModel, extra: Partial<Options> = {}): Options {
  return {
    clientUrl,
    entities: [],
    // No entities on purpose: MikroORM would otherwise refuse to start ("No entities found").
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: model.migrations, tableName: 'mikro_orm_migrations', transactional: true, snapshot: false },
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    debug: false,
    ...extra,
  };
}
