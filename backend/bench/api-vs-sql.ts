import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../src/kernel/actor.js';
import type { TestApp } from '../test/support/app.js';
import type { TestUser } from '../test/support/tokens.js';
import { load, type LoadResult } from './lib.js';

export interface Statement { sql: string; params: unknown[] }

export const actorOf = (u: TestUser): Actor => ({
  userId: u.sub, username: u.username, displayName: u.username, roles: u.roles as Actor['roles'],
  regionPath: u.regionPath, organizationId: u.orgId, organizationKind: u.orgKind,
});

/**
 * The statements a query handler runs for an actor: the query executed once through the bus with the
 * entity manager's execute() recorded (placeholders turned into PostgreSQL's $n for replay).
 */
export async function captureStatements(t: TestApp, run: () => Promise<unknown>): Promise<Statement[]> {
  const em = t.app.get(MikroORM).em.fork();
  let proto = Object.getPrototypeOf(em);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'execute')) proto = Object.getPrototypeOf(proto);
  const original = proto.execute;
  const seen: Statement[] = [];
  proto.execute = function (this: unknown, sql: string, params: unknown[] = [], ...rest: unknown[]) {
    if (typeof sql === 'string' && !/set_config\('app\./.test(sql)) {
      let i = 0;
      seen.push({ sql: sql.replace(/\?/g, () => `$${++i}`), params: [...(params ?? [])] });
    }
    return original.call(this, sql, params, ...rest);
  };
  try {
    await run();
  } finally {
    proto.execute = original;
  }
  return seen;
}

export interface ApiVsSqlResult {
  statements: number[]; firstNumbers: number[]; api: LoadResult; rawSql: LoadResult; p95Ratio: number;
  /** With `rounds` > 1: each round's p95s and ratio (api and rawSql above are the median round's). */
  rounds?: { apiP95: number; sqlP95: number; ratio: number; sameConnectionsP95?: number; sameConnectionsRatio?: number }[];
  /** With `sameConnections`: the SQL through a pool of the app's size (the median round's) and the API's ratio to it. */
  rawSqlSameConnections?: LoadResult; p95RatioSameConnections?: number;
}

/**
 * One endpoint under `concurrency` readers through the real HTTP API with real tokens, against the
 * handler's own statements run directly in the same kind of tenant-scoped transaction on the app
 * role, in the same run: warm-up of both, then `requests` of each; the p95 ratio is the API's cost.
 * `numberOf` reads a sanity number (> 0) from each reader's answer. With `rounds` (default 1), the
 * two sides alternate round by round (API first, then SQL first, …) and the ratio is the median
 * round's: background load on a shared machine falls on both sides instead of on one phase. With
 * `sameConnections` (the app's own pool size), each round also runs the SQL with the `concurrency`
 * clients queued on that many connections, as the API's requests queue on the app's pool: the
 * API's own cost, apart from the connection budget.
 */
export async function apiVsSql(t: TestApp, o: {
  name: string; path: string; readers: TestUser[]; concurrency: number; requests: number; rounds?: number; sameConnections?: number;
  run: (actor: Actor) => Promise<unknown>; numberOf: (body: any) => number;
}): Promise<ApiVsSqlResult> {
  const tokens = await Promise.all(o.readers.map((u) => t.keys.token(u, { expiresIn: '3h' })));
  const pool = new pg.Pool({ connectionString: t.db.appUrl, max: o.concurrency });
  const samePool = o.sameConnections ? new pg.Pool({ connectionString: t.db.appUrl, max: o.sameConnections }) : null;
  try {
    const statements: Statement[][] = [];
    const numbers: number[] = [];
    for (const [i, u] of o.readers.entries()) {
      const res = await fetch(`${t.baseUrl}${o.path}`, { headers: { authorization: `Bearer ${tokens[i]}` } });
      if (res.status !== 200) throw new Error(`${o.name} answered ${res.status}: ${await res.text()}`);
      numbers.push(o.numberOf(await res.json()));
      statements.push(await captureStatements(t, () => o.run(actorOf(u))));
    }
    if (!numbers.every((x) => x > 0)) throw new Error(`${o.name}: an empty answer (${numbers.join(', ')})`);
    let k = 0;
    const http = async () => {
      const i = k++ % o.readers.length;
      const res = await fetch(`${t.baseUrl}${o.path}`, { headers: { authorization: `Bearer ${tokens[i]}` } });
      if (res.status !== 200) throw new Error(`${o.name} answered ${res.status}`);
      await res.arrayBuffer();
    };
    let j = 0;
    const sqlOn = (through: pg.Pool) => async () => {
      const i = j++ % o.readers.length;
      const u = o.readers[i]!;
      const c = await through.connect();
      try {
        await c.query('begin');
        await c.query(`select set_config('app.region_path', $1, true), set_config('app.organization_id', $2, true),
                              set_config('app.actor_org', $3, true), set_config('app.actor_org_kind', $4, true)`,
        [u.regionPath, u.orgKind === 'institution' ? u.orgId : '', u.orgId, u.orgKind]);
        for (const s of statements[i]!) await c.query(s.sql, s.params);
        await c.query('commit');
      } finally {
        c.release();
      }
    };
    const sql = sqlOn(pool);
    const warm = await load(o.concurrency, 100, http);
    console.log(`${o.name}: warm-up ${JSON.stringify(warm)}`);
    await load(o.concurrency, 100, sql);
    const ratioOf = (api: LoadResult, raw: LoadResult) => Math.round((api.p95 / raw.p95) * 100) / 100;
    const same = samePool ? sqlOn(samePool) : null;
    const rounds: { api: LoadResult; raw: LoadResult; ratio: number; same?: LoadResult; sameRatio?: number }[] = [];
    for (let r = 0; r < Math.max(1, o.rounds ?? 1); r++) {
      let api: LoadResult;
      let raw: LoadResult;
      let sameRaw: LoadResult | undefined;
      if (r % 2 === 0) {
        api = await load(o.concurrency, o.requests, http);
        raw = await load(o.concurrency, o.requests, sql);
        if (same) sameRaw = await load(o.concurrency, o.requests, same);
      } else {
        if (same) sameRaw = await load(o.concurrency, o.requests, same);
        raw = await load(o.concurrency, o.requests, sql);
        api = await load(o.concurrency, o.requests, http);
      }
      rounds.push({ api, raw, ratio: ratioOf(api, raw), ...(sameRaw ? { same: sameRaw, sameRatio: ratioOf(api, sameRaw) } : {}) });
      console.log(`${o.name}: round ${r + 1} api ${JSON.stringify(api)} raw ${JSON.stringify(raw)}${sameRaw ? ` raw on ${o.sameConnections} connections ${JSON.stringify(sameRaw)}` : ''}`);
    }
    const middle = <T>(xs: T[], key: (x: T) => number) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
    const median = middle(rounds, (x) => x.ratio);
    const medianSame = same ? middle(rounds, (x) => x.sameRatio!) : null;
    return {
      statements: statements.map((s) => s.length), firstNumbers: numbers, api: median.api, rawSql: median.raw, p95Ratio: median.ratio,
      ...(medianSame ? { rawSqlSameConnections: medianSame.same!, p95RatioSameConnections: medianSame.sameRatio! } : {}),
      ...(rounds.length > 1 ? { rounds: rounds.map((x) => ({ apiP95: x.api.p95, sqlP95: x.raw.p95, ratio: x.ratio,
        ...(x.same ? { sameConnectionsP95: x.same.p95, sameConnectionsRatio: x.sameRatio! } : {}) })) } : {}),
    };
  } finally {
    await pool.end();
    await samePool?.end();
  }
}

