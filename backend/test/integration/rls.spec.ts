import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Layer 3 of tenancy, on its own: PostgreSQL row-level security under the application role.

/** Tables that hold no tenant data, and why. Any other table must carry a forced policy. */
const NOT_TENANT_OWNED: Record<string, string> = {
  region: 'GB/T 2260 reference data, public to every user',
  audit_head: 'one row: the audit chain head, reachable only through SECURITY DEFINER functions',
  mikro_orm_migrations: 'schema bookkeeping, no grant to the application role',
  dash_pending: 'the dashboards projector\'s work list (keys, no figures); its policy admits the whole-suite scope only',
  calendar_year: 'the State Council\'s yearly holiday notices: national, read by every user; the application lets only the national bureau administrators write (issue 16); the provinces additions are calendar_local_year/calendar_local_day, tenant-owned',
  calendar_day: 'the holidays and make-up working days of calendar_year: same as calendar_year',
  legal_clock: 'the legal clocks per province with their source: public rules, select-only for the application role',
  tip_secret: 'the tips\' suite-wide secrets (the receipt codes\' pepper, migration 0032), sealed under TIPS_KEK: no tenant data; select-only for the application role, written by the operator\'s cli.js tips-rotate-kek',
};

let db: TestDatabase;
let owner: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

async function asApp<T>(scope: { regionPath?: string; organizationId?: string }, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: db.appUrl });
  await c.connect();
  try {
    await c.query('begin');
    if (scope.regionPath !== undefined) {
      await c.query(`select set_config('app.region_path', $1, true), set_config('app.organization_id', $2, true)`, [
        scope.regionPath,
        scope.organizationId ?? '',
      ]);
    }
    const result = await fn(c);
    await c.query('rollback');
    return result;
  } finally {
    await c.end();
  }
}

