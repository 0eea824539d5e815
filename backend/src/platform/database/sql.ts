// Small helpers for the raw SQL the repositories and read models run through the unit of work.
import type { EntityManager } from '@mikro-orm/postgresql';

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
