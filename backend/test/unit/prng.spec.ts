import { Prng } from '../../src/seed/prng.js';

it('is deterministic per seed and differs between seeds', () => {
  const draw = (seed: number) => Array.from({ length: 5 }, (() => { const p = new Prng(seed); return () => p.next(); })());
  expect(draw(42)).toEqual(draw(42));
  expect(draw(42)).not.toEqual(draw(43));
});

it('stays within bounds and respects weights roughly', () => {
  const p = new Prng(7);
  const counts = { a: 0, b: 0 };
  for (let i = 0; i < 10_000; i++) {
    const v = p.next();
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThan(1);
    counts[p.weighted([['a', 9], ['b', 1]] as const)] += 1;
  }
  expect(counts.a / 10_000).toBeGreaterThan(0.85);
  expect(counts.a / 10_000).toBeLessThan(0.95);
});