describe('row-level security meta-test', () => {
  it('every tenant-owned table has FORCE ROW LEVEL SECURITY and a policy; every other table is declared', async () => {
    const { rows } = await owner.query<{
      table: string;
      has_region_path: boolean;
      rls: boolean;
      forced: boolean;
      policies: number;
    }>(`
      select c.relname as table,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'region_path' and not a.attisdropped) as has_region_path,
             c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
       order by c.relname`);
    const report = rows.map((r) =>
      r.has_region_path
        ? `${r.table}: tenant-owned, rls=${r.rls} forced=${r.forced} policies=${r.policies}`
        : `${r.table}: not tenant-owned (${NOT_TENANT_OWNED[r.table] ?? 'UNDECLARED'})`,
    );
    console.log(`RLS meta-test\n  ${report.join('\n  ')}`);
    const offenders = rows.filter((r) =>
      r.has_region_path ? !(r.rls && r.forced && r.policies > 0) : !(r.table in NOT_TENANT_OWNED),
    );
    expect(offenders.map((o) => o.table)).toEqual([]);
    expect(rows.filter((r) => r.has_region_path).length).toBeGreaterThanOrEqual(8);
  });

  it('the application role neither owns the tables nor bypasses RLS', async () => {
    const { rows } = await owner.query(
      `select r.rolsuper, r.rolbypassrls,
              (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relowner = r.oid) as owned
         from pg_roles r where r.rolname = 'fundsup_app'`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });
});

describe('raw SQL through the application role', () => {
  it('sees nothing at all when no scope is set (fails closed)', async () => {
    const n = await asApp({}, async (c) => (await c.query('select count(*)::int as n from organization')).rows[0].n);
    expect(n).toBe(0);
  });

  it('a county scope sees its own subtree and the authorities above it, never a sibling county', async () => {
    const rows = await asApp({ regionPath: '/32/3201/320102/' }, async (c) =>
      (await c.query<{ region_path: string; kind: string }>('select distinct region_path, kind from organization order by 1, 2')).rows,
    );
    const outside = rows.filter((r) => !r.region_path.startsWith('/32/3201/320102/'));
    expect(outside).toEqual([
      { region_path: '/', kind: 'bureau' },
      { region_path: '/32/', kind: 'agency' },
      { region_path: '/32/', kind: 'bureau' },
      { region_path: '/32/3201/', kind: 'agency' },
      { region_path: '/32/3201/', kind: 'bureau' },
    ]);
    const sibling = await asApp({ regionPath: '/32/3201/320102/' }, async (c) =>
      (await c.query<{ id: string }>(`select id from organization where id in ('agency-320508', 'inst-320508-0001', 'bureau-3205', 'bureau-3201')`)).rows,
    );
    expect(sibling.map((r) => r.id)).toEqual(['bureau-3201']);
  });

  it('a city scope sees its counties but not another city', async () => {
    const rows = await asApp({ regionPath: '/32/3201/' }, async (c) =>
      (await c.query<{ id: string }>(`select id from organization where id in ('agency-320102', 'agency-320508', 'agency-3205')`)).rows,
    );
    expect(rows.map((r) => r.id)).toEqual(['agency-320102']);
  });

  it('an institution sees only its own organization and the authorities above it, no other institution', async () => {
    const ids = await asApp({ regionPath: '/32/3201/320102/', organizationId: 'inst-320102-0001' }, async (c) =>
      (await c.query<{ id: string }>(`select id from organization where kind = 'institution' or region_path = '/32/3201/320102/' order by id`)).rows.map((r) => r.id),
    );
    expect(ids).toEqual(['agency-320102', 'bureau-320102', 'inst-320102-0001']);
  });

  it('the chain-of-command exception is read-only', async () => {
    const updated = await asApp({ regionPath: '/32/3201/320102/' }, async (c) =>
      (await c.query(`update organization set name = 'x' where id = 'bureau-3201'`)).rowCount,
    );
    expect(updated).toBe(0);
  });

  it('cannot write a row outside its scope', async () => {
    await expect(
      asApp({ regionPath: '/32/3201/320102/' }, (c) =>
        c.query(`insert into attachment (id, region_path, owner_org_id, filename, content_type, size_bytes, sha256, storage_key, uploaded_by)
                 values (gen_random_uuid(), '/32/3205/320508/', 'agency-320508', 'a.pdf', 'application/pdf', 1, repeat('a', 64), 'k', 'u')`),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('notifies down the subtree and up the chain of command, never sideways', async () => {
    const deliver = (scope: { regionPath: string; organizationId?: string }, regionPath: string, org: string) =>
      asApp(scope, async (c) => {
        const { rows } = await c.query(
          `select notification_deliver(gen_random_uuid(), $1, $2, 't', 't', 'b', 'b', null, gen_random_uuid()::text) as ok,
                  current_setting('app.region_path', true) as scope_after`,
          [regionPath, org],
        );
        return rows[0];
      });
    await expect(deliver({ regionPath: '/32/3201/' }, '/32/3201/320102/', 'agency-320102')).resolves.toEqual({ ok: true, scope_after: '/32/3201/' });
    await expect(deliver({ regionPath: '/32/3201/320102/' }, '/32/3201/', 'bureau-3201')).resolves.toEqual({ ok: true, scope_after: '/32/3201/320102/' });
    await expect(deliver({ regionPath: '/32/3201/320102/' }, '/32/3205/320508/', 'agency-320508')).rejects.toThrow(/outside the chain of command/);
    await expect(
      deliver({ regionPath: '/32/3201/320102/', organizationId: 'inst-320102-0001' }, '/32/3201/320102/', 'inst-320102-0002'),
    ).rejects.toThrow(/another institution/);
  });

  it('cannot move a visible row out of its scope', async () => {
    const updated = await asApp({ regionPath: '/32/3201/' }, async (c) => {
      await c.query(`update organization set region_path = '/32/3205/' where id = 'agency-320102'`);
      return 'no error';
    }).catch((e: Error) => e.message);
    expect(updated).toMatch(/row-level security/);
  });

  it('cannot change or delete audit entries, even its own', async () => {
    await asApp({ regionPath: '/32/' }, async (c) => {
      await c.query(`select audit_append('u', 'u', '{}', '/32/', 'bureau-32', 'Test', null, '{}', 'ok', null)`);
    });
    await expect(asApp({ regionPath: '/32/' }, (c) => c.query('delete from audit_entry'))).rejects.toThrow(/permission denied/);
    await expect(asApp({ regionPath: '/32/' }, (c) => c.query(`update audit_entry set result = 'ok'`))).rejects.toThrow(/permission denied/);
  });
});

describe('spot-checks and inspections (0005)', () => {
  const spotCheck = '5c000000-0000-4000-8000-000000000001';
  const assigned = '5c000000-0000-4000-8000-000000000002';
  const sent = '5c000000-0000-4000-8000-000000000003';
  const gusu = '5c000000-0000-4000-8000-000000000004';

  beforeAll(async () => {
    await owner.query(
      `insert into spot_check (id, region_path, owner_org_id, year, title, city_codes, institution_kinds, parameters, checklist_items,
                               due_date, witnesses, status, created_at, created_by)
       values ($1, '/32/', 'bureau-32', 2026, 't', '{3201,3205}', '{hospital,clinic,pharmacy}', '{}', '[]', '2026-12-31', '[]', 'draft', now(), 'x')`,
      [spotCheck]);
    await owner.query(`insert into spot_check_record (spot_check_id, region_path, owner_org_id, record, updated_at) values ($1, '/32/', 'bureau-32', '{}', now())`, [spotCheck]);
    const insert = (id: string, inst: string, path: string, city: string, status: 'assigned' | 'sent') => owner.query(
      `insert into inspection (id, region_path, owner_org_id, spot_check_id, spot_check_title, checklist_items, institution_id, city_code, kind, level,
                               draw_order, team, status, due_date, inspected_on, sent_at, created_at)
       values ($1, $2, $3, $4, 't', '[]', $3, $5, 'hospital', 'secondary', 0, '[]', $6, '2026-12-31', $7, $8, now())`,
      [id, path, inst, spotCheck, city, status, status === 'sent' ? '2026-11-01' : null, status === 'sent' ? new Date() : null]);
    await insert(assigned, 'inst-320102-0001', '/32/3201/320102/', '3201', 'assigned');
    await insert(sent, 'inst-320102-0002', '/32/3201/320102/', '3201', 'sent');
    await insert(gusu, 'inst-320508-0001', '/32/3205/320508/', '3205', 'sent');
  });

  const ids = (scope: { regionPath: string; organizationId?: string }, sql: string) =>
    asApp(scope, async (c) => (await c.query<{ id: string }>(sql)).rows.map((r) => r.id).sort());

  it('an institution reads its inspection only once sent, never the spot-check or its record', async () => {
    expect(await ids({ regionPath: '/32/3201/320102/', organizationId: 'inst-320102-0001' }, 'select id from inspection')).toEqual([]);
    expect(await ids({ regionPath: '/32/3201/320102/', organizationId: 'inst-320102-0002' }, 'select id from inspection')).toEqual([sent]);
    expect(await ids({ regionPath: '/32/3201/320102/', organizationId: 'inst-320102-0002' }, 'select id from spot_check')).toEqual([]);
    expect(await ids({ regionPath: '/32/3201/320102/', organizationId: 'inst-320102-0002' }, 'select spot_check_id as id from spot_check_record')).toEqual([]);
    // nor can it send its own result to itself
    const updated = await asApp({ regionPath: '/32/3201/320102/', organizationId: 'inst-320102-0001' }, async (c) =>
      (await c.query(`update inspection set status = 'recorded', inspected_on = '2026-11-01' where id = $1`, [assigned])).rowCount);
    expect(updated).toBe(0);
  });

  it('a county reads its subtree’s inspections and the province’s spot-check read-only; never a sibling county’s', async () => {
    expect(await ids({ regionPath: '/32/3201/320102/' }, 'select id from inspection')).toEqual([assigned, sent]);
    expect(await ids({ regionPath: '/32/3205/320508/' }, 'select id from inspection')).toEqual([gusu]);
    expect(await ids({ regionPath: '/32/3201/' }, 'select id from inspection')).toEqual([assigned, sent]);
    expect(await ids({ regionPath: '/32/3205/320508/' }, 'select id from spot_check')).toEqual([spotCheck]);
    expect(await ids({ regionPath: '/32/3205/320508/' }, 'select spot_check_id as id from spot_check_record')).toEqual([spotCheck]);
    const updated = await asApp({ regionPath: '/32/3201/' }, async (c) =>
      (await c.query(`update spot_check set title = 'x' where id = $1`, [spotCheck])).rowCount);
    expect(updated).toBe(0);
    await expect(asApp({ regionPath: '/32/3201/' }, (c) => c.query(
      `insert into spot_check_history (id, spot_check_id, region_path, owner_org_id, at, action, by_user_id, by_name) values (gen_random_uuid(), $1, '/32/', 'bureau-32', now(), 'x', 'u', 'u')`,
      [spotCheck]))).rejects.toThrow(/row-level security/);
    expect(await ids({ regionPath: '/32/' }, 'select id from inspection')).toEqual([assigned, sent, gusu].sort());
  });
});
