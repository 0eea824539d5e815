// Small helpers for the raw SQL the repositories and read models run through the unit of work.

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from a URL or a body can be a uuid column's value (otherwise: not found, no query). */
export const isUuid = (id: unknown): id is string => typeof id === 'string' && UUID_RE.test(id);

/**
 * A PostgreSQL array literal (`'{"a","b"}'`, bound as `?::text[]` or `?::uuid[]`): the driver would
 * expand a JS array into a list of parameters.
 */
export const pgArray = (items: readonly string[]) => `{${items.map((i) => `"${i.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;

/** A timestamp column as an ISO string, or null. */
export const isoOrNull = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);
