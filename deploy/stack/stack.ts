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

/** Starts whatever is not already running and healthy; idempotent and safe to call concurrently. */
export async function up(opts: StackOptions): Promise<StackInfo> {
  const cfg = resolveConfig(opts);
  await profileLock(cfg, async () => {
    const results = await Promise.allSettled(NAMES.map((name) => SERVICES[name].up(cfg)));
    const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ name: NAMES[i], error: r.reason as Error }] : []));
    if (failures.length === 1) throw failures[0].error;
    if (failures.length > 1) {
      throw new StackError(failures.map((f) => `${f.name}: ${f.error.message}`).join('\n'));
    }
  });
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
