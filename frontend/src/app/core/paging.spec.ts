import { pageFromQuery } from './paging';

describe('pageFromQuery', () => {
  it('reads a whole page number ≥ 1 and falls back to the first page', () => {
    expect(pageFromQuery('3')).toBe(3);
    expect(pageFromQuery(undefined)).toBe(1);
    expect(pageFromQuery('0')).toBe(1);
    expect(pageFromQuery('2.5')).toBe(1);
    expect(pageFromQuery('abc')).toBe(1);
  });
});
