import { join, resolve } from 'node:path';
import { StackError } from './errors.ts';
import { postgresDataDir } from './shared-dir.ts';
import { cacheDirFor } from './tools.ts';
import type { Logger } from './tools.ts';

export type Profile = 'dev' | 'test';

export interface StackOptions {
  profile: Profile;
  /** Repository root; holds deploy/, and by default .data/ and .cache/. */
  root: string;
  /** Progress messages; default writes to stderr. */
  log?: Logger;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface StackInfo {
  profile: Profile;
  /** Superuser URL of the `fundsup` database. */
  databaseUrl: string;
  /** host:port of the Temporal frontend. */
  temporalAddress: string;
  temporalNamespace: 'default';
  temporalUiUrl?: string;
  oidcIssuerUrl: string;
  keycloakAdminUrl?: string;
  dataDir: string;
}

interface ProfilePorts {
  pg: number;
  temporal: number;
  keycloak: number;
  /** The app (API + web) that ./suite starts on the stack. */
  app: number;
}

const PORTS: Record<Profile, ProfilePorts> = {
  dev: { pg: 54320, temporal: 7233, keycloak: 8180, app: 3000 },
  test: { pg: 54330, temporal: 7243, keycloak: 8190, app: 3010 },
};

export const HOST = '127.0.0.1';
export const PG_USER = 'postgres';
export const PG_PASSWORD = 'postgres';
export const PG_DATABASE = 'fundsup';
export const KC_ADMIN_USER = 'admin';
export const KC_ADMIN_PASSWORD = 'admin';

export interface StackConfig {
  profile: Profile;
  root: string;
  dataDir: string;
  cacheDir: string;
  logDir: string;
  runDir: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  postgres: { external?: string; port: number; dir: string };
  temporal: {
    external?: string;
    port: number;
    /** Undefined when the Web UI is off. */
    uiPort?: number;
    httpPort: number;
    metricsPort: number;
    dir: string;
  };
  /** publicUrl: the app's URL as users reach it (the login page links the public tip page there). */
  keycloak: { external?: string; port: number; dir: string; realmFile: string; publicUrl: string };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new StackError(`${name}=${raw} is not a valid port`);
  }
  return value;
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function isProfile(value: unknown): value is Profile {
  return value === 'dev' || value === 'test';
}

export function resolveConfig(opts: StackOptions): StackConfig {
  if (!isProfile(opts.profile)) throw new StackError(`unknown profile ${String(opts.profile)} (dev|test)`);
  const env = opts.env ?? process.env;
  const root = resolve(opts.root);
  const dataDir = resolve(env.FUNDSUP_DATA_DIR || join(root, '.data', opts.profile));
  const defaults = PORTS[opts.profile];
  const temporalPort = port(env, 'TEMPORAL_PORT', defaults.temporal);
  // The UI helps when poking at workflows by hand; test runs don't need it.
  const ui = flag(env.TEMPORAL_UI) ?? opts.profile === 'dev';
  return {
    profile: opts.profile,
    root,
    dataDir,
    cacheDir: resolve(cacheDirFor(root, env)),
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
    env,
    log: opts.log ?? ((msg) => process.stderr.write(`[stack:${opts.profile}] ${msg}\n`)),
    postgres: {
      external: env.DATABASE_URL || undefined,
      port: port(env, 'PG_PORT', defaults.pg),
      // <dataDir>/pg, or a shared folder when running as root in a checkout the postgres user cannot enter
      dir: postgresDataDir(dataDir, opts.profile, env),
    },
    temporal: {
      external: env.TEMPORAL_ADDRESS || undefined,
      port: temporalPort,
      uiPort: ui ? port(env, 'TEMPORAL_UI_PORT', temporalPort + 1000) : undefined,
      // Pinned because start-dev otherwise picks random ports, which can land
      // on another profile's fixed port.
      httpPort: temporalPort + 1,
      metricsPort: temporalPort + 2,
      dir: join(dataDir, 'temporal'),
    },
    keycloak: {
      external: env.OIDC_ISSUER_URL || undefined,
      port: port(env, 'KEYCLOAK_PORT', defaults.keycloak),
      dir: join(dataDir, 'keycloak'),
      realmFile: join(root, 'deploy', 'keycloak', 'fundsup-realm.json'),
      publicUrl: env.FUNDSUP_PUBLIC_URL || `http://localhost:${defaults.app}`,
    },
  };
}
