import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a security spec measured (requests sent, paths and roles covered, 5xx answers, records of
 * another tenant seen…), printed in the test output and, when ./suite test runs the layer, written
 * to SECURITY_RESULTS_DIR/<name>.json so that the run's summary can quote it.
 */
export type Counts = Record<string, number>;

export function report(name: string, counts: Counts): void {
  const line = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
  process.stdout.write(`security ${name}: ${line}\n`);
  const dir = process.env.SECURITY_RESULTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(counts)}\n`);
}
