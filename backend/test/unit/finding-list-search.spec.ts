import { ListDecisionsHandler, ListFindingsHandler, ListFindingsQuery, ListDecisionsQuery } from '../../src/contexts/findings/application/queries.js';
import type { UnitOfWork } from '../../src/platform/tenancy/unit-of-work.js';
import type { Actor } from '../../src/kernel/actor.js';

// The search by institution (q) on the findings' and decisions' lists finds the institutions first
// and goes from them into the owner index. The list convention's default — `(o.name like ? or
// f.owner_org_id = ?)` on the joined rows — made PostgreSQL join every finding of the province to
// its institution before looking at the name (4 s a page at 400,000 findings under load:
// bench/findings-list.bench.ts, docs/benchmarks.md). Same rows: list-search.spec (integration).

const province: Actor = {
  userId: 'u-js', username: 'js.official', displayName: 'js.official', roles: ['province_official'],
  regionPath: '/32/', organizationId: 'bureau-32', organizationKind: 'bureau',
};

function recording() {
  const calls: [string, unknown[]][] = [];
  const em = {
    execute: async (sql: string, params: unknown[] = []) => {
      calls.push([sql.replace(/\s+/g, ' ').trim(), params]);
      if (sql.includes('from region where code')) return [{ path: '/32/3205/' }];
      return sql.startsWith('select count') ? [{ n: 0 }] : [];
    },
  };
  return { calls, uow: { em } as unknown as UnitOfWork };
}

describe('the findings and decisions lists: search by institution', () => {
  it('findings: the institutions matching q lead (a subquery on organization), the count needs no join', async () => {
    const { calls, uow } = recording();
    await new ListFindingsHandler(uow).execute(new ListFindingsQuery(province, { q: ' 仁爱 ', regionCode: '3205', sort: '-amount', page: 1, pageSize: 20 }));
    const [count, page] = calls.filter(([sql]) => !sql.includes('from region where code'));
    expect(count![0]).toBe('select count(*)::int as n from finding f where f.region_path like ? '
      + 'and f.owner_org_id in (select s.id from organization s where s.name like ? or s.id = ?) and f.region_path like ?');
    expect(count![1]).toEqual(['/32/%', '%仁爱%', '仁爱', '/32/3205/%']);
    expect(page![0]).toContain('where f.region_path like ? and f.owner_org_id in (select s.id from organization s where s.name like ? or s.id = ?) and f.region_path like ? order by f.amount desc nulls last, f.id desc limit ? offset ?');
    expect(page![0]).not.toContain('o.name like');
  });

  it('findings: LIKE characters in q match themselves; without q no subquery', async () => {
    const { calls, uow } = recording();
    await new ListFindingsHandler(uow).execute(new ListFindingsQuery(province, { q: '50%_\\' }));
    expect(calls[0]![1]).toEqual(['/32/%', '%50\\%\\_\\\\%', '50%_\\']);
    const plain = recording();
    await new ListFindingsHandler(plain.uow).execute(new ListFindingsQuery(province, {}));
    expect(plain.calls[0]![0]).toBe('select count(*)::int as n from finding f where f.region_path like ?');
  });

  it('decisions: the same search', async () => {
    const { calls, uow } = recording();
    await new ListDecisionsHandler(uow).execute(new ListDecisionsQuery(province, { q: 'inst-320102-0001' }));
    expect(calls[0]).toEqual(['select count(*)::int as n from handling_decision d where d.owner_org_id in (select s.id from organization s where s.name like ? or s.id = ?)',
      ['%inst-320102-0001%', 'inst-320102-0001']]);
  });
});
