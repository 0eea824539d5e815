import { jest } from '@jest/globals';
import { ColumnSort, dateOf, dayOf, listFilterChange, listFilterParams, listFiltersFrom, sortOrderOf, sortParam } from './list-query';

describe('list query (URL state of the searchable lists)', () => {
  it('reads the filters from the URL, dropping malformed values instead of sending them', () => {
    expect(listFiltersFrom({ q: '  仁和 ', regionCode: '3201', from: '2026-01-01', to: '2026-12-31', sort: '-amount' }))
      .toEqual({ q: '仁和', regionCode: '3201', from: '2026-01-01', to: '2026-12-31', sort: '-amount' });
    expect(listFiltersFrom({ q: '   ', regionCode: "32' or 1=1", from: 'yesterday', to: '2026-1-1', sort: 'amount;drop' })).toEqual({});
    expect(listFiltersFrom({ q: 'x'.repeat(300) }).q).toHaveLength(100);
  });

  it('sends only the filters set', () => {
    expect(listFilterParams({ q: '仁和', sort: 'amount' })).toEqual({ q: '仁和', sort: 'amount' });
    expect(listFilterParams({})).toEqual({});
  });

  it('a change goes back to the first page and removes what was cleared', () => {
    expect(listFilterChange({ q: '仁和', regionCode: '' })).toEqual({ page: null, q: '仁和', regionCode: null });
    expect(listFilterChange({ status: 'open' })).toEqual({ page: null, status: 'open' });
    // A list's own filters (a lead's view, source, the overdue checkbox): null or '' clears one.
    expect(listFilterChange({ view: null, source: 'tip', overdue: '' })).toEqual({ page: null, view: null, source: 'tip', overdue: null });
  });

  it('maps the sort parameter to and from the columns', () => {
    expect(sortOrderOf('amount', 'amount')).toBe('ascend');
    expect(sortOrderOf('-amount', 'amount')).toBe('descend');
    expect(sortOrderOf('-amount', 'type')).toBeNull();
    expect(sortParam('amount', 'ascend')).toBe('amount');
    expect(sortParam('amount', 'descend')).toBe('-amount');
    expect(sortParam('amount', null)).toBeNull();
  });

  it("ignores the other columns' clearing that follows a click, but lets the sorted column be cleared", () => {
    jest.useFakeTimers();
    try {
      const sort = new ColumnSort();
      // 'amount' sorted; the user sorts 'type': type ascends, then nz-table clears amount (null).
      expect(sort.next('amount', 'type', 'ascend')).toBe('type');
      expect(sort.next('amount', 'amount', null)).toBeUndefined();
      jest.runAllTimers();
      // Later, clicking 'type' through to no order clears the sort.
      expect(sort.next('type', 'type', null)).toBeNull();
      jest.runAllTimers();
      // A clearing of a column that is not sorted: nothing.
      expect(sort.next(undefined, 'amount', null)).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('converts picked days without a time-zone shift', () => {
    expect(dayOf(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(dateOf('2026-01-05')!.getDate()).toBe(5);
    expect(dateOf('nope')).toBeNull();
  });
});
