import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import type { SpotCheckSection } from '../spot-checks/spot-check-access';
import {
  INSPECTION_METHOD_LABELS,
  INSPECTION_STATUS_OPTIONS,
  INSPECTION_TYPE_LABELS,
  InspectionStatusTag,
  KIND_LABELS,
  LEVEL_LABELS,
  inspectionStatusOf,
} from '../spot-checks/spot-check-labels';
import type { InspectionQuery } from '../spot-checks/spot-check-models';
import { SpotChecksApi } from '../spot-checks/spot-checks-api';
import { AgencyInspectionNav } from './agency-inspection-nav';
import { pageFromQuery } from '../core/paging';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';

export const AGENCY_INSPECTION_PAGE_SIZE = 20;

/**
 * 本机构检查: the agency's own inspections (origin agency, its organization) — searched by
 * institution name or code, filtered by region, status and period, overdue ones flagged, sorted and
 * paged by the server, exported as the filtered rows (检查台账).
 */
@Component({
  selector: 'app-agency-inspection-list',
  imports: [FormsModule, RouterLink, NzCheckboxModule, NzTableModule, NzTagModule, AgencyInspectionNav, InspectionStatusTag, ListToolbar, TPipe],
  template: `
    <section class="panel">
      <app-agency-inspection-nav [section]="section()" />
      <header class="toolbar">
        <h1>{{ 'agencyInspection.list.heading' | t }}</h1>
      </header>
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="statusFilter()"
        [statusOptions]="statusOptions"
        [exportFetch]="exportFetch"
        [exportName]="'agencyInspection.list.heading' | t"
        (changed)="filterList($event)"
      />
      <div class="filters" data-testid="agency-inspection-filters">
        <label nz-checkbox data-testid="agency-inspection-filter-overdue" [ngModel]="overdueOnly()" (ngModelChange)="filter({ overdue: $event ? 'true' : null })">{{
          'agencyInspection.list.overdueOnly' | t
        }}</label>
      </div>
      @if (inspections.error()) {
        <p class="error" data-testid="agency-inspection-error">{{ 'spotCheck.loadFailed' | t }}</p>
      } @else {
        <nz-table
          #table
          nzSize="middle"
          data-testid="agency-inspection-table"
          [nzData]="pageData().items"
          [nzLoading]="inspections.isLoading()"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="filter({ page: $event })"
          nzHideOnSinglePage
          [nzScroll]="{ x: '960px' }"
          [nzNoResult]="'agencyInspection.list.none' | t"
        >
          <thead>
            <tr>
              <th nzColumnKey="institution" [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">
                {{ 'inspection.col.institution' | t }}
              </th>
              <th nzWidth="150px" nzColumnKey="type" [nzSortFn]="true" [nzSortOrder]="sortOrder('type')" (nzSortOrderChange)="sortBy('type', $event)">
                {{ 'agencyInspection.col.type' | t }}
              </th>
              <th nzWidth="130px" nzColumnKey="plannedOn" [nzSortFn]="true" [nzSortOrder]="sortOrder('plannedOn')" (nzSortOrderChange)="sortBy('plannedOn', $event)">
                {{ 'agencyInspection.col.plannedOn' | t }}
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
              <tr data-testid="agency-inspection-row" [attr.data-id]="inspection.id" [attr.data-institution]="inspection.institution.id">
                <td>
                  <a data-testid="agency-inspection-open" [routerLink]="['/', section(), 'inspections', 'inspection', inspection.id]">{{ inspection.institution.name }}</a>
                  <div class="hint">
                    {{ kindLabels[inspection.institution.kind] | t }} · {{ levelLabels[inspection.institution.level] | t }} · {{ inspection.institution.regionName }}
                  </div>
                </td>
                <td>
                  {{ inspection.inspectionType ? (typeLabels[inspection.inspectionType] | t) : '—' }}
                  <div class="hint">
                    {{ inspection.method ? (methodLabels[inspection.method] | t) : '' }}
                    @if (inspection.announced === false) {
                      · {{ 'agencyInspection.unannounced' | t }}
                    }
                  </div>
                  @if (inspection.crossInspection) {
                    <nz-tag nzColor="purple">{{ 'agencyInspection.cross' | t }}</nz-tag>
                  }
                </td>
                <td data-testid="agency-inspection-planned-on">{{ inspection.plannedOn ?? '—' }}</td>
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
  styleUrls: ['../shell/feature-page.css', '../spot-checks/spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencyInspectionList extends SearchableList {
  private readonly api = inject(SpotChecksApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  // Query parameters, so the filtered list survives opening an inspection and coming back.
  readonly status = input<string>();
  readonly overdue = input<string>();
  readonly page = input<string>();
  readonly section = input<SpotCheckSection>('local');

  protected readonly pageSize = AGENCY_INSPECTION_PAGE_SIZE;
  protected readonly statusOptions = INSPECTION_STATUS_OPTIONS;
  protected readonly typeLabels = INSPECTION_TYPE_LABELS;
  protected readonly methodLabels = INSPECTION_METHOD_LABELS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;

  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly statusFilter = computed(() => inspectionStatusOf(this.status()));
  protected readonly overdueOnly = computed(() => this.overdue() === 'true');

  private readonly query = computed((): Omit<InspectionQuery, 'page' | 'pageSize'> => ({
    origin: 'agency',
    agencyId: this.user.me()?.organization.id,
    status: this.statusFilter(),
    overdue: this.overdueOnly() || undefined,
    ...this.listFilters(),
  }));
  protected readonly inspections = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: AGENCY_INSPECTION_PAGE_SIZE }),
    stream: ({ params }) => this.api.inspections(params),
  });
  /** The export: the list's filters, every page. */
  protected readonly exportFetch = () => this.api.exportInspections(this.query());
  protected readonly pageData = computed(() => (this.inspections.hasValue() ? this.inspections.value() : { items: [], total: 0 }));

  protected teamNames(team: { name: string }[]): string {
    return team.map((m) => m.name).join('、');
  }

  /** Changes the filters in the URL; any filter change goes back to the first page. */
  protected filter(change: { overdue?: string | null; page?: number }): void {
    const queryParams: Record<string, string | number | null> = { page: change.page && change.page > 1 ? change.page : null };
    if ('overdue' in change) queryParams['overdue'] = change.overdue || null;
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
