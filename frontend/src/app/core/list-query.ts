// The lists' shared query (issue 16 §2): search, region, period and sort kept in the URL's query
// parameters, so a link reproduces the view; the backend takes the same names (q, regionCode, from,
// to, sort — `field` or `-field` — page, pageSize).

/** The filters every searchable list shares (status stays each list's own: its tabs). */
export interface ListFilters {
  q?: string;
  regionCode?: string;
  from?: string;
  to?: string;
  sort?: string;
}

/** A list's request: the shared filters, the list's status (one or several, comma-separated) and the page. */
export interface ListQuery extends ListFilters {
  status?: string;
  page?: number;
  pageSize?: number;
}

export const LIST_FILTER_KEYS = ['q', 'regionCode', 'from', 'to', 'sort'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^\d{2,12}$/;
const SORT = /^-?[A-Za-z][A-Za-z0-9]{0,39}$/;

/** The filters a URL's query parameters ask for; a malformed value is dropped rather than sent. */
export function listFiltersFrom(query: Partial<Record<(typeof LIST_FILTER_KEYS)[number], string | null | undefined>>): ListFilters {
  const out: ListFilters = {};
  const q = query.q?.trim();
  if (q) out.q = q.slice(0, 100);
  if (query.regionCode && REGION.test(query.regionCode)) out.regionCode = query.regionCode;
  if (query.from && DATE.test(query.from)) out.from = query.from;
  if (query.to && DATE.test(query.to)) out.to = query.to;
  if (query.sort && SORT.test(query.sort)) out.sort = query.sort;
  return out;
}

/** The filters as HTTP parameters (only those set). */
export function listFilterParams(filters: ListFilters): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of LIST_FILTER_KEYS) {
    const value = filters[key];
    if (value) params[key] = value;
  }
  return params;
}

/** A list's whole query as HTTP parameters: the values that are set (shared filters, status, year, page…), in their order. */
export function listQueryParams(query: object): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as Record<
    string,
    string | number | boolean
  >;
}

/** A list's own filters beside the shared ones (its status, view, source, a checkbox…): null or '' clears one. */
export type ListOwnFilters = Readonly<Record<string, string | null | undefined>>;

/**
 * The query parameters of a filter change, to merge into the URL: a cleared filter is removed
 * (null), and any change but the page's goes back to the first page.
 */
export function listFilterChange(change: (ListFilters & { status?: string | null }) | ListOwnFilters): Record<string, string | null> {
  const out: Record<string, string | null> = { page: null };
  for (const [key, value] of Object.entries(change)) {
    if (value !== undefined) out[key] = value === '' ? null : value;
  }
  return out;
}

export type SortOrder = 'ascend' | 'descend' | null;

/** A column's sort order under the list's `sort` parameter (nz-table's nzSortOrder). */
export function sortOrderOf(sort: string | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** The `sort` parameter of a column's new order (nz-table's nzSortOrderChange); null: the list's default order. */
export function sortParam(field: string, order: string | null): string | null {
  return order === 'ascend' ? field : order === 'descend' ? `-${field}` : null;
}

/** A calendar day picked in the browser as YYYY-MM-DD (the day the user sees, not a UTC instant). */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** YYYY-MM-DD as a local Date for a date picker. */
export function dateOf(day: string | undefined): Date | null {
  if (!day || !DATE.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * The `sort` a column's nzSortOrderChange asks for. nz-table clears the other columns when one is
 * sorted, and they emit null right after the clicked one emits its order: that clearing must not
 * undo the new sort. `next` returns undefined for such a clearing (nothing to do).
 */
export class ColumnSort {
  private pending: string | null | undefined;

  next(current: string | undefined, field: string, order: string | null): string | null | undefined {
    const now = this.pending !== undefined ? this.pending : (current ?? null);
    const next = sortParam(field, order);
    if (next === null && (now === null || now.replace(/^-/, '') !== field)) return undefined;
    this.pending = next;
    // The clearings come in the same click: forget the pending sort once it is over.
    setTimeout(() => (this.pending = undefined));
    return next;
  }
}
