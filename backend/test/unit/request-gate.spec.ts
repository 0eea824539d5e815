import { RouteTable, TokenBuckets } from '../../src/platform/http/request-gate.js';

describe('public route table', () => {
  const table = new RouteTable()
    .add('GET', '/api/health')
    .add('GET', '/api/receipts/:code')
    .add('ALL', '/api/tips/*rest')
    .add('GET', '/api/a.b');

  it('matches exact paths by method', () => {
    expect(table.has('GET', '/api/health')).toBe(true);
    expect(table.has('POST', '/api/health')).toBe(false);
    expect(table.has('GET', '/api/healthz')).toBe(false);
  });

  it('matches parameters one segment wide, wildcards to the end', () => {
    expect(table.has('GET', '/api/receipts/R-2026-0001')).toBe(true);
    expect(table.has('GET', '/api/receipts/R-1/notices')).toBe(false);
    expect(table.has('GET', '/api/receipts')).toBe(false);
    expect(table.has('POST', '/api/tips/a/b')).toBe(true);
    expect(table.has('GET', '/api/aXb')).toBe(false);
  });
});

describe('token buckets', () => {
  it('allow the burst, then one request per refill interval, and say how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets(6, 3, () => now); // one token every 10 s
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(10);
    expect(buckets.take('b')).toBe(0); // keys are independent
    now = 5_000;
    expect(buckets.take('a')).toBe(5);
    now = 10_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(10);
  });

  it('keep at most maxKeys keys, dropping the least recently used', () => {
    const buckets = new TokenBuckets(60, 1, () => 0, 2);
    buckets.take('a');
    buckets.take('b');
    buckets.take('c'); // drops a
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('c')).toBe(1);
  });
});
