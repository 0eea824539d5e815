import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from './database.js';
import { appDatabasePasswordFromEnv, appDatabaseUrlFrom, ConfigError, tipsKeyringFromEnv } from './platform/config/config.js';
import { auditCheckpointNow, auditVerify, checkpointSetupFromEnv, describe as describeAudit } from './platform/audit/audit-verify-command.js';
import { seed, type SeedScale } from './seed/seed.js';
import { seedActivity } from './seed/activity.js';
import { chinaDateOf } from './platform/calendar/working-days.js';
import { verifyDrawRecord } from './contexts/spot-checks/domain/draw/index.js';
import { PROJECTOR_LOCK, rebuildAll } from './contexts/dashboards/infrastructure/fact-sql.js';
import { rotateTipKeys } from './contexts/tips/index.js';

// Operator commands, run on the owner's connection (DATABASE_URL): never at application start.
//   migrate                       create the application role if missing, apply pending migrations
//   seed [--scale demo|benchmark] [--seed N] [--province 32]
//   seed-activity [--year Y] [--scale demo|benchmark] [--seed N] [--province 32]
//                                 a year of generated supervision activity (（演示数据）) with its events; once per year
//   audit-verify                  recompute the audit trail's hash chain and check it against every signed checkpoint
//                                 (issue 15 §7; needs the app's env for the store and AUDIT_CHECKPOINT_*); exit 1 when broken
//   audit-checkpoint              sign the chain's head now and write it to the store (the daily cycle's step)
//   rebuild-dashboards            recompute the dashboards' read model (facts, rollups, population) from the records
//   open-monthly-reports --month YYYY-MM [--province 32]
//                                 the monthly cycle's opening step now (its activity, through the command bus): every county
//                                 bureau's report of the month, figures assembled, bureaus notified; idempotent (needs the app's env)
//   tips-rotate-kek [--batch N]   re-wrap every tip's data keys (and the receipt pepper) under TIPS_KEK, opening with
//                                 TIPS_KEK_PREVIOUS; in batches (default 200), resumable, idempotent (contexts/tips/README.md)
//   verify-draw <record.json>     replay a published spot-check draw record (no database); exit 1 when a check fails

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function ensureAppRole(orm: MikroORM, password: string): Promise<void> {
  const em = orm.em.fork();
  const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from pg_roles where rolname = 'fundsup_app'`);
  const quoted = `'${password.replaceAll("'", "''")}'`;
  if (Number(row.n) === 0) {
    await em.execute(`create role fundsup_app login password ${quoted} nosuperuser nobypassrls noinherit`);
  } else {
    await em.execute(`alter role fundsup_app login password ${quoted} nosuperuser nobypassrls`);
  }
}

export async function migrate(databaseUrl: string, appPassword: string): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(databaseUrl));
  try {
    await ensureAppRole(orm, appPassword);
    const done = await orm.migrator.up();
    return done.map((m) => m.name);
  } finally {
    await orm.close();
  }
}

/**
 * rebuild-dashboards, on the owner's connection: one transaction holding the projector's advisory
 * lock (a running projector waits, then finds nothing to do), with the whole suite in scope (the
 * owner is subject to the forced row-level security too).
 */
