import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, ownerQuery, type TestDatabase } from '../support/database.js';
import { likePrefix } from '../../src/platform/database/sql.js';

// Issue 15 §6: the tenant scope is a plain prefix in the database itself. With LIKE, a scope of `%`
// matched every row and `/3_/` every province starting with 3; only the token check kept such a
// scope out. Here the scope is set directly on the application role's connection, as a bug or a
// forged claim would set it, and row-level security alone must hold.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** Runs `sql` as fundsup_app (RLS applies) in a transaction scoped to `regionPath`. */
async function asApp<T extends pg.QueryResultRow>(regionPath: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: db.appUrl });
  await c.connect();
  try {
    await c.query('begin');
    await c.query(`select set_config('app.region_path', $1, true), set_config('app.organization_id', '', true)`, [regionPath]);
    const { rows } = await c.query<T>(sql, params);
    await c.query('rollback');
    return rows;
  } finally {
    await c.end();
  }
}

const count = async (scope: string, from: string) => Number((await asApp<{ n: string }>(scope, `select count(*) as n from ${from}`))[0].n);

describe('a scope with LIKE wildcards matches nothing it does not literally prefix', () => {
  // Institutions: the organizations no chain-of-command policy shows (a scope under `/` legitimately
  // sees the national bureau at `/`, a literal prefix of `/%`).
  it.each(["organization where kind = 'institution'", 'inspector', 'service_agreement'])('%s: the province sees its rows, wildcard scopes see none', async (table) => {
    expect(await count('/32/', table)).toBeGreaterThan(0);
    for (const scope of ['%', '/%', '/3_/', '/32/%', '_%']) {
      expect({ scope, rows: await count(scope, table) }).toEqual({ scope, rows: 0 });
    }
  });

  it('the chain of command still shows a county the bureaus above it, and a wildcard scope none', async () => {
    const above = await asApp<{ id: string }>('/32/3201/320102/', `select id from organization where kind in ('bureau', 'agency') and region_path in ('/32/', '/32/3201/') order by id`);
    expect(above.length).toBeGreaterThan(0);
    expect(await asApp('%', `select id from organization where kind = 'bureau'`)).toEqual([]);
  });

  it('notification_deliver refuses a recipient that only a wildcard scope would reach', async () => {
    const deliver = (scope: string, path: string, org: string) => asApp(scope,
      `select notification_deliver($1, $2, $3, 't', 't', 'b', 'b', null, $4)`, [randomUUID(), path, org, randomUUID()]);
    await expect(deliver('%', '/32/3205/', 'agency-3205')).rejects.toMatchObject({ code: '42501' });
    await expect(deliver('/3_/', '/32/3205/', 'agency-3205')).rejects.toMatchObject({ code: '42501' });
    await expect(deliver('/32/3201/', '/32/', 'bureau-32')).resolves.toEqual([{ notification_deliver: true }]);
  });

  it('likePrefix: the application’s own subtree predicates (the directory) match literally in PostgreSQL', async () => {
    const match = async (prefix: string) => Number((await ownerQuery<{ n: string }>(db,
      `select count(*) as n from organization where region_path like $1`, [likePrefix(prefix)]))[0].n);
    expect(await match('/32/')).toBeGreaterThan(0);
    expect(await match('%')).toBe(0);
    expect(await match('/3_/')).toBe(0);
    expect(await match('/')).toBe(Number((await ownerQuery<{ n: string }>(db, 'select count(*) as n from organization'))[0].n));
  });

  it('no row-level security policy and no scope function matches paths with LIKE', async () => {
    const policies = await ownerQuery<{ policyname: string }>(db, `select policyname from pg_policies where schemaname = 'public' and (qual like '%~~%' or with_check like '%~~%')`);
    expect(policies).toEqual([]);
    const functions = await ownerQuery<{ proname: string }>(db,
      `select proname from pg_proc where pronamespace = 'public'::regnamespace and proname in ('app_in_scope', 'notification_deliver') and prosrc ~* '\\mlike\\M'`);
    expect(functions).toEqual([]);
  });
});
