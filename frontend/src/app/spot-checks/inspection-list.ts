import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { TPipe } from '../i18n/t-pipe';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import type { SpotCheckSection } from './spot-check-access';
import { INSPECTION_STATUS_OPTIONS, InspectionStatusTag, KIND_LABELS, LEVEL_LABELS, SpotCheckNav, inspectionStatusOf } from './spot-check-labels';
import type { InspectionQuery } from './spot-check-models';
import { SpotChecksApi } from './spot-checks-api';
import { CLOCK } from '../core/clock';
import { pageFromQuery } from '../core/paging';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';

export const INSPECTION_PAGE_SIZE = 20;

/**
 * 现场检查: the inspections of the caller's scope — searched by institution name or code, filtered
 * by spot-check, region, status and period, sorted and paged by the server, exported as the
 * filtered rows (检查台账).
 */
@Component({
  selector: 'app-inspection-list',
  imports: [FormsModule, RouterLink, NzSelectModule, NzTableModule, InspectionStatusTag, ListToolbar, PlanYearSelect, SpotCheckNav, TPipe],
  template: `
    <section class="panel">
      <app-spot-check-nav [section]="section()" [year]="selectedYear()" />
      <header class="toolbar">
        <h1>{{ 'inspection.list.heading' | t }}</h1>
        <app-plan-year [year]="selectedYear()" (yearChange)="filter({ year: $event, spotCheckId: null })" />
      </header>
      <div class="filters" data-testid="inspection-filters">
        <nz-select
          data-testid="inspection-filter-spot-check"
          nzAllowClear
          [nzPlaceHolder]="'inspection.filter.spotCheck' | t"
          [attr.aria-label]="'inspection.filter.spotCheck' | t"
          [ngModel]="spotCheckId() || null"
          (ngModelChange)="filter({ spotCheckId: $event })"
        >
          @for (c of spotCheckOptions(); track c.id) {
            <nz-option [nzValue]="c.id" [nzLabel]="c.title" />
          }
        </nz-select>
      </div>
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="statusFilter()"
        [statusOptions]="statusOptions"
        [exportFetch]="exportFetch"
        [exportName]="'inspection.list.heading' | t"
        (changed)="filterList($event)"
      />
      @if (inspections.error()) {
        <p class="error" data-testid="inspection-error">{{ 'spotCheck.loadFailed' | t }}</p>
      } @else {
        <nz-table
          #table
          nzSize="middle"
          data-testid="inspection-table"
          [nzData]="pageData().items"
          [nzLoading]="inspections.isLoading()"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filter({ page: $event })"
          nzHideOnSinglePage
          [nzScroll]="{ x: '900px' }"
          [nzNoResult]="'inspection.list.none' | t"
        >
          <thead>
            <tr>
              <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">
                {{ 'inspection.col.institution' | t }}
              </th>
              <th nzWidth="120px" nzColumnKey="region" [nzSortFn]="true" [nzSortOrder]="sortOrder('region')" (nzSortOrderChange)="sortBy('region', $event)">
                {{ 'inspection.col.region' | t }}
              </th>
              <th nzColumnKey="spotCheck" [nzSortFn]="true" [nzSortOrder]="sortOrder('spotCheck')" (nzSortOrderChange)="sortBy('spotCheck', $event)">
                {{ 'inspection.col.spotCheck' | t }}
              </th>
              <th>{{ 'inspection.col.team' | t }}</th>
              <th nzWidth="120px" nzColumnKey="inspectedOn" [nzSortFn]="true" [nzSortOrder]="sortOrder('inspectedOn')" (nzSortOrderChange)="sortBy('inspectedOn', $event)">
                {{ 'inspection.col.inspectedOn' | t }}
              </th>
              <th nzWidth="190px" nzColumnKey="dueDate" [nzSortFn]="true" [nzSortOrder]="sortOrder('dueDate')" (nzSortOrderChange)="sortBy('dueDate', $event)">
                {{ 'inspection.col.status' | t }}
              </th>
            </tr>
          </thead>
          <tbody>
            @for (inspection of table.data; track inspection.id) {
              <tr data-testid="inspection-row" [attr.data-id]="inspection.id">
                <td>
                  <a data-testid="inspection-open" [routerLink]="['/', section(), 'spot-checks', 'inspection', inspection.id]">{{ inspection.institution.name }}</a>
                  <div class="hint">{{ kindLabels[inspection.institution.kind] | t }} · {{ levelLabels[inspection.institution.level] | t }}</div>
                </td>
                <td>{{ inspection.institution.regionName }}</td>
                <td>{{ inspection.spotCheckTitle }}</td>
                <td>{{ teamNames(inspection.team) }}</td>
                <td>{{ inspection.inspectedOn ?? '—' }}</td>
                <td><app-inspection-status [status]="inspection.status" [dueDate]="inspection.dueDate" [overdue]="inspection.overdue" /></td>
              </tr>
            }
          </tbody>
        </nz-table>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InspectionList extends SearchableList {
  private readonly api = inject(SpotChecksApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  // Query parameters, so a filtered list survives going to an inspection and back.
  readonly year = input<string>();
  readonly spotCheckId = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  readonly section = input<SpotCheckSection>('province');

  protected readonly pageSize = INSPECTION_PAGE_SIZE;
  protected readonly statusOptions = INSPECTION_STATUS_OPTIONS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly statusFilter = computed(() => inspectionStatusOf(this.status()));

  /** The year's spot-checks for the select (a year has a handful). */
  private readonly spotChecks = rxResource({
    params: () => ({ year: this.selectedYear(), page: 1, pageSize: 100 }),
    stream: ({ params }) => this.api.spotChecks(params),
  });
  protected readonly spotCheckOptions = computed(() => (this.spotChecks.hasValue() ? this.spotChecks.value().items : []));

  private readonly query = computed((): Omit<InspectionQuery, 'page' | 'pageSize'> => ({
    ...this.listFilters(),
    spotCheckId: this.spotCheckId() || undefined,
    status: this.statusFilter(),
  }));
  protected readonly inspections = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: INSPECTION_PAGE_SIZE }),
    stream: ({ params }) => this.api.inspections(params),
  });
  /** The export: the list's filters, every page. */
  protected readonly exportFetch = () => this.api.exportInspections(this.query());
  protected readonly pageData = computed(() => (this.inspections.hasValue() ? this.inspections.value() : { items: [], total: 0 }));

  protected teamNames(team: { name: string }[]): string {
    return team.map((m) => m.name).join('、');
  }

  /** Changes the page's own filters in the URL; any filter change goes back to the first page. */
  protected filter(change: { year?: number; spotCheckId?: string | null; page?: number }): void {
    const queryParams: Record<string, string | number | null> = { page: change.page && change.page > 1 ? change.page : null };
    if ('year' in change) queryParams['year'] = change.year ?? null;
    if ('spotCheckId' in change) queryParams['spotCheckId'] = change.spotCheckId || null;
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