export async function rebuildDashboards(orm: MikroORM) {
  return orm.em.fork().transactional(async (tx) => {
    await tx.execute(`select set_config('app.region_path', '/', true), set_config('app.organization_id', '', true)`);
    await tx.execute(`select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
    return rebuildAll(tx, { truncate: true });
  });
}

/**
 * open-monthly-reports: the cycle workflow's opening step (the `openMonthlyReports` activity the
 * worker runs) executed now through the application's command bus, for a month the cycle has not
 * reached (tests, demonstrations). The application context is the worker's (no HTTP), without the
 * background loops (relay, projector, cycle start) that the running API owns.
 */
export async function openMonthlyReportsNow(provinceCode: string, month: string): Promise<{ opened: number; total: number }> {
  const [{ NestFactory }, { AppModule }, { loadConfig }, { Commands }, { JsonLogger }, { createMonthlyReportActivities }] = await Promise.all([
    import('@nestjs/core'), import('./app.module.js'), import('./platform/config/config.js'), import('./platform/cqrs/commands.js'),
    import('./platform/logging/logger.js'), import('./contexts/monthly-reports/infrastructure/monthly-report.activities.js'),
  ]);
  const config = { ...loadConfig(), outboxRelayEnabled: false, projectorEnabled: false, monthlyReportCycleEnabled: false, coverageDigestCycleEnabled: false, logLevel: 'warn' };
  const context = await NestFactory.createApplicationContext(AppModule.register({ config, http: false }), { logger: new JsonLogger('warn') });
  try {
    return await createMonthlyReportActivities(context.get(Commands)).openMonthlyReports({ provinceCode, month, at: new Date().toISOString() });
  } finally {
    await context.close();
  }
}

/** verify-draw: every check of the record, ✓ or ✗ with its detail; 0 when all pass, 1 otherwise, 2 on usage. */
export function verifyDrawFile(path: string | undefined, print: (line: string) => void = console.log): number {
  if (!path) {
    print('usage: cli.js verify-draw <record.json>');
    return 2;
  }
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    print(`✗ ${path}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const verification = verifyDrawRecord(record);
  for (const c of verification.checks) print(`${c.ok ? '✓' : '✗'} ${c.name} ${c.detail}`);
  print(verification.ok ? 'the draw record verifies' : 'the draw record does NOT verify');
  return verification.ok ? 0 : 1;
}

async function main(): Promise<number> {
  const command = process.argv[2];
  if (command === 'verify-draw') return verifyDrawFile(process.argv[3]);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL is not set: the owner connection of the suite database is needed');
    return 2;
  }
  switch (command) {
    case 'migrate': {
      // migrate sets the role's password: APP_DATABASE_URL does not stand in for it here.
      let appPassword: string;
      try {
        appPassword = appDatabasePasswordFromEnv({ ...process.env, APP_DATABASE_URL: '' });
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        console.error(err.message);
        return 2;
      }
      const applied = await migrate(databaseUrl, appPassword);
      console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'no pending migrations');
      // The application role connects with this URL.
      console.log(`application connection: ${appDatabaseUrlFrom(databaseUrl, '***')}`);
      return 0;
    }
    case 'seed': {
      const scale = arg('scale', 'demo') as SeedScale;
      if (scale !== 'demo' && scale !== 'benchmark') {
        console.error(`--scale must be demo or benchmark, got ${scale}`);
        return 2;
      }
      const orm = await MikroORM.init(ormOptions(databaseUrl));
      try {
        const started = performance.now();
        const summary = await seed(orm.em.fork(), { scale, seed: Number(arg('seed', '20261122')), province: arg('province', '32') });
        console.log(JSON.stringify({ scale, ...summary, seconds: +((performance.now() - started) / 1000).toFixed(1) }));
      } finally {
        await orm.close();
      }
      return 0;
    }
    case 'audit-verify': {
      const orm = await MikroORM.init(ormOptions(databaseUrl));
      try {
        const { config, store } = checkpointSetupFromEnv();
        const result = await auditVerify(orm.em.fork(), config, store);
        console.log(JSON.stringify(result));
        for (const line of describeAudit(result)) console.error(line);
        return result.ok ? 0 : 1;
      } finally {
        await orm.close();
      }
    }
    case 'audit-checkpoint': {
      const orm = await MikroORM.init(ormOptions(databaseUrl));
      try {
        const { config, store } = checkpointSetupFromEnv();
        console.log(JSON.stringify(await auditCheckpointNow(orm.em.fork(), config, store)));
        return 0;
      } finally {
        await orm.close();
      }
    }
    case 'seed-activity': {
      const scale = arg('scale', 'demo') as SeedScale;
      const year = Number(arg('year', chinaDateOf(new Date()).slice(0, 4)));
      if (scale !== 'demo' && scale !== 'benchmark') {
        console.error(`--scale must be demo or benchmark, got ${scale}`);
        return 2;
      }
      const orm = await MikroORM.init(ormOptions(databaseUrl));
      try {
        const summary = await seedActivity(orm.em.fork(), { year, scale, seed: Number(arg('seed', '20261122')), province: arg('province', '32'), log: (l) => console.error(l) });
        console.log(JSON.stringify(summary));
      } finally {
        await orm.close();
      }
      return 0;
    }
    case 'rebuild-dashboards': {
      const orm = await MikroORM.init(ormOptions(databaseUrl));
      try {
        const started = performance.now();
        const counts = await rebuildDashboards(orm);
        console.log(JSON.stringify({ ...counts, ms: Math.round(performance.now() - started) }));
      } finally {
        await orm.close();
      }
      return 0;
    }
    case 'open-monthly-reports': {
      const month = arg('month', '');
      const province = arg('province', '32');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !/^\d{2}$/.test(province)) {
        console.error('usage: cli.js open-monthly-reports --month YYYY-MM [--province 32]');
        return 2;
      }
      console.log(JSON.stringify(await openMonthlyReportsNow(province, month)));
      return 0;
    }
    case 'tips-rotate-kek': {
      let keys: Buffer[];
      try {
        keys = tipsKeyringFromEnv();
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        console.error(err.message);
        return 2;
      }
      const batchSize = Number(arg('batch', '200'));
      if (!keys.length || !Number.isInteger(batchSize) || batchSize < 1) {
        console.error('usage: TIPS_KEK=<new> TIPS_KEK_PREVIOUS=<old>[,<older>] cli.js tips-rotate-kek [--batch N]');
        return 2;
      }
      const orm = await MikroORM.init(ormOptions(databaseUrl));
      try {
        const started = performance.now();
        const result = await rotateTipKeys(orm.em.fork(), keys, { batchSize, log: (l) => console.error(l) });
        console.log(JSON.stringify({ ...result, ms: Math.round(performance.now() - started) }));
        console.error('done: every envelope is under TIPS_KEK; TIPS_KEK_PREVIOUS may be removed once the application runs with the new key');
      } finally {
        await orm.close();
      }
      return 0;
    }
    default:
      console.error('usage: cli.js migrate | seed [--scale demo|benchmark] [--seed N] [--province CODE] | seed-activity [--year Y] [--scale demo|benchmark] [--seed N] | audit-verify | audit-checkpoint | rebuild-dashboards | open-monthly-reports --month YYYY-MM | tips-rotate-kek [--batch N] | verify-draw <record.json>');
      return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main();
}
