import { createHash } from 'node:crypto';

// Canonical JSON: object keys sorted (by UTF-16 code units, the default Array#sort order),
// no whitespace, strings and numbers as JSON.stringify writes them. Properties whose value is
// undefined are left out of objects (as JSON.stringify does); anything that JSON cannot represent
// faithfully (undefined/functions/symbols in arrays or at the top, non-finite numbers, bigints)
// throws instead of being silently changed.

export function canonicalJson(value: unknown): string {
  return write(value);
}

// Performance matters (100,000 directory entries are hashed at commit and at every verification):
// plain strings skip JSON.stringify, quoted keys are memoized, parts are joined once per level.
// Neither shortcut changes a byte of the output.
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key) + ':';
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : '"' + value + '"';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: the non-finite number ${value} cannot be represented`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be represented`);
  }
  if (Array.isArray(value)) {
    const parts = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++) parts[i] = write(value[i]);
    return '[' + parts.join(',') + ']';
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const v = object[key];
    if (v !== undefined) parts.push(quotedKey(key) + write(v));
  }
  return '{' + parts.join(',') + '}';
}

/** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** Code-unit order, independent of locale (what every comparison of ids in the draw uses). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
