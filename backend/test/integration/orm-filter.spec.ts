import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/database.js';
import { TENANT_FILTER } from '../../src/platform/tenancy/tenant-filter.js';
import { Attachment } from '../../src/platform/attachments/attachment.entity.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Layer 2 of tenancy, on its own: the MikroORM filter, on one of the entities that remain (ADR 0004's
// addendum, ADR 0013). The owner connection here is a superuser, which PostgreSQL exempts from
// row-level security, so only the filter narrows these reads. The attachments are this test's own:
// one per organization below, in different subtrees and for two institutions of the same county.

let db: TestDatabase;
let orm: MikroORM;

const INBOXES = [
  { org: 'agency-320508', path: '/32/3205/320508/' },
  { org: 'inst-320102-0001', path: '/32/3201/320102/' },
  { org: 'inst-320102-0002', path: '/32/3201/320102/' },
  { org: 'agency-320102', path: '/32/3201/320102/' },
  { org: 'agency-32', path: '/32/' },
];
const ids = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormOptions(db.ownerUrl));
  for (const { org, path } of INBOXES) {
    const id = randomUUID();
    ids.set(org, id);
    await orm.em.execute(
      `insert into attachment (id, region_path, owner_org_id, filename, content_type, size_bytes, sha256, storage_key, uploaded_by)
       values (?, ?, ?, 'orm-filter.pdf', 'application/pdf', 1, repeat('a', 64), ?, 'orm-filter')`,
      [id, path, org, `orm-filter:${id}`],
    );
  }
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

function scoped(regionPath: string, organizationId = '') {
  const em = orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { regionPath, organizationId });
  return em;
}

const mine = (rows: Attachment[]) => rows.filter((n) => n.storageKey.startsWith('orm-filter:'));

it('narrows entity queries to the scope subtree', async () => {
  const rows = await scoped('/32/3205/320508/').find(Attachment, {});
  expect(mine(rows).map((n) => n.id)).toEqual([ids.get('agency-320508')]);
  expect(rows.every((n) => n.regionPath.startsWith('/32/3205/320508/'))).toBe(true);
});

it('does not read the chain of command above the scope', async () => {
  const rows = await scoped('/32/3201/320102/').find(Attachment, {});
  expect(mine(rows).map((n) => n.id).sort()).toEqual(
    ['inst-320102-0001', 'inst-320102-0002', 'agency-320102'].map((o) => ids.get(o)).sort(),
  );
});

it('an institution scope yields only its own rows', async () => {
  const rows = await scoped('/32/3201/320102/', 'inst-320102-0001').find(Attachment, {});
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((n) => n.ownerOrgId === 'inst-320102-0001')).toBe(true);
  expect(mine(rows).map((n) => n.id)).toEqual([ids.get('inst-320102-0001')]);
});

it('a sibling record by id is not found', async () => {
  const id = ids.get('agency-320508')!;
  expect(await scoped('/32/3201/320102/').findOne(Attachment, { id })).toBeNull();
  expect(await scoped('/32/').findOne(Attachment, { id })).not.toBeNull();
});

it('refuses to query without a scope instead of reading everything', async () => {
  await expect(orm.em.fork().find(Attachment, {})).rejects.toThrow(/filter/i);
});
