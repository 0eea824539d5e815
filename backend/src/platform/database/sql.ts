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
