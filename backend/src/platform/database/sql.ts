// Small helpers for the raw SQL the repositories and read models run through the unit of work.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../kernel/errors.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from a URL or a body can be a uuid column's value (otherwise: not found, no query). */
export const isUuid = (id: unknown): id is string => typeof id === 'string' && UUID_RE.test(id);

/**
 * A PostgreSQL array literal (`'{"a","b"}'`, bound as `?::text[]` or `?::uuid[]`): the driver would
 * expand a JS array into a list of parameters.
 */
export const pgArray = (items: readonly string[]) => `{${items.map((i) => `"${i.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;

/**
 * A LIKE pattern matching the strings that start with `prefix` (a region path): `%`, `_` and the
 * backslash (LIKE's escape character) in it are escaped, so they match themselves and nothing else (issue 15 §6).
 */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A timestamp column as an ISO string, or null. */
export const isoOrNull = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

// A NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one:
// PostgreSQL stores neither in text nor in jsonb (22021 / 22P05).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Whether PostgreSQL can store the text (no NUL, no unpaired surrogate). */
export const isStorableText = (s: string) => !UNSTORABLE.test(s);

/** The text with what PostgreSQL cannot store replaced by U+FFFD (for records that must be written anyway). */
export const storableText = (s: string) => s.replace(UNSTORABLE_ALL, '\uFFFD');

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22: a value the column's type cannot hold — invalid
 * text for a uuid, a number out of range, an impossible date, a NUL byte), raised by the driver or
 * wrapped by MikroORM (which copies the code). Such an error comes from the request's data, not from
 * the server.
 */
