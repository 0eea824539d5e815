// Keycloak in dev mode, one extracted distribution per profile under
// <dataDir>/keycloak/dist: start-dev re-augments into the distribution's own
// lib/ and keeps H2 in its data/, so a shared copy could not serve two
// profiles at once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST, KC_ADMIN_PASSWORD, KC_ADMIN_USER } from '../config.ts';
import type { StackConfig } from '../config.ts';
import { realmForImport } from '../../keycloak/generate-realm.ts';
import { StackError } from '../errors.ts';
import {
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
import { KEYCLOAK_VERSION, ensureKeycloakTarball, findJava, requireTar } from '../tools.ts';
import type { JavaInstall } from '../tools.ts';
import type { ServiceStatus } from './types.ts';

// The first start of a fresh distribution includes Quarkus augmentation
// (~30 s on an idle 2-core machine) plus schema creation and realm import.
const START_TIMEOUT_MS = 5 * 60_000;
const REALM_NAME = 'fundsup';

const pidFile = (cfg: StackConfig) => join(cfg.runDir, 'keycloak.pid');
const logFile = (cfg: StackConfig) => join(cfg.logDir, 'keycloak.log');
const distDir = (cfg: StackConfig) => join(cfg.keycloak.dir, 'dist');
const distMarker = (cfg: StackConfig) => join(distDir(cfg), '.fundsup-dist-version');
/** Hash of the realm file the H2 database was populated from. */
const importedHashFile = (cfg: StackConfig) => join(cfg.keycloak.dir, 'realm.sha256');
/** Hash of the realm file the running process was launched with. */
const launchHashFile = (cfg: StackConfig) => join(cfg.runDir, 'keycloak.realm.sha256');

export function issuerUrl(cfg: StackConfig): string {
  return (cfg.keycloak.external ?? `http://${HOST}:${cfg.keycloak.port}/realms/${REALM_NAME}`).replace(/\/+$/, '');
}

export function adminUrl(cfg: StackConfig): string | undefined {
  return cfg.keycloak.external ? undefined : `http://${HOST}:${cfg.keycloak.port}/admin/`;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The realm as this stack imports it: the file with the deployment's public URL filled in. */
function realmText(cfg: StackConfig): string {
  let text: string;
  try {
    text = readFileSync(cfg.keycloak.realmFile, 'utf8');
  } catch {
    throw new StackError(`realm file ${cfg.keycloak.realmFile} is missing`);
  }
  try {
    return realmForImport(text, cfg.keycloak.publicUrl);
  } catch (err) {
    throw new StackError(`realm file ${cfg.keycloak.realmFile}: ${(err as Error).message}`);
  }
}

/** Of the imported realm: a new public URL re-imports it like a changed file. */
function realmHash(cfg: StackConfig): string {
  return createHash('sha256').update(realmText(cfg)).digest('hex');
}

/** kc.sh resolves its own path with readlink -f, so the JVM command line shows the real path. */
function marker(cfg: StackConfig): string {
  try {
    return realpathSync(distDir(cfg));
  } catch {
    return distDir(cfg);
  }
}

function runningKeycloak(cfg: StackConfig): number | undefined {
  return runningPid(pidFile(cfg), marker(cfg));
}

async function healthy(cfg: StackConfig): Promise<{ ok: boolean; detail?: string }> {
  const issuer = issuerUrl(cfg);
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3_000) });
    if (res.status !== 200) return { ok: false, detail: `discovery returned HTTP ${res.status}` };
    const doc = (await res.json()) as { issuer?: string };
    if (doc.issuer !== issuer) return { ok: false, detail: `discovery issuer is ${doc.issuer}, expected ${issuer}` };
    return { ok: true };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, detail: cause ?? (err as Error).message };
  }
}

