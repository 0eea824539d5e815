// All configuration comes from the environment, read once. Defaults suit the local stack that
// deploy/stack starts; production sets every URL explicitly.

import { readFileSync } from 'node:fs';
import type { S3Config } from '../attachments/s3-client.js';

/**
 * Request rates per key: a sustained rate and a burst (token bucket; platform/http/request-gate.ts).
 * RATE_LIMIT_* variables (README "Configuration"); absent means no limit (tests of the app).
 */
export interface RateLimits {
  /** Requests per minute per client address, for public routes and requests without a valid token. */
  anonymousPerMinute: number;
  anonymousBurst: number;
  /** Requests per minute per signed-in user (token subject), whatever address they come from. */
  userPerMinute: number;
  userBurst: number;
}

export interface AppConfig {
  port: number;
  /** Owner connection: migrations and seeding (never used to serve requests). */
  databaseUrl: string;
  /** The application's connection: a role that does not own the tables, so RLS applies. */
  appDatabaseUrl: string;
  appDatabasePassword: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalTaskQueue: string;
  oidcIssuerUrl: string;
  /** The issuer as the browser sees it, when it differs from the one the server reaches. */
  oidcPublicIssuerUrl: string;
  oidcAudience: string;
  oidcWebClientId: string;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  /** An S3-compatible store for attachments instead of the local folder, when configured. */
  s3: S3Config | null;
  smtpUrl: string | null;
  smtpFrom: string;
  frontendDir: string | null;
  /** A CJK font for PDF exports (TrueType/OpenType, or a .ttc collection with pdfFontName inside it). */
  pdfFontPath: string;
  /** The PostScript name of the font to use when pdfFontPath is a collection. */
  pdfFontName: string;
  outboxPollMs: number;
  /** Off only where no Temporal is reachable on purpose (tests of the write side alone). */
  outboxRelayEnabled: boolean;
  /** The dashboards' projector in the API process (DASHBOARD_PROJECTOR=off: another instance projects, or tests drain it). */
  projectorEnabled: boolean;
  /**
   * Start the monthly-report cycle workflow at boot (MONTHLY_REPORT_CYCLE=off: not from this
   * instance). Needs the relay's Temporal; absent (tests) means off.
   */
  monthlyReportCycleEnabled?: boolean;
  /** Start the monthly coverage digest cycle at boot (COVERAGE_DIGEST_CYCLE=off: not from this instance); absent (tests) means off. */
  coverageDigestCycleEnabled?: boolean;
  logLevel: string;
  /**
   * The most rows one list export (GET <list>/export.xlsx) may hold (LIST_EXPORT_MAX_ROWS; absent:
   * platform/http/xlsx-export.ts DEFAULT_LIST_EXPORT_MAX_ROWS, 200,000 — twice the largest list
   * issue 16 plans for; a larger export holds a read transaction open for minutes).
   */
  listExportMaxRows?: number;
  /**
   * Leads' time limits per source in working days (LEAD_TIME_LIMITS, e.g. `tip=30,media=15`); absent:
   * the defaults of contexts/leads/domain/time-limits.ts, each with its stated source.
   */
  leadTimeLimits?: string;
  /**
   * Enforcement cases (issue 18): the closure limit in calendar days from 立案 (ENFORCEMENT_CLOSURE_DAYS;
   * absent: contexts/enforcement/domain/limits.ts, 90 days, with its stated source) and the amount
   * in yuan from which a case is major and needs collective deliberation (ENFORCEMENT_MAJOR_THRESHOLD).
   */
  enforcement?: { closureDays?: number; majorThreshold?: string };
  /**
   * Outward transfers (issue 18): calendar days from the notice to the follow-up of the recipient's result
   * (OUTWARD_FOLLOW_UP_DAYS; absent: contexts/transfers/domain/outward.ts, 30 days, with its stated source).
   */
  outwardFollowUpDays?: number;
  /**
   * Special-campaign calendars: 'statutory' lets officials only tighten the policy's dates (seed
   * 003 一(二)); 'flexible' (training and demo deployments) keeps the phases and their order only.
   */
  campaignCalendar: 'statutory' | 'flexible';
  /**
   * Asks Keycloak whether a token's session is still alive (token introspection as the API's
   * confidential client, OIDC_API_CLIENT_ID / OIDC_API_CLIENT_SECRET), the answer cached per session
   * for TOKEN_SESSION_CACHE_SECONDS; TOKEN_SESSION_CHECK=off, or absent (tests): tokens are accepted
   * until they expire. The API refuses to start with the check on and no secret.
   */
  sessionCheck?: { clientId: string; clientSecret: string | null; cacheSeconds: number } | null;
  /**
   * Strict-Transport-Security max-age (HSTS_MAX_AGE, seconds; default 180 days, 0: never), sent only
   * on requests that came over TLS — behind a TLS-terminating proxy, set TRUST_PROXY so that its
   * X-Forwarded-Proto counts. Absent (tests) means the default.
   */
  hstsMaxAge?: number;
  /**
   * The window of dates a request may carry (INPUT_DATE_MIN, default 1900-01-01; INPUT_DATE_MAX_YEARS_AHEAD,
   * default 10 years after the current year's end): see platform/http/input-check.ts. Absent: the defaults.
   */
  inputDateMin?: string;
  inputDateYearsAhead?: number;
  /** Request rate limits (RATE_LIMIT_*; RATE_LIMIT=off: none, e.g. behind a gateway that limits); absent (tests) means none. */
  rateLimits?: RateLimits | null;
  /** Express's `trust proxy` (TRUST_PROXY, e.g. `loopback` or `1`): which proxies' X-Forwarded-For gives the client address that anonymous limits key on. */
  trustProxy?: string | null;
  /**
   * The audit trail's signed checkpoints (issue 15 §7): Ed25519 keys as PEM files
   * (AUDIT_CHECKPOINT_PRIVATE_KEY_FILE signs, in the worker; AUDIT_CHECKPOINT_PUBLIC_KEY_FILE verifies,
   * for audit-verify — derived from the private key when only that is set). Absent: no checkpoints.
   */
  auditCheckpoint?: { privateKeyFile: string | null; publicKeyFile: string | null } | null;
  /** Tips from the public (issue 17; README "Tips"): absent (tests of other contexts) means tips cannot be filed. */
  tips?: TipsConfig | null;
}

