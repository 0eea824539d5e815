import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../src/database.js';
import { TENANT_FILTER } from '../../src/platform/tenancy/tenant-filter.js';
import { Organization } from '../../src/contexts/directory/domain/organization.entity.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Layer 2 of tenancy, on its own: the MikroORM filter. The owner connection here is a superuser,
// which PostgreSQL exempts from row-level security, so only the filter narrows these reads.

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormOptions(db.ownerUrl));
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

it('narrows entity queries to the scope subtree', async () => {
  const orgs = await scoped('/32/3205/320508/').find(Organization, {});
  expect(orgs.length).toBeGreaterThan(0);
  expect(orgs.every((o) => o.regionPath.startsWith('/32/3205/320508/'))).toBe(true);
});

it('an institution scope yields only its own organization', async () => {
  const orgs = await scoped('/32/3201/320102/', 'inst-320102-0001').find(Organization, {});
  expect(orgs.map((o) => o.id)).toEqual(['inst-320102-0001']);
});

it('a sibling record by id is not found', async () => {
  expect(await scoped('/32/3201/320102/').findOne(Organization, { id: 'agency-320508' })).toBeNull();
  expect(await scoped('/32/').findOne(Organization, { id: 'agency-320508' })).not.toBeNull();
});

it('refuses to query without a scope instead of reading everything', async () => {
  await expect(orm.em.fork().find(Organization, {})).rejects.toThrow(/filter/i);
});
