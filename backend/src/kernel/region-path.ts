// Region paths are materialized GB/T 2260 ancestries with a leading and trailing slash:
// '/' is the nation, '/32/' Jiangsu, '/32/3201/' Nanjing, '/32/3201/320102/' Xuanwu.
// A record is inside a scope when its path starts with the scope's path.

export type RegionLevel = 'nation' | 'province' | 'city' | 'county';

const PATH_RE = /^\/(?:\d{2}\/(?:\d{4}\/(?:\d{6}\/)?)?)?$/;

export function isRegionPath(value: unknown): value is string {
  return typeof value === 'string' && PATH_RE.test(value);
}

export function regionPathOf(code: string): string {
  if (code === '000000') return '/';
  if (!/^\d{6}$/.test(code) && !/^\d{2}(\d{2}){0,2}$/.test(code)) {
    throw new Error(`not a GB/T 2260 code: ${code}`);
  }
  const province = code.slice(0, 2);
  const city = code.slice(0, 4);
  const county = code.slice(0, 6);
  if (code.length === 2 || /^\d{2}0000$/.test(code)) return `/${province}/`;
  if (code.length === 4 || /^\d{4}00$/.test(code)) return `/${province}/${city}/`;
  return `/${province}/${city}/${county}/`;
}

export function levelOfPath(path: string): RegionLevel {
  const depth = path.split('/').filter(Boolean).length;
  return (['nation', 'province', 'city', 'county'] as const)[depth] ?? 'county';
}

/** The code of the last node of a path ('000000' for the nation). */
export function codeOfPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.at(-1) ?? '000000';
}

export function parentPath(path: string): string | null {
  if (path === '/') return null;
  const parts = path.split('/').filter(Boolean);
  parts.pop();
  return parts.length ? `/${parts.join('/')}/` : '/';
}

export function isWithin(path: string, scope: string): boolean {
  return path.startsWith(scope);
}

/** Ancestors from the node itself up to the nation, e.g. for dispute escalation. */
export function ancestry(path: string): string[] {
  const out: string[] = [];
  for (let p: string | null = path; p !== null; p = parentPath(p)) out.push(p);
  return out;
}

/** The province path ('/32/') of any path below it ('/' for the nation). */
export function provincePathOf(path: string): string {
  const [p] = path.split('/').filter(Boolean);
  return p ? `/${p}/` : '/';
}
