// Local stack for development and tests: PostgreSQL, Temporal and Keycloak
// as detached processes whose state lives under <root>/.data/<profile>.
// Any service given by DATABASE_URL / TEMPORAL_ADDRESS / OIDC_ISSUER_URL is
// used as is (only health-checked).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from './config.ts';
import type { Profile, StackConfig, StackInfo, StackOptions } from './config.ts';
import { StackError } from './errors.ts';
import { withLock } from './proc.ts';
import * as keycloak from './services/keycloak.ts';
import * as postgres from './services/postgres.ts';
import * as temporal from './services/temporal.ts';
import type { ServiceName, ServiceStatus } from './services/types.ts';

export { PrereqError, StackError } from './errors.ts';
export { ensureSchemathesis, ensureTemporalBinaries, ensureTestServers } from './tools.ts';
export type { TemporalBinaries } from './tools.ts';
export { resolveConfig } from './config.ts';
export type { Profile, StackInfo, StackOptions } from './config.ts';
export type { ServiceName, ServiceStatus } from './services/types.ts';

export interface StackStatus {
  profile: Profile;
  dataDir: string;
  /** True when every service answers its health check. */
  healthy: boolean;
  services: ServiceStatus[];
  info: StackInfo;
}

export interface DownResult {
  profile: Profile;
  services: Record<ServiceName, string>;
}

const SERVICES = { postgres, temporal, keycloak } as const;
const NAMES = Object.keys(SERVICES) as ServiceName[];
// Long enough to sit out another launcher's cold Keycloak start.
const LOCK_TIMEOUT_MS = 10 * 60_000;

function info(cfg: StackConfig): StackInfo {
  const result: StackInfo = {
    profile: cfg.profile,
    databaseUrl: postgres.databaseUrl(cfg),
    temporalAddress: temporal.address(cfg),
    temporalNamespace: 'default',
    oidcIssuerUrl: keycloak.issuerUrl(cfg),
    dataDir: cfg.dataDir,
  };
  const ui = temporal.uiUrl(cfg);
  if (ui) result.temporalUiUrl = ui;
  const admin = keycloak.adminUrl(cfg);
  if (admin) result.keycloakAdminUrl = admin;
  return result;
}

function profileLock(cfg: StackConfig, fn: () => Promise<void>): Promise<void> {
  mkdirSync(cfg.runDir, { recursive: true });
  mkdirSync(cfg.logDir, { recursive: true });
  return withLock(join(cfg.runDir, 'stack.lock'), `the ${cfg.profile} stack lock`, LOCK_TIMEOUT_MS, cfg.log, fn);
}

/** What startAll needs of a service. */
export interface StartableService {
  up(cfg: StackConfig): Promise<void>;
  down(cfg: StackConfig): Promise<string>;
  status(cfg: StackConfig): Promise<Pick<ServiceStatus, 'running' | 'mode'>>;
}

/**
 * Starts the services together. When any fails, the ones this call started are stopped again (those
 * running before, and external ones, are left alone), so that a failed start holds no ports, and the
 * error says what failed and what was stopped.
 */
export async function startAll(cfg: StackConfig, services: Record<string, StartableService>): Promise<void> {
  const names = Object.keys(services);
  const before = await Promise.all(names.map((name) => services[name].status(cfg).then((s) => s.running || s.mode === 'external', () => false)));
  const results = await Promise.allSettled(names.map((name) => services[name].up(cfg)));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ name: names[i], error: r.reason as Error }] : []));
  if (!failures.length) return;
  const stopped: string[] = [];
  for (const [i, name] of names.entries()) {
    if (before[i]) continue;
    const outcome = await services[name].down(cfg).catch((err: Error) => `could not be stopped: ${err.message}`);
    if (outcome !== 'not running') stopped.push(`${name} (${outcome})`);
  }
  const what = failures.map((f) => (failures.length === 1 ? f.error.message : `${f.name}: ${f.error.message}`)).join('; ');
  const cleanup = stopped.length ? ` [stopped what this start had started: ${stopped.join(', ')}]` : '';
  if (failures.length === 1 && !(failures[0].error instanceof StackError)) {
    // an unexpected error keeps its type (and stack) for the caller's report, with the cleanup noted
    failures[0].error.message += cleanup;
    throw failures[0].error;
  }
  const error = failures.length === 1 && failures[0].error instanceof StackError ? failures[0].error : new StackError(what);
  error.message = `${what}${cleanup}`;
  throw error;
}

/** Starts whatever is not already running and healthy; idempotent and safe to call concurrently. */
export async function up(opts: StackOptions): Promise<StackInfo> {
  const cfg = resolveConfig(opts);
  await profileLock(cfg, () => startAll(cfg, SERVICES));
  return info(cfg);
}

/** Stops the services this launcher started; external ones are left alone. State is kept. */
export async function down(opts: StackOptions): Promise<DownResult> {
  const cfg = resolveConfig(opts);
  const services = {} as Record<ServiceName, string>;
  await profileLock(cfg, async () => {
    const outcomes = await Promise.all(NAMES.map((name) => SERVICES[name].down(cfg)));
    NAMES.forEach((name, i) => {
      services[name] = outcomes[i];
      cfg.log(`${name}: ${outcomes[i]}`);
    });
  });
  return { profile: cfg.profile, services };
}

/** Read-only snapshot; takes no lock and starts nothing. */
export async function status(opts: StackOptions): Promise<StackStatus> {
  const cfg = resolveConfig(opts);
  const services = await Promise.all(NAMES.map((name) => SERVICES[name].status(cfg)));
  return {
    profile: cfg.profile,
    dataDir: cfg.dataDir,
    healthy: services.every((s) => s.healthy),
    services,
    info: info(cfg),
  };
}
