// Temporal dev server (`temporal server start-dev`) with a SQLite file under
// the data dir so workflow history survives restarts.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HOST } from '../config.ts';
import type { StackConfig } from '../config.ts';
import { StackError } from '../errors.ts';
import { removeFile, run, runningPid, spawnDetached, stopProcess, tailFile, tcpOpen, waitUntil } from '../proc.ts';
import { cacheDirFor, ensureTemporalBinaries } from '../tools.ts';
import type { ServiceStatus } from './types.ts';

const START_TIMEOUT_MS = 60_000;

const pidFile = (cfg: StackConfig) => join(cfg.runDir, 'temporal.pid');
const logFile = (cfg: StackConfig) => join(cfg.logDir, 'temporal.log');
const dbFile = (cfg: StackConfig) => join(cfg.temporal.dir, 'temporal.db');

export function address(cfg: StackConfig): string {
  return cfg.temporal.external ?? `${HOST}:${cfg.temporal.port}`;
}

export function uiUrl(cfg: StackConfig): string | undefined {
  if (cfg.temporal.external || cfg.temporal.uiPort === undefined) return undefined;
  return `http://${HOST}:${cfg.temporal.uiPort}`;
}

function splitAddress(addr: string): { host: string; port: number } {
  const idx = addr.lastIndexOf(':');
  return { host: addr.slice(0, idx).replace(/^\[|\]$/g, ''), port: Number(addr.slice(idx + 1)) };
}

/** The CLI may not be installed when pointing at an external server; then TCP only. */
function cliIfCached(cfg: StackConfig): string | undefined {
  const cli = join(cacheDirFor(cfg.root, cfg.env), 'venv', 'bin', 'temporal');
  return existsSync(cli) ? cli : undefined;
}

async function healthy(cfg: StackConfig, cli: string | undefined, namespace = false): Promise<{ ok: boolean; detail?: string }> {
  const addr = address(cfg);
  const { host, port } = splitAddress(addr);
  if (!(await tcpOpen(host, port))) return { ok: false, detail: `nothing listening on ${addr}` };
  if (!cli) return { ok: true };
  const env = { ...cfg.env, TEMPORAL_ADDRESS: addr };
  const args = namespace
    ? ['operator', 'namespace', 'describe', '--namespace', 'default', '--address', addr, '-o', 'json']
    : ['operator', 'cluster', 'health', '--address', addr];
  const res = await run(cli, args, { env, timeoutMs: 5_000 });
  if (res.code === 0 && (namespace || res.stdout.includes('SERVING'))) return { ok: true };
  return { ok: false, detail: (res.stderr || res.stdout).trim().split('\n')[0] };
}

export async function up(cfg: StackConfig): Promise<void> {
  if (cfg.temporal.external) {
    const result = await healthy(cfg, cliIfCached(cfg));
    if (!result.ok) throw new StackError(`TEMPORAL_ADDRESS is set but ${cfg.temporal.external} is not healthy: ${result.detail}`);
    cfg.log('temporal: using TEMPORAL_ADDRESS');
    return;
  }
  const { temporal } = await ensureTemporalBinaries(cfg.root, cfg.log, cfg.env);
  const existing = runningPid(pidFile(cfg), dbFile(cfg));
  if (existing !== undefined) {
    await waitUntil(async () => (await healthy(cfg, temporal)).ok || !runningPid(pidFile(cfg), dbFile(cfg)), START_TIMEOUT_MS);
    if (runningPid(pidFile(cfg), dbFile(cfg)) !== undefined) {
      const check = await healthy(cfg, temporal);
      if (!check.ok) {
        throw new StackError(`temporal (pid ${existing}) is running but unhealthy (${check.detail}): run \`down\` and retry; see ${logFile(cfg)}`);
      }
      cfg.log(`temporal: running (pid ${existing})`);
      return;
    }
  }

  const ports = [cfg.temporal.port, cfg.temporal.httpPort, cfg.temporal.metricsPort];
  if (cfg.temporal.uiPort !== undefined) ports.push(cfg.temporal.uiPort);
  for (const p of ports) {
    if (await tcpOpen(HOST, p)) {
      throw new StackError(`port ${p} is taken by a process this launcher did not start: stop it, or set TEMPORAL_PORT or TEMPORAL_ADDRESS`);
    }
  }
  mkdirSync(cfg.temporal.dir, { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', HOST,
    '--port', String(cfg.temporal.port),
    '--http-port', String(cfg.temporal.httpPort),
    '--metrics-port', String(cfg.temporal.metricsPort),
    '--db-filename', dbFile(cfg),
    '--log-level', 'warn',
  ];
  if (cfg.temporal.uiPort === undefined) {
    args.push('--headless');
  } else {
    // No internet here; the news feed would only fail in the browser.
    args.push('--ui-port', String(cfg.temporal.uiPort), '--ui-disable-news-fetch');
  }
  const started = Date.now();
  const proc = await spawnDetached({
    command: temporal,
    args,
    logFile: logFile(cfg),
    pidFile: pidFile(cfg),
    cwd: cfg.temporal.dir,
    env: { ...cfg.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
  });
  // The namespace check also proves `default` is registered, not just that gRPC is up.
  const ready = await waitUntil(async () => proc.exited() || (await healthy(cfg, temporal, true)).ok, START_TIMEOUT_MS);
  if (!ready || proc.exited()) {
    if (!proc.exited()) await stop(proc.pid);
    removeFile(pidFile(cfg));
    throw new StackError(
      `temporal did not become healthy on ${address(cfg)}; last log lines of ${logFile(cfg)}:\n${tailFile(logFile(cfg))}`,
    );
  }
  cfg.log(`temporal: started (pid ${proc.pid}) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

function stop(pid: number): Promise<boolean> {
  return stopProcess({ pid, steps: [['SIGTERM', 15_000]] });
}

export async function down(cfg: StackConfig): Promise<string> {
  if (cfg.temporal.external) return 'external, left alone';
  const pid = runningPid(pidFile(cfg), dbFile(cfg));
  removeFile(pidFile(cfg));
  if (pid === undefined) return 'not running';
  const killed = await stop(pid);
  return killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`;
}

export async function status(cfg: StackConfig): Promise<ServiceStatus> {
  const pid = cfg.temporal.external ? undefined : runningPid(pidFile(cfg), dbFile(cfg));
  const result = await healthy(cfg, cliIfCached(cfg));
  return {
    name: 'temporal',
    mode: cfg.temporal.external ? 'external' : 'managed',
    running: cfg.temporal.external ? result.ok : pid !== undefined,
    healthy: result.ok,
    pid,
    endpoint: address(cfg),
    logFile: cfg.temporal.external ? undefined : logFile(cfg),
    detail: result.detail,
  };
}