async function prepareDist(cfg: StackConfig, java: JavaInstall): Promise<void> {
  if (readText(distMarker(cfg)) === KEYCLOAK_VERSION) return;
  const tarball = await ensureKeycloakTarball(cfg.root, java, cfg.log, cfg.env);
  const tar = requireTar();
  cfg.log(`keycloak: extracting ${KEYCLOAK_VERSION} into ${distDir(cfg)}`);
  const tmp = `${distDir(cfg)}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const res = await run(tar, ['-xzf', tarball, '-C', tmp, '--strip-components=1']);
  if (res.code !== 0) throw new StackError(`extracting ${tarball} failed: ${res.stderr.trim()}`);
  writeFileAtomic(join(tmp, '.fundsup-dist-version'), `${KEYCLOAK_VERSION}\n`);
  // A new distribution means a new H2 database, hence a fresh realm import.
  rmSync(distDir(cfg), { recursive: true, force: true });
  removeFile(importedHashFile(cfg));
  renameSync(tmp, distDir(cfg));
}

/** Keeps the user's shell from reconfiguring the server behind our back. */
function serverEnv(cfg: StackConfig, java: JavaInstall): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(cfg.env)) {
    if (key.startsWith('KC_') || key.startsWith('JAVA_OPTS') || key.startsWith('QUARKUS_')) continue;
    // kc.sh turns DEBUG=true into a JDWP listener on a fixed port; JAVA overrides JAVA_HOME.
    if (['DEBUG', 'DEBUG_PORT', 'DEBUG_SUSPEND', 'JAVA'].includes(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    JAVA_HOME: java.home,
    KC_BOOTSTRAP_ADMIN_USERNAME: KC_ADMIN_USER,
    KC_BOOTSTRAP_ADMIN_PASSWORD: KC_ADMIN_PASSWORD,
    JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m',
  };
}

async function start(cfg: StackConfig, hash: string): Promise<void> {
  const java = findJava(cfg.env);
  await prepareDist(cfg, java);
  const dist = distDir(cfg);
  const firstBuild = !existsSync(join(cfg.keycloak.dir, 'built'));
  if (readText(importedHashFile(cfg)) !== hash) {
    if (existsSync(join(dist, 'data', 'h2'))) cfg.log('keycloak: realm file changed, wiping the H2 database to re-import it');
    rmSync(join(dist, 'data', 'h2'), { recursive: true, force: true });
    removeFile(importedHashFile(cfg));
  }
  if (await tcpOpen(HOST, cfg.keycloak.port)) {
    throw new StackError(
      `port ${cfg.keycloak.port} is taken by a process this launcher did not start: stop it, or set KEYCLOAK_PORT or OIDC_ISSUER_URL`,
    );
  }
  mkdirSync(join(dist, 'data', 'import'), { recursive: true });
  writeFileSync(join(dist, 'data', 'import', `${REALM_NAME}-realm.json`), realmText(cfg));

  cfg.log(
    `keycloak: starting on port ${cfg.keycloak.port} with Java ${java.major}` +
      (firstBuild ? ' (first start builds the server image: expect about a minute)' : ''),
  );
  const started = Date.now();
  writeFileAtomic(launchHashFile(cfg), `${hash}\n`);
  const proc = await spawnDetached({
    command: join(realpathSync(dist), 'bin', 'kc.sh'),
    args: [
      'start-dev',
      `--http-port=${cfg.keycloak.port}`,
      `--http-host=${HOST}`,
      // Fixes `iss` no matter which host name a browser or the backend uses.
      `--hostname=http://${HOST}:${cfg.keycloak.port}`,
      '--import-realm',
    ],
    logFile: logFile(cfg),
    pidFile: pidFile(cfg),
    cwd: dist,
    env: serverEnv(cfg, java),
  });
  const ready = await waitUntil(async () => proc.exited() || (await healthy(cfg)).ok, START_TIMEOUT_MS, 500);
  if (!ready || proc.exited()) {
    if (!proc.exited()) await stop(proc.pid);
    removeFile(pidFile(cfg));
    throw new StackError(
      `keycloak did not become healthy at ${issuerUrl(cfg)}; last log lines of ${logFile(cfg)}:\n${tailFile(logFile(cfg))}`,
    );
  }
  writeFileAtomic(importedHashFile(cfg), `${hash}\n`);
  writeFileAtomic(join(cfg.keycloak.dir, 'built'), `${new Date().toISOString()}\n`);
  cfg.log(`keycloak: started (pid ${proc.pid}) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

export async function up(cfg: StackConfig): Promise<void> {
  if (cfg.keycloak.external) {
    const result = await healthy(cfg);
    if (!result.ok) throw new StackError(`OIDC_ISSUER_URL is set but ${issuerUrl(cfg)} is not healthy: ${result.detail}`);
    cfg.log('keycloak: using OIDC_ISSUER_URL');
    return;
  }
  const hash = realmHash(cfg);
  const existing = runningKeycloak(cfg);
  if (existing !== undefined) {
    if (readText(launchHashFile(cfg)) === hash) {
      // May still be booting if an earlier `up` was interrupted.
      await waitUntil(async () => (await healthy(cfg)).ok || !runningKeycloak(cfg), START_TIMEOUT_MS, 500);
      if (runningKeycloak(cfg) !== undefined) {
        const check = await healthy(cfg);
        if (!check.ok) {
          throw new StackError(`keycloak (pid ${existing}) is running but unhealthy (${check.detail}): run \`down\` and retry; see ${logFile(cfg)}`);
        }
        writeFileAtomic(importedHashFile(cfg), `${hash}\n`);
        cfg.log(`keycloak: running (pid ${existing})`);
        return;
      }
    } else {
      cfg.log('keycloak: realm file changed since launch, restarting');
      await stop(existing);
      removeFile(pidFile(cfg));
    }
  }
  await start(cfg, hash);
}

function stop(pid: number): Promise<boolean> {
  // kc.sh forwards SIGTERM to the JVM and waits for it.
  return stopProcess({ pid, steps: [['SIGTERM', 30_000]] });
}

export async function down(cfg: StackConfig): Promise<string> {
  if (cfg.keycloak.external) return 'external, left alone';
  const pid = runningKeycloak(cfg);
  removeFile(pidFile(cfg));
  removeFile(launchHashFile(cfg));
  if (pid === undefined) return 'not running';
  const killed = await stop(pid);
  return killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`;
}

export async function status(cfg: StackConfig): Promise<ServiceStatus> {
  const pid = cfg.keycloak.external ? undefined : runningKeycloak(cfg);
  const result = await healthy(cfg);
  let detail = result.detail;
  if (result.ok && pid !== undefined && readText(launchHashFile(cfg)) !== realmHash(cfg)) {
    detail = 'realm file changed since launch; the next `up` re-imports it';
  }
  return {
    name: 'keycloak',
    mode: cfg.keycloak.external ? 'external' : 'managed',
    running: cfg.keycloak.external ? result.ok : pid !== undefined,
    healthy: result.ok,
    pid,
    endpoint: issuerUrl(cfg),
    logFile: cfg.keycloak.external ? undefined : logFile(cfg),
    detail,
  };
}
