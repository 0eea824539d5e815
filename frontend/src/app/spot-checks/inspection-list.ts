import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { TPipe } from '../i18n/t-pipe';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import type { SpotCheckSection } from './spot-check-access';
import { INSPECTION_STATUS_LABELS, InspectionStatusTag, KIND_LABELS, LEVEL_LABELS, SpotCheckNav } from './spot-check-labels';
import type { InspectionStatus } from './spot-check-models';
import { SpotChecksApi } from './spot-checks-api';
import { CLOCK } from '../core/clock';
import { pageFromQuery } from '../core/paging';

export const INSPECTION_PAGE_SIZE = 20;
const STATUSES: readonly InspectionStatus[] = ['assigned', 'recorded', 'sent'];

/** 现场检查: the inspections of the caller's scope, filtered by spot-check, city and status. */
@Component({
  selector: 'app-inspection-list',
  imports: [FormsModule, RouterLink, NzSelectModule, NzTableModule, InspectionStatusTag, PlanYearSelect, SpotCheckNav, TPipe],
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
        <nz-select
          data-testid="inspection-filter-city"
          nzAllowClear
          [nzPlaceHolder]="'inspection.filter.city' | t"
          [attr.aria-label]="'inspection.filter.city' | t"
          [ngModel]="cityCode() || null"
          (ngModelChange)="filter({ cityCode: $event })"
        >
          @for (c of cities(); track c.code) {
            <nz-option [nzValue]="c.code" [nzLabel]="c.name" />
          }
        </nz-select>
        <nz-select
          data-testid="inspection-filter-status"
          nzAllowClear
          [nzPlaceHolder]="'inspection.filter.status' | t"
          [attr.aria-label]="'inspection.filter.status' | t"
          [ngModel]="status() || null"
          (ngModelChange)="filter({ status: $event })"
        >
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="statusLabels[s] | t" />
          }
        </nz-select>
      </div>
      @if (inspections.error()) {
        <p class="error" data-testid="inspection-error">{{ 'spotCheck.loadFailed' | t }}</p>
      } @else {
        <nz-table
          #table
          nzSize="middle"
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
              <th>{{ 'inspection.col.institution' | t }}</th>
              <th nzWidth="120px">{{ 'inspection.col.region' | t }}</th>
              <th>{{ 'inspection.col.spotCheck' | t }}</th>
              <th>{{ 'inspection.col.team' | t }}</th>
              <th nzWidth="110px">{{ 'inspection.col.inspectedOn' | t }}</th>
              <th nzWidth="190px">{{ 'inspection.col.status' | t }}</th>
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
export class InspectionList {
  private readonly api = inject(SpotChecksApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  // Query parameters, so a filtered list survives going to an inspection and back.
  readonly year = input<string>();
  readonly spotCheckId = input<string>();
  readonly cityCode = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  readonly section = input<SpotCheckSection>('province');

  protected readonly pageSize = INSPECTION_PAGE_SIZE;
  protected readonly statuses = STATUSES;
  protected readonly statusLabels = INSPECTION_STATUS_LABELS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly levelLabels = LEVEL_LABELS;

  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  private readonly statusFilter = computed(() => (STATUSES as readonly string[]).includes(this.status() ?? '') ? (this.status() as InspectionStatus) : undefined);

  private readonly spotChecks = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.spotChecks(params.year),
  });
  protected readonly spotCheckOptions = computed(() => (this.spotChecks.hasValue() ? this.spotChecks.value() : []));
  private readonly defaults = rxResource({
    params: () => ({ year: this.selectedYear() }),
    stream: ({ params }) => this.api.campaignDefaults(params.year, true),
  });
  protected readonly cities = computed(() => (this.defaults.hasValue() ? this.defaults.value().cities : []));

  protected readonly inspections = rxResource({
    params: () => ({
      spotCheckId: this.spotCheckId() || undefined,
      cityCode: this.cityCode() || undefined,
      status: this.statusFilter(),
      page: this.pageIndex(),
      pageSize: INSPECTION_PAGE_SIZE,
    }),
    stream: ({ params }) => this.api.inspections(params),
  });
  protected readonly pageData = computed(() => (this.inspections.hasValue() ? this.inspections.value() : { items: [], total: 0 }));

  protected teamNames(team: { name: string }[]): string {
    return team.map((m) => m.name).join('、');
  }

  /** Changes the filters in the URL; any filter change goes back to the first page. */
  protected filter(change: { year?: number; spotCheckId?: string | null; cityCode?: string | null; status?: string | null; page?: number }): void {
    const queryParams: Record<string, string | number | null> = { page: change.page && change.page > 1 ? change.page : null };
    if ('year' in change) queryParams['year'] = change.year ?? null;
    for (const key of ['spotCheckId', 'cityCode', 'status'] as const) {
      if (key in change) queryParams[key] = change[key] || null;
    }
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
