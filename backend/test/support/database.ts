import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrate } from '../../src/cli.js';
import { MIGRATIONS, ormOptions } from '../../src/database.js';
import { appDatabaseUrlFrom } from '../../src/platform/config/config.js';
import { seed } from '../../src/seed/seed.js';

// The role is cluster-wide: use the same password as the suite's own processes on this server.
export const APP_PASSWORD = process.env.APP_DATABASE_PASSWORD ?? 'fundsup_app_dev';

export interface TestDatabase {
  ownerUrl: string;
  appUrl: string;
  name: string;
  drop(): Promise<void>;
}

function serverUrl(): URL {
  const raw = process.env.DATABASE_URL;
  if (!raw) {
    throw new Error('DATABASE_URL is not set: integration tests need a PostgreSQL superuser URL (./suite test starts one)');
  }
  return new URL(raw);
}

function withDatabase(url: URL, name: string): string {
  const u = new URL(url.toString());
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database per test file, cloned from a template that was migrated and seeded with the
 * demo data once (the template's name carries a hash of the migrations, so a changed schema gets
 * a new template). Real PostgreSQL, real roles, real row-level security.
 */
export async function createTestDatabase(scale: 'demo' | 'benchmark' = 'demo'): Promise<TestDatabase> {
  const base = serverUrl();
  // The template follows the schema and the seed: a changed migration or seed file makes a new one.
  const seedFiles = ['seed.ts', 'agreements.ts'].map((f) => readFileSync(new URL(`../../src/seed/${f}`, import.meta.url), 'utf8'));
  const version = createHash('sha256').update(MIGRATIONS.map((m) => m.class.toString()).join('\n')).update(seedFiles.join('\n')).digest('hex').slice(0, 12);
  const template = `fundsup_tmpl_${scale === 'demo' ? '' : 'bench_'}${version}`;
  await admin(async (c) => {
    // One creator at a time across parallel test files.
    await c.query('select pg_advisory_lock(2026112201)');
    try {
      const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [template]);
      if (!rowCount) {
        await c.query(`create database ${template}`);
        const url = withDatabase(base, template);
        await migrate(url, APP_PASSWORD);
        const orm = await MikroORM.init(ormOptions(url));
        await seed(orm.em.fork(), { scale, seed: 20261122, province: '32' });
        await orm.close();
      }
    } finally {
      await c.query('select pg_advisory_unlock(2026112201)');
    }
  });
  const name = `fundsup_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template ${template}`));
  const ownerUrl = withDatabase(base, name);
  return {
    ownerUrl,
    appUrl: appDatabaseUrlFrom(ownerUrl, APP_PASSWORD),
    name,
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** One statement on the owner's connection (a superuser here, so RLS does not apply). */
export async function ownerQuery<T extends pg.QueryResultRow>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}
