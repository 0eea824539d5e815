import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoadResult {
  requests: number;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs `total` calls of `fn` with `concurrency` in flight; latencies in milliseconds. Bounded in
 * count (and therefore in time): it stops by itself.
 */
export async function load(concurrency: number, total: number, fn: () => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length,
    concurrency,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    mean: round(latencies.reduce((s, x) => s + x, 0) / latencies.length),
    seconds: round(seconds),
  };
}

/** Prints a result table and keeps it as JSON under .data/bench for comparison between runs. */
export function report(name: string, rows: Record<string, LoadResult | number | string>): void {
  const dir = join(process.env.BENCH_RESULTS_DIR ?? '../.data/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), ...rows }, null, 2));
  console.log(`benchmark ${name}\n${JSON.stringify(rows, null, 2)}`);
}
