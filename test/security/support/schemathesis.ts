import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL } from '../../support/stack.ts';

// One bounded schemathesis run against the started API's OpenAPI document (issue 15), read back
// from its ndjson report: used by fuzz.spec.ts (as a signed-in official, every operation) and
// public-routes.spec.ts (no token, the public operations).

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = process.env.SCHEMATHESIS_PATH ?? join(ROOT, '.cache', 'venv-security', 'bin', 'schemathesis');

interface Interaction { request: { method: string; uri: string }; response?: { status_code: number } | null }
interface Check { name: string; status: string }
export interface OpenApiDoc { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> }

export interface FuzzResult {
  requests: number;
  /** "METHOD /uri → status" of every 5xx answer. */
  serverErrors: string[];
  /** Operations (schemathesis' labels, "POST /api/public/tips") with a response that broke its documented schema. */
  schemaFailures: string[];
  /** Operations that were sent at least one request. */
  operations: Set<string>;
  seed: string;
  output: string;
}

function spawnBin(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(BIN, args, { cwd, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

/** The running API's document (not the working tree's). */
export async function runningDocument(): Promise<OpenApiDoc> {
  return (await (await fetch(`${BASE_URL()}/api/docs/json`)).json()) as OpenApiDoc;
}

/** How many of the operations declare a JSON schema for a success response. */
export function withResponseSchemas(ops: OpenApiDoc['paths'][string][string][]): number {
  return ops.filter((op) => Object.entries(op.responses ?? {}).some(([code, r]) => code.startsWith('2') && r.content?.['application/json']?.schema)).length;
}

/**
 * Fuzzes for `seconds`: no 5xx is always checked, the response schemas when `schemas`. `extra` are
 * further schemathesis options (a bearer header, an operation filter). The seed is random unless
 * SCHEMATHESIS_SEED replays a run.
 */
export async function fuzz(opts: { seconds: number; schemas: boolean; extra: string[] }): Promise<FuzzResult> {
  if (!existsSync(BIN)) throw new Error(`schemathesis is not installed at ${BIN}: ./suite test installs it (deploy/stack/tools.ts ensureSchemathesis)`);
  const checks = ['not_a_server_error', ...(opts.schemas ? ['response_schema_conformance'] : [])];
  const seed = process.env.SCHEMATHESIS_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
  const dir = mkdtempSync(join(tmpdir(), 'fundsup-fuzz-'));
  try {
    const { code, output } = await spawnBin([
      'run', `${BASE_URL()}/api/docs/json`, '--url', BASE_URL(), ...opts.extra,
      '--checks', checks.join(','),
      '--max-time', String(opts.seconds), '--workers', '2', '--no-shrink', '--seed', seed,
      '--request-timeout', '10', '--report', 'ndjson', '--report-dir', dir,
    ], dir);
    const file = readdirSync(dir).find((f) => f.endsWith('.ndjson'));
    if (!file) throw new Error(`schemathesis wrote no report (exit ${code}):\n${output.slice(-3000)}`);
    const result: FuzzResult = { requests: 0, serverErrors: [], schemaFailures: [], operations: new Set(), seed, output };
    const schemaFailures = new Set<string>();
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.includes('"ScenarioFinished"')) continue;
      const recorder = JSON.parse(line).ScenarioFinished.recorder as { label: string; interactions?: Record<string, Interaction>; checks?: Record<string, Check[]> };
      for (const i of Object.values(recorder.interactions ?? {})) {
        result.requests++;
        result.operations.add(recorder.label);
        const status = i.response?.status_code ?? 0;
        if (status >= 500) result.serverErrors.push(`${i.request.method} ${i.request.uri} → ${status}`);
      }
      for (const list of Object.values(recorder.checks ?? {})) {
        if (list.some((c) => c.name === 'response_schema_conformance' && c.status === 'failure')) schemaFailures.add(recorder.label);
      }
    }
    result.schemaFailures = [...schemaFailures];
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
