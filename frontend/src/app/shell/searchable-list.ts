import { Directive, computed, inject, input } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { ColumnSort, listFilterChange, listFiltersFrom, sortOrderOf, type ListOwnFilters } from '../core/list-query';
import type { ListFilterChange } from './list-toolbar';

/**
 * What a searchable list page shares (issue 16 §2): the filters q, regionCode, from, to and sort
 * bound from the URL's query parameters (withComponentInputBinding), the sortable columns'
 * state, and the changes written back into the URL — so a link reproduces the view. A list page
 * extends it, passes `listFilters()` to its request and to <app-list-toolbar>, and binds its
 * sortable <th>s to `sortOrder(field)` / `sortBy(field, $event)`.
 */
@Directive()
export abstract class SearchableList {
  private readonly listRouter = inject(Router);
  private readonly listRoute = inject(ActivatedRoute);
  private readonly columnSort = new ColumnSort();

  readonly q = input<string>();
  readonly regionCode = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly sort = input<string>();

  readonly listFilters = computed(() => listFiltersFrom({ q: this.q(), regionCode: this.regionCode(), from: this.from(), to: this.to(), sort: this.sort() }));

  sortOrder(field: string) {
    return sortOrderOf(this.listFilters().sort, field);
  }

  sortBy(field: string, order: string | null): void {
    const sort = this.columnSort.next(this.listFilters().sort, field, order);
    if (sort !== undefined) this.filterList({ sort: sort ?? '' });
  }

  /** A page change (nz-table's nzPageIndexChange), merged into the URL: the first page is no parameter. */
  filterPage(page: number): void {
    this.navigateList({ page: page > 1 ? page : null });
  }

  /** A toolbar or sort change, merged into the URL (back to the first page). */
  filterList(change: ListFilterChange): void {
    this.navigateList(listFilterChange(change));
  }

  /** A change of the list's own filters (its status, view, source, a checkbox…: null or '' clears one), merged into the URL (back to the first page). */
  filterOwn(change: ListOwnFilters): void {
    this.navigateList(listFilterChange(change));
  }

  private navigateList(queryParams: Record<string, string | number | null>): void {
    void this.listRouter.navigate([], { relativeTo: this.listRoute, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