/** A list's filter as its query string (`q=…&regionCode=…&sort=…`). */
export const listQueryOf = (filter: object) => new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]));

/** The app's own connection pool size (platform/database/orm-options.ts): the SQL's second baseline queues the clients on as many connections. */
export async function appPoolSize(t: TestApp): Promise<number> {
  const pool = await (t.app.get(MikroORM).em.getConnection() as unknown as { getNativeClient(): Promise<pg.Pool> }).getNativeClient();
  return (pool as unknown as { options: { max: number } }).options.max;
}

/**
 * A searchable list's scenarios (issue 16's lists: a filter each, as the page sends it) through
 * {@link apiVsSql} on `listPath`, with the SQL also on the app's own pool size; returns each
 * scenario's result, the report's fields (`<scenario>Query`, `…Total`, `…ApiP95Ms`, `…SqlP95Ms`,
 * `…P95Ratio`, `…SqlOnAppConnectionsP95Ms`, `…P95RatioOnAppConnections`, `…Rounds`, and the whole
 * result) and the scenarios whose API p95 is over `ratioMax` × the SQL's on the same connections.
 */
export async function listScenarios<F extends object>(t: TestApp, o: {
  listPath: string; scenarios: { name: string; filter: F }[]; readers: TestUser[]; concurrency: number; requests: number; rounds: number; ratioMax: number;
  run: (actor: Actor, filter: F) => Promise<unknown>;
}): Promise<{ results: Record<string, ApiVsSqlResult>; fields: Record<string, unknown>; over: { scenario: string; ratio: number }[]; appConnections: number }> {
  const appConnections = await appPoolSize(t);
  const results: Record<string, ApiVsSqlResult> = {};
  for (const s of o.scenarios) {
    results[s.name] = await apiVsSql(t, {
      name: s.name, path: `${o.listPath}?${listQueryOf(s.filter)}`, readers: o.readers, concurrency: o.concurrency, requests: o.requests, rounds: o.rounds,
      sameConnections: appConnections, run: (actor) => o.run(actor, s.filter), numberOf: (body: { total: number }) => body.total,
    });
  }
  const fields = Object.fromEntries(o.scenarios.flatMap((s) => [
    [`${s.name}Query`, listQueryOf(s.filter).toString()],
    [`${s.name}Total`, results[s.name]!.firstNumbers[0]!],
    [`${s.name}ApiP95Ms`, results[s.name]!.api.p95],
    [`${s.name}SqlP95Ms`, results[s.name]!.rawSql.p95],
    [`${s.name}P95Ratio`, results[s.name]!.p95Ratio],
    [`${s.name}SqlOnAppConnectionsP95Ms`, results[s.name]!.rawSqlSameConnections!.p95],
    [`${s.name}P95RatioOnAppConnections`, results[s.name]!.p95RatioSameConnections!],
    [`${s.name}Rounds`, JSON.stringify(results[s.name]!.rounds ?? [])],
    [`${s.name}`, JSON.stringify(results[s.name])],
  ]));
  // The API's own cost: against the same statements on the same connection budget.
  const over = o.scenarios.map((s) => ({ scenario: s.name, ratio: results[s.name]!.p95RatioSameConnections! })).filter((x) => !(x.ratio <= o.ratioMax));
  return { results, fields, over, appConnections };
}