export function isDataException(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code ?? (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** A list's page from its query: pages count from 1 (default 1), up to 500 rows a page (default 50). */
export function paging(page?: number, pageSize?: number): { page: number; pageSize: number; offset: number } {
  const p = Number.isInteger(page) && page! >= 1 ? page! : 1;
  const size = Number.isInteger(pageSize) && pageSize! >= 1 ? Math.min(pageSize!, 500) : 50;
  return { page: p, pageSize: size, offset: (p - 1) * size };
}

/** The conditions of a list statement with their parameters, added filter by filter. */
export class Conditions {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...params: unknown[]): void {
    this.parts.push(condition);
    this.params.push(...params);
  }

  /** `where a and b`, or nothing without conditions. */
  get clause(): string {
    return this.parts.length ? `where ${this.parts.join(' and ')}` : '';
  }
}

/**
 * One page of a list and the list's total under the same conditions: `count` is the statement's
 * `from` part (`from finding f`), `select` its select up to the conditions, `order` the page order.
 */
export async function listPage<Row extends object>(
  em: EntityManager, statement: { count: string; select: string; order: string }, where: Conditions, page: { pageSize: number; offset: number },
): Promise<{ rows: Row[]; total: number }> {
  const [{ n }] = await em.execute<{ n: number }[]>(`select count(*)::int as n ${statement.count} ${where.clause}`, where.params);
  const rows = await em.execute<Row[]>(`${statement.select} ${where.clause} order by ${statement.order} limit ? offset ?`, [...where.params, page.pageSize, page.offset]);
  return { rows, total: n };
}

// ---------------------------------------------------------------------------------------------
// The lists' shared query convention (issue 16 §2): `q` (institution name contains / code equals),
// `regionCode` (the region and below), `status`, `from`/`to` (the list's main date, China days,
// both inclusive), `sort` (`field` or `-field` from the list's whitelist, tie-broken by the id),
// `page`/`pageSize`. Row-level security stays the tenant guarantee: these are narrowing predicates.

/** A LIKE pattern matching the strings that contain `text`, its `%`, `_` and `\` matching themselves. */
export const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The list parameters every list understands (the DTO: platform/http/query-params.ts SearchableListParams). */
export interface ListParams { q?: string; regionCode?: string; from?: string; to?: string; sort?: string }

/** Where a list keeps what the shared parameters filter on. */
export interface ListColumns {
  /** The institution's name (e.g. `o.name`) and code — the organization's id (e.g. `f.owner_org_id`). */
  institutionName: string; institutionCode: string;
  /** The row's region path column (text_pattern_ops indexed). */
  regionPath: string;
  /** The list's main date (a timestamptz): the period `from`/`to` applies to it. */
  date: string;
}

/** A condition with its parameters. */
export type Condition = readonly [sql: string, ...params: unknown[]];

/**
 * What the shared parameters filter on, for a list whose rows reach their institutions and regions
 * indirectly (a spot-check: the institutions it drew, the cities it covers): the search's condition
 * (`like`: the name pattern, `code`: the text as a code) and the region's (`path`: the region's
 * path, already inside the reader's scope).
 */
export interface ListMatch {
  search: (like: string, code: string) => Condition;
  region: (path: string) => Condition;
  /** The list's main date (a timestamptz): the period `from`/`to` applies to it. */
  date: string;
}

const matchOf = (c: ListColumns | ListMatch): ListMatch => ('search' in c ? c : {
  search: (like, code) => [`(${c.institutionName} like ? or ${c.institutionCode} = ?)`, like, code],
  region: (path) => [`${c.regionPath} like ?`, likePrefix(path)],
  date: c.date,
});

/**
 * Adds the shared filters to `where`. Returns false when the list is empty by construction: the
 * region does not exist or lies outside the actor's scope (`scopePath`, the actor's region path) —
 * no query needed, and nothing said about what lies outside.
 */
export async function addListFilters(em: Pick<EntityManager, 'execute'>, where: Conditions, params: ListParams, columns: ListColumns | ListMatch, scopePath: string): Promise<boolean> {
  const match = matchOf(columns);
  const q = params.q?.trim();
  if (q) where.add(...match.search(likeContains(q), q));
  if (params.regionCode) {
    const [region] = await em.execute<{ path: string }[]>('select path from region where code = ?', [params.regionCode]);
    if (!region) return false;
    // Inside the scope: the region is the actor's or below it. Above it (a city user asking for the
    // province): the actor's own scope is all they can see of it, which RLS gives anyway.
    const path = region.path.startsWith(scopePath) ? region.path : scopePath.startsWith(region.path) ? scopePath : null;
    if (path === null) return false;
    where.add(...match.region(path));
  }
  // China days: [from 00:00, to+1 00:00) in Asia/Shanghai, so the date column's index stays usable.
  if (params.from) where.add(`${match.date} >= (?::date::timestamp at time zone 'Asia/Shanghai')`, params.from);
  if (params.to) where.add(`${match.date} < ((?::date + 1)::timestamp at time zone 'Asia/Shanghai')`, params.to);
  return true;
}

/** Whitelisted sort fields: the parameter's name → its SQL expression. */
export type SortFields = Readonly<Record<string, string>>;

/**
 * The `order by` of `sort` (`field` ascending, `-field` descending), tie-broken by `idColumn` so
 * pages never repeat or skip a row; without `sort`, `fallback` (which must end with the id). A
 * field outside the whitelist is a 400 naming the fields allowed.
 */
export function sortOrder(sort: string | undefined, fields: SortFields, idColumn: string, fallback: string): string {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const name = desc ? sort.slice(1) : sort;
  const expr = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (!expr) {
    const allowed = Object.keys(fields);
    throw DomainError.validation('invalid_request',
      { zh: `无法按“${name}”排序，可排序字段：${allowed.join('、')}`, en: `cannot sort by "${name}"; sortable fields: ${allowed.join(', ')}` },
      { field: 'sort', allowed });
  }
  const dir = desc ? 'desc nulls last' : 'asc nulls first';
  return `${expr} ${dir}, ${idColumn} ${desc ? 'desc' : 'asc'}`;
}

/**
 * The rows of a list statement in batches through a server-side cursor, in the caller's transaction
 * (so row-level security applies as to the page): at most `batch` rows are held at a time.
 */
export async function forEachBatch<Row extends object>(
  em: Pick<EntityManager, 'execute'>, sql: string, params: unknown[], batch: number, each: (rows: Row[]) => Promise<void>,
): Promise<void> {
  const name = `list_export_${Math.random().toString(36).slice(2, 10)}`;
  await em.execute(`declare ${name} no scroll cursor for ${sql}`, params);
  try {
    for (;;) {
      const rows = await em.execute<Row[]>(`fetch forward ${Math.max(1, Math.floor(batch))} from ${name}`);
      if (!rows.length) break;
      await each(rows);
      if (rows.length < batch) break;
    }
  } finally {
    await em.execute(`close ${name}`).catch(() => undefined);
  }
}

/** `status`: 'a' or 'a,b', each one of `allowed` (else a 400 naming the statuses allowed); none → []. */
export function statusList<T extends string>(raw: string | undefined, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length) {
    throw DomainError.validation('invalid_request', { zh: `状态无效：${bad.join('、')}`, en: `unknown status: ${bad.join(', ')}` }, { field: 'status', allowed });
  }
  return list as T[];
}