/**
 * Tips from the public (举报, issue 17): the key-encryption key of the reporter's envelope, the public
 * routes' proof of work and per-address limits, and the province's overrides of the tips context's
 * defaults (whose sources contexts/tips/README.md states).
 */
export interface TipsConfig {
  /** 32 bytes: TIPS_KEK (base64) or TIPS_KEK_FILE (a file holding it in base64). null: tips cannot be filed or read. */
  kek: Buffer | null;
  /**
   * Earlier keys, still accepted for opening (never for sealing), newest first: TIPS_KEK_PREVIOUS (base64 keys,
   * comma-separated) or TIPS_KEK_PREVIOUS_FILE. Kept until `cli.js tips-rotate-kek` has re-wrapped everything.
   */
  previousKeks?: Buffer[];
  /** Leading zero bits of the proof of work's SHA-256 (TIPS_POW_BITS, default 18: about a second in a browser). */
  powBits: number;
  /** Receipt-code lookups per address per minute (TIPS_RECEIPT_PER_MINUTE, default 6; burst the same). */
  receiptPerMinute: number;
  /** Tip submissions and evidence uploads per address per hour (TIPS_SUBMISSIONS_PER_HOUR, default 20). */
  submissionsPerHour: number;
  /** Working days the intake bureau has to accept or reject (TIPS_ACCEPT_WORKING_DAYS); null: the context's default. */
  acceptWorkingDays: number | null;
  /** The reward rules as JSON (TIPS_REWARD_RULES: {"bands":[{"upTo":n|null,"rate":r}],"minimum":m,"maximum":M}); null: the default. */
  rewardRulesJson: string | null;
}

function tipsKek(): Buffer | null {
  const file = process.env.TIPS_KEK_FILE;
  const raw = process.env.TIPS_KEK || (file ? readFileSync(file, 'utf8') : '');
  if (!raw.trim()) return null;
  const key = Buffer.from(raw.trim(), 'base64');
  if (key.length !== 32) throw new ConfigError(`TIPS_KEK${file && !process.env.TIPS_KEK ? '_FILE' : ''} must hold 32 bytes in base64, got ${key.length}`);
  return key;
}

function tipsPreviousKeks(): Buffer[] {
  const file = process.env.TIPS_KEK_PREVIOUS_FILE;
  const raw = process.env.TIPS_KEK_PREVIOUS || (file ? readFileSync(file, 'utf8') : '');
  return raw.split(/[\s,]+/).filter(Boolean).map((text, i) => {
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new ConfigError(`TIPS_KEK_PREVIOUS${file && !process.env.TIPS_KEK_PREVIOUS ? '_FILE' : ''}: key ${i + 1} must hold 32 bytes in base64, got ${key.length}`);
    return key;
  });
}

