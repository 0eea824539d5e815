import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, tokenFor } from '../support/stack.ts';
import { report } from './support/report.ts';

// An OpenAPI fuzzing run bounded in time (issue 15): schemathesis (PyPI, pinned with hashes by
// deploy/stack/tools.ts, installed by ./suite test) generates requests from /api/docs/json — valid
// and invalid ones, examples, boundary values, stateful sequences following the links — for every
// operation, as a province official (the role that reaches most of the API), for FUZZ_SECONDS.
// Required: no 5xx at all; and, where the document declares a success response's schema, every
// such response conforms to it. The seed is printed so a failing run can be replayed
// (SCHEMATHESIS_SEED=<n>), and each failure comes with a curl command.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = process.env.SCHEMATHESIS_PATH ?? join(ROOT, '.cache', 'venv-security', 'bin', 'schemathesis');
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 100);
const USER = process.env.FUZZ_USER ?? 'js.official';

interface Interaction { request: { method: string; uri: string }; response?: { status_code: number } | null }
interface Check { name: string; status: string }

function run(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(BIN, args, { cwd, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

describe('OpenAPI fuzzing (schemathesis)', () => {
  it(`answers no request with a 5xx, and conforms to the documented response schemas (${SECONDS} s)`, async () => {
    if (!existsSync(BIN)) throw new Error(`schemathesis is not installed at ${BIN}: ./suite test installs it (deploy/stack/tools.ts ensureSchemathesis)`);
    const doc = (await (await fetch(`${BASE_URL()}/api/docs/json`)).json()) as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const withSchemas = operations.filter((op) => Object.entries(op.responses ?? {}).some(([code, r]) => code.startsWith('2') && r.content?.['application/json']?.schema)).length;
    const checks = ['not_a_server_error', ...(withSchemas ? ['response_schema_conformance'] : [])];
    const seed = process.env.SCHEMATHESIS_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
    const dir = mkdtempSync(join(tmpdir(), 'fundsup-fuzz-'));
    try {
      const { code, output } = await run([
        'run', `${BASE_URL()}/api/docs/json`, '--url', BASE_URL(),
        '-H', `Authorization: Bearer ${await tokenFor(USER)}`,
        '--checks', checks.join(','),
        '--max-time', String(SECONDS), '--workers', '2', '--no-shrink', '--seed', seed,
        '--request-timeout', '10', '--report', 'ndjson', '--report-dir', dir,
      ], dir);
      const file = readdirSync(dir).find((f) => f.endsWith('.ndjson'));
      if (!file) throw new Error(`schemathesis wrote no report (exit ${code}):\n${output.slice(-3000)}`);
      let requests = 0;
      const serverErrors: string[] = [];
      const schemaFailures = new Set<string>();
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (!line.includes('"ScenarioFinished"')) continue;
        const recorder = JSON.parse(line).ScenarioFinished.recorder as { label: string; interactions?: Record<string, Interaction>; checks?: Record<string, Check[]> };
        for (const i of Object.values(recorder.interactions ?? {})) {
          requests++;
          const status = i.response?.status_code ?? 0;
          if (status >= 500) serverErrors.push(`${i.request.method} ${i.request.uri} → ${status}`);
        }
        for (const list of Object.values(recorder.checks ?? {})) {
          if (list.some((c) => c.name === 'response_schema_conformance' && c.status === 'failure')) schemaFailures.add(recorder.label);
        }
      }
      const fuzzedOps = operations.length;
      report('fuzz', { requests, operations: fuzzedOps, withResponseSchemas: withSchemas, '5xx': serverErrors.length, schemaViolations: schemaFailures.size, seed: Number(seed) });
      if (serverErrors.length || schemaFailures.size) process.stdout.write(`${output.slice(-6000)}\n`);
      expect(requests).toBeGreaterThan(500);
      expect([...new Set(serverErrors)].slice(0, 20)).toEqual([]);
      expect([...schemaFailures]).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, (SECONDS + 120) * 1000);
});
