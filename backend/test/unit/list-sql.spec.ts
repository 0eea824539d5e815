import type { EntityManager } from '@mikro-orm/postgresql';
import { addListFilters, Conditions, exportListOf, likeContains, listPage, listPageOf, paging, sortOrder, statusList, type ListStatement } from '../../src/platform/database/sql.js';
import { DomainError } from '../../src/kernel/errors.js';

describe('list statements', () => {
  it('paging: pages from 1, 50 rows by default, at most 500', () => {
    expect(paging()).toEqual({ page: 1, pageSize: 50, offset: 0 });
    expect(paging(3, 20)).toEqual({ page: 3, pageSize: 20, offset: 40 });
    expect(paging(0, 0)).toEqual({ page: 1, pageSize: 50, offset: 0 });
    expect(paging(1.5, -2)).toEqual({ page: 1, pageSize: 50, offset: 0 });
    expect(paging(2, 10_000)).toEqual({ page: 2, pageSize: 500, offset: 500 });
  });

  it('conditions: joined with and, their parameters in order; none, no where', () => {
    const none = new Conditions();
    expect(none.clause).toBe('');
    const where = new Conditions();
    where.add('f.status = any(?::text[])', '{a,b}');
    where.add('f.overdue');
    where.add('(o.name like ? or a.number like ?)', '%x%', '%y%');
    expect(where.clause).toBe('where f.status = any(?::text[]) and f.overdue and (o.name like ? or a.number like ?)');
    expect(where.params).toEqual(['{a,b}', '%x%', '%y%']);
  });

  it('listPage: counts and pages under the same conditions', async () => {
    const calls: [string, unknown[]][] = [];
    const em = {
      execute: async (sql: string, params: unknown[]) => {
        calls.push([sql, params]);
        return sql.startsWith('select count') ? [{ n: 7 }] : [{ id: 'r1' }];
      },
    } as unknown as EntityManager;
    const where = new Conditions();
    where.add('d.status = ?', 'filed');
    const page = await listPage<{ id: string }>(em, { count: 'from dispute d', select: 'select d.id from dispute d', order: 'd.created_at desc, d.id' }, where, paging(2, 5));
    expect(page).toEqual({ rows: [{ id: 'r1' }], total: 7 });
    expect(calls).toEqual([
      ['select count(*)::int as n from dispute d where d.status = ?', ['filed']],
      ['select d.id from dispute d where d.status = ? order by d.created_at desc, d.id limit ? offset ?', ['filed', 5, 5]],
    ]);
  });

  it('sortOrder: whitelisted fields ascending or descending, ties by the id; none, the default', () => {
    const fields = { amount: 'f.amount', institution: 'o.name' };
    expect(sortOrder(undefined, fields, 'f.id', 'f.created_at, f.id')).toBe('f.created_at, f.id');
    expect(sortOrder('amount', fields, 'f.id', 'x')).toBe('f.amount asc nulls first, f.id asc');
    expect(sortOrder('-institution', fields, 'f.id', 'x')).toBe('o.name desc nulls last, f.id desc');
  });

  it('sortOrder: an unknown field is a bilingual 400 naming the sortable fields (never SQL)', () => {
    const fields = { amount: 'f.amount' };
    for (const bad of ['description', '-f.id; drop table finding', 'constructor', 'toString', '--amount']) {
      let err: unknown;
      try { sortOrder(bad, fields, 'f.id', 'x'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(DomainError);
      const d = err as DomainError;
      expect(d.kind).toBe('validation');
      expect(d.text.zh).toContain('可排序字段：amount');
      expect(d.text.en).toContain('sortable fields: amount');
      expect(d.details).toEqual({ field: 'sort', allowed: ['amount'] });
    }
  });

  it('likeContains: the search text matches itself, wildcards included', () => {
    expect(likeContains('仁和')).toBe('%仁和%');
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('statusList: one or several, each known; an unknown one is a bilingual 400', () => {
    expect(statusList(undefined, ['a', 'b'])).toEqual([]);
    expect(statusList('a, b', ['a', 'b'])).toEqual(['a', 'b']);
    expect(() => statusList('a,c', ['a', 'b'])).toThrow(DomainError);
  });

  it('addListFilters: q, region (inside, above, outside the scope), period', async () => {
    const paths: Record<string, string> = { '3201': '/32/3201/', '32': '/32/', '3205': '/32/3205/' };
    const em = { execute: async (_sql: string, params: unknown[]) => (paths[params[0] as string] ? [{ path: paths[params[0] as string] }] : []) };
    const cols = { institutionName: 'o.name', institutionCode: 'f.owner_org_id', regionPath: 'f.region_path', date: 'f.created_at' };
    const where = new Conditions();
    expect(await addListFilters(em, where, { q: ' 仁和 ', regionCode: '3201', from: '2026-01-01', to: '2026-01-31' }, cols, '/32/')).toBe(true);
    expect(where.params).toEqual(['%仁和%', '仁和', '/32/3201/%', '2026-01-01', '2026-01-31']);
    expect(where.clause).toContain('(o.name like ? or f.owner_org_id = ?)');
    // Above the scope: the scope itself; beside it or unknown: empty by construction.
    const above = new Conditions();
    expect(await addListFilters(em, above, { regionCode: '32' }, cols, '/32/3201/')).toBe(true);
    expect(above.params).toEqual(['/32/3201/%']);
    expect(await addListFilters(em, new Conditions(), { regionCode: '3205' }, cols, '/32/3201/')).toBe(false);
    expect(await addListFilters(em, new Conditions(), { regionCode: '99' }, cols, '/')).toBe(false);
  });

  it('listPageOf / exportListOf: the order checked before any query, an empty list by construction asks nothing, the page and the export share conditions and order', async () => {
    const calls: [string, unknown[]][] = [];
    const em = { execute: async (sql: string, params: unknown[] = []) => { calls.push([sql, params]); return sql.startsWith('select count') ? [{ n: 2 }] : sql.startsWith('fetch') ? [] : [{ id: 'a' }]; } };
    let empty = false;
    const list: ListStatement<{ sort?: string; page?: number; pageSize?: number }> = {
      conditions: async () => { if (empty) return null; const w = new Conditions(); w.add('x.k = ?', 1); return w; },
      count: () => 'from x', select: 'select x.id from x', sort: { name: 'x.name' }, idColumn: 'x.id', defaultOrder: 'x.at desc, x.id',
    };
    await expect(listPageOf(em as never, list, { sort: 'secret' })).rejects.toBeInstanceOf(DomainError);
    await expect(exportListOf(em as never, list, { sort: 'secret' }, { maxRows: 10, batch: async () => undefined }, (r) => r)).rejects.toBeInstanceOf(DomainError);
    expect(calls).toEqual([]);
    expect(await listPageOf(em as never, list, { sort: '-name', page: 2, pageSize: 1 })).toEqual({ rows: [{ id: 'a' }], total: 2 });
    expect(calls[1]).toEqual(['select x.id from x where x.k = ? order by x.name desc nulls last, x.id desc limit ? offset ?', [1, 1, 1]]);
    calls.length = 0;
    await exportListOf(em as never, list, {}, { maxRows: 10, batch: async () => undefined }, (r) => r);
    expect(calls.find(([sql]) => sql.startsWith('declare'))![0]).toContain('select x.id from x where x.k = ? order by x.at desc, x.id');
    calls.length = 0;
    empty = true;
    expect(await listPageOf(em as never, list, {})).toEqual({ rows: [], total: 0 });
    expect(calls).toEqual([]);
  });

  it('addListFilters with a list\'s own conditions (rows that reach institutions and regions indirectly): the scoped path, not a LIKE prefix', async () => {
    const paths: Record<string, string> = { '3201': '/32/3201/', '32': '/32/', '3205': '/32/3205/' };
    const em = { execute: async (_sql: string, params: unknown[]) => (paths[params[0] as string] ? [{ path: paths[params[0] as string] }] : []) };
    const match = {
      search: (like: string, code: string) => ['exists (select 1 from x where x.name like ? or x.code = ?)', like, code] as const,
      region: (path: string) => ['exists (select 1 from r where starts_with(r.path, ?) or starts_with(?, r.path))', path, path] as const,
      date: 's.created_at',
    };
    const where = new Conditions();
    expect(await addListFilters(em, where, { q: '50%', regionCode: '32', to: '2026-12-31' }, match, '/32/3201/')).toBe(true);
    expect(where.clause).toBe(
      "where exists (select 1 from x where x.name like ? or x.code = ?) and exists (select 1 from r where starts_with(r.path, ?) or starts_with(?, r.path)) and s.created_at < ((?::date + 1)::timestamp at time zone 'Asia/Shanghai')");
    // The search pattern escaped; the region above the scope narrowed to the scope.
    expect(where.params).toEqual(['%50\\%%', '50%', '/32/3201/', '/32/3201/', '2026-12-31']);
    expect(await addListFilters(em, new Conditions(), { regionCode: '3205' }, match, '/32/3201/')).toBe(false);
  });
});