/** TIPS_KEK then TIPS_KEK_PREVIOUS, for the operator's key rotation (cli.js tips-rotate-kek); empty without TIPS_KEK. */
export function tipsKeyringFromEnv(): Buffer[] {
  const kek = tipsKek();
  return kek ? [kek, ...tipsPreviousKeks()] : [];
}

function tipsFromEnv(): TipsConfig {
  return {
    kek: tipsKek(),
    previousKeks: tipsPreviousKeks(),
    powBits: Math.min(int('TIPS_POW_BITS', 18), 32),
    receiptPerMinute: int('TIPS_RECEIPT_PER_MINUTE', 6),
    submissionsPerHour: int('TIPS_SUBMISSIONS_PER_HOUR', 20),
    acceptWorkingDays: process.env.TIPS_ACCEPT_WORKING_DAYS ? int('TIPS_ACCEPT_WORKING_DAYS', 15) || null : null,
    rewardRulesJson: process.env.TIPS_REWARD_RULES || null,
  };
}

/** A configuration the process cannot start with: main prints its message as one line and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Debian's fonts-wqy-microhei. */
export const DEFAULT_PDF_FONT = { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', name: 'WenQuanYiMicroHei' } as const;

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** A whole number from `min` to `max` (the variable is set). */
function intIn(name: string, min: number, max: number): number {
  const n = int(name, min);
  if (n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${process.env[name]}"`);
  return n;
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new ConfigError(`${name} is not set (see README "Configuration")`);
  return v;
}

/** The development default of the application role's password, refused in production. */
export const DEV_APP_DATABASE_PASSWORD = 'fundsup_app_dev';

/**
 * The application role's password (APP_DATABASE_PASSWORD). The development default only outside
 * production: with NODE_ENV=production an unset password (and no APP_DATABASE_URL carrying one) stops
 * the start, so that no deployment runs on a password published in this repository.
 */
export function appDatabasePasswordFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.APP_DATABASE_PASSWORD;
  if (set) return set;
  if (env.NODE_ENV === 'production' && !env.APP_DATABASE_URL) {
    throw new ConfigError('APP_DATABASE_PASSWORD is not set: with NODE_ENV=production the application database role needs its own password (or APP_DATABASE_URL)');
  }
  return DEV_APP_DATABASE_PASSWORD;
}

function dateFromEnv(name: string, fallback: string): string {
  const raw = process.env[name];
  if (!raw) return fallback;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new ConfigError(`${name} must be a date (YYYY-MM-DD), got "${raw}"`);
  return raw;
}

export function appDatabaseUrlFrom(ownerUrl: string, password: string): string {
  const u = new URL(ownerUrl);
  u.username = 'fundsup_app';
  u.password = password;
  return u.toString();
}

function s3FromEnv(): S3Config | null {
  const endpoint = process.env.S3_ENDPOINT;
  if (!endpoint) return null;
  return {
    endpoint,
    region: process.env.S3_REGION ?? 'us-east-1',
    bucket: required('S3_BUCKET'),
    accessKeyId: required('S3_ACCESS_KEY_ID'),
    secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
  };
}

/**
 * Defaults (per API process): a signed-in user 600 requests a minute with bursts of 300 — a person
 * working through the web app issues a few dozen a minute (a page load is 2–10 calls), so only a
 * script reaches it; an anonymous client address 120 a minute with bursts of 60 — the only anonymous
 * calls are the sign-in page's configuration and health checks, and a bureau's office may share one
 * address behind NAT. ./suite test raises both for its own traffic (one address, thousands of calls).
 */
function rateLimitsFromEnv(): RateLimits | null {
  if (process.env.RATE_LIMIT === 'off') return null;
  return {
    anonymousPerMinute: int('RATE_LIMIT_ANONYMOUS_PER_MINUTE', 120),
    anonymousBurst: int('RATE_LIMIT_ANONYMOUS_BURST', 60),
    userPerMinute: int('RATE_LIMIT_USER_PER_MINUTE', 600),
    userBurst: int('RATE_LIMIT_USER_BURST', 300),
  };
}

function sessionCheckFromEnv(): AppConfig['sessionCheck'] {
  if (process.env.TOKEN_SESSION_CHECK === 'off') return null;
  return {
    clientId: process.env.OIDC_API_CLIENT_ID || 'fundsup-api',
    clientSecret: process.env.OIDC_API_CLIENT_SECRET || null,
    // 30 s: a logout or disabled user is refused within half a minute (the token itself lives 5),
    // for one introspection per signed-in user per 30 s (bench/token-session-check.bench.ts).
    cacheSeconds: int('TOKEN_SESSION_CACHE_SECONDS', 30),
  };
}

function campaignCalendarFromEnv(): 'statutory' | 'flexible' {
  const raw = process.env.CAMPAIGN_CALENDAR || 'statutory';
  if (raw !== 'statutory' && raw !== 'flexible') throw new Error(`CAMPAIGN_CALENDAR must be 'statutory' or 'flexible', got "${raw}"`);
  return raw;
}

export function loadConfig(): AppConfig {
  const databaseUrl = required('DATABASE_URL');
  const appDatabasePassword = appDatabasePasswordFromEnv();
  const oidcIssuerUrl = required('OIDC_ISSUER_URL');
  return {
    port: int('PORT', 3000),
    databaseUrl,
    appDatabaseUrl: process.env.APP_DATABASE_URL ?? appDatabaseUrlFrom(databaseUrl, appDatabasePassword),
    appDatabasePassword,
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    temporalTaskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'fundsup',
    oidcIssuerUrl,
    oidcPublicIssuerUrl: process.env.OIDC_PUBLIC_ISSUER_URL ?? oidcIssuerUrl,
    oidcAudience: process.env.OIDC_AUDIENCE ?? 'fundsup-api',
    oidcWebClientId: process.env.OIDC_WEB_CLIENT_ID ?? 'fundsup-web',
    attachmentsDir: process.env.ATTACHMENTS_DIR ?? '.data/attachments',
    attachmentMaxBytes: int('ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024),
    s3: s3FromEnv(),
    smtpUrl: process.env.SMTP_URL || null,
    smtpFrom: process.env.SMTP_FROM ?? 'fundsup@localhost',
    frontendDir: process.env.FRONTEND_DIR ?? null,
    pdfFontPath: process.env.PDF_FONT_PATH || DEFAULT_PDF_FONT.path,
    pdfFontName: process.env.PDF_FONT_NAME || DEFAULT_PDF_FONT.name,
    outboxPollMs: int('OUTBOX_POLL_MS', 500),
    outboxRelayEnabled: process.env.OUTBOX_RELAY !== 'off',
    projectorEnabled: process.env.DASHBOARD_PROJECTOR !== 'off',
    monthlyReportCycleEnabled: process.env.MONTHLY_REPORT_CYCLE !== 'off',
    coverageDigestCycleEnabled: process.env.COVERAGE_DIGEST_CYCLE !== 'off',
    logLevel: process.env.LOG_LEVEL ?? 'info',
    listExportMaxRows: int('LIST_EXPORT_MAX_ROWS', 200_000),
    leadTimeLimits: process.env.LEAD_TIME_LIMITS || undefined,
    enforcement: {
      closureDays: process.env.ENFORCEMENT_CLOSURE_DAYS ? int('ENFORCEMENT_CLOSURE_DAYS', 90) : undefined,
      majorThreshold: process.env.ENFORCEMENT_MAJOR_THRESHOLD || undefined,
    },
    outwardFollowUpDays: process.env.OUTWARD_FOLLOW_UP_DAYS ? intIn('OUTWARD_FOLLOW_UP_DAYS', 1, 365) : undefined,
    campaignCalendar: campaignCalendarFromEnv(),
    sessionCheck: sessionCheckFromEnv(),
    hstsMaxAge: int('HSTS_MAX_AGE', 180 * 24 * 3600),
    inputDateMin: dateFromEnv('INPUT_DATE_MIN', '1900-01-01'),
    inputDateYearsAhead: int('INPUT_DATE_MAX_YEARS_AHEAD', 10),
    rateLimits: rateLimitsFromEnv(),
    trustProxy: process.env.TRUST_PROXY || null,
    auditCheckpoint: process.env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE || process.env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE
      ? { privateKeyFile: process.env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE || null, publicKeyFile: process.env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE || null }
      : null,
    tips: tipsFromEnv(),
  };
}

/** loadConfig for a process's entry point: a configuration error is one line on stderr and exit code 2, not a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`configuration error: ${err.message}`);
    process.exit(2);
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
