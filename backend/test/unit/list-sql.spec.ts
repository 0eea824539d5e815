import type { EntityManager } from '@mikro-orm/postgresql';
import { Conditions, listPage, paging } from '../../src/platform/database/sql.js';

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
});