/** An export's rows go to `sink` batch by batch (the API's streaming writer); more than `maxRows` is refused before any is read. */
export interface ExportSink<Row> { maxRows: number; batch: (rows: Row[]) => Promise<void> }

/** An export larger than the configured maximum: refused before the download starts. */
export function exportTooLarge(rows: number, max: number): DomainError {
  return DomainError.validation('export_too_large',
    { zh: `符合条件的记录有 ${rows} 条，超过单次导出上限 ${max} 条，请缩小筛选范围（地区、状态或期间）后再导出`,
      en: `${rows} rows match, more than the ${max} one export may hold: narrow the filter (region, status or period) and export again` },
    { rows, max });
}

/** Counts the filtered rows, refuses more than the sink takes, then feeds them to it in batches of 1,000 through a cursor. */
export async function exportListRows<Row extends object, View>(
  em: Pick<EntityManager, 'execute'>, where: Conditions | null, statement: { count: string; select: string; order: string }, sink: ExportSink<View>, views: (rows: Row[]) => View[] | Promise<View[]>,
): Promise<{ rows: number }> {
  if (!where) {
    await sink.batch([]);
    return { rows: 0 };
  }
  const [{ n }] = await em.execute<{ n: number }[]>(`select count(*)::int as n ${statement.count} ${where.clause}`, where.params);
  if (n > sink.maxRows) throw exportTooLarge(n, sink.maxRows);
  let rows = 0;
  await sink.batch([]);
  await forEachBatch<Row>(em, `${statement.select} ${where.clause} order by ${statement.order}`, where.params, 1000, async (batch) => {
    rows += batch.length;
    await sink.batch(await views(batch));
  });
  return { rows };
}


/**
 * A searchable list's statement, for its page and its export alike: the conditions of a filter
 * (null: empty by construction), the count's `from` part, the select, and the order (`sort` from
 * the whitelist, ties by the id column; the default order without it).
 */
export interface ListStatement<F extends ListParams> {
  conditions: (filter: F) => Promise<Conditions | null>;
  count: (filter: F) => string;
  select: string;
  sort: SortFields;
  idColumn: string;
  defaultOrder: string;
}

/** One page of a list and its total (the order is checked first: a bad `sort` is a 400 before any query). */
export async function listPageOf<Row extends object, F extends ListParams & { page?: number; pageSize?: number }>(
  em: EntityManager, list: ListStatement<F>, filter: F,
): Promise<{ rows: Row[]; total: number }> {
  const order = sortOrder(filter.sort, list.sort, list.idColumn, list.defaultOrder);
  const where = await list.conditions(filter);
  if (!where) return { rows: [], total: 0 };
  return listPage<Row>(em, { count: list.count(filter), select: list.select, order }, where, paging(filter.page, filter.pageSize));
}

/** A list's filtered rows, all of them in the list's order, to an export's sink (exportListRows). */
export async function exportListOf<Row extends object, View, F extends ListParams>(
  em: Pick<EntityManager, 'execute'>, list: ListStatement<F>, filter: F, sink: ExportSink<View>, views: (rows: Row[]) => View[] | Promise<View[]>,
): Promise<{ rows: number }> {
  const order = sortOrder(filter.sort, list.sort, list.idColumn, list.defaultOrder);
  const where = await list.conditions(filter);
  return exportListRows<Row, View>(em, where, { count: list.count(filter), select: list.select, order }, sink, views);
}
