import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { PlanYearSelect, planYearOf } from '../plans/plan-nav';
import { type SpotCheckSection, canRunSpotChecks } from './spot-check-access';
import { SPOT_CHECK_STATUS_LABELS, SpotCheckNav, SpotCheckStatusTag, shortHash } from './spot-check-labels';
import { SpotChecksApi } from './spot-checks-api';
import { CLOCK } from '../core/clock';
import { pageFromQuery } from '../core/paging';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { SPOT_CHECK_STATUSES, type SpotCheckStatus } from './spot-check-models';

export const SPOT_CHECK_PAGE_SIZE = 20;
const STATUS_OPTIONS: readonly StatusOption[] = SPOT_CHECK_STATUSES.map((s) => ({ value: s, label: SPOT_CHECK_STATUS_LABELS[s] }));
/**
 * 抽查任务: the province's spot-checks of a year, searched by an institution they drew, by the region
 * they cover, status and period, sorted and paged by the server, exported as the filtered rows.
 */
@Component({
  selector: 'app-spot-check-list',
  imports: [RouterLink, NzButtonModule, NzIconModule, NzTableModule, NzTagModule, NzTooltipModule, ListToolbar, PlanYearSelect, SpotCheckNav, SpotCheckStatusTag, TPipe],
  template: `
    <section class="panel">
      <app-spot-check-nav [section]="section()" [year]="selectedYear()" />
      <header class="toolbar">
        <h1>{{ 'spotCheck.list.heading' | t: { year: selectedYear() } }}</h1>
        <app-plan-year [year]="selectedYear()" (yearChange)="selectYear($event)" />
        @if (canCreate()) {
          <a nz-button nzType="primary" data-testid="spot-check-create" [routerLink]="['/', section(), 'spot-checks', 'new']" [queryParams]="{ year: selectedYear() }">
            <nz-icon nzType="plus" />{{ 'spotCheck.list.create' | t }}
          </a>
        }
      </header>
      <p class="hint">{{ 'spotCheck.list.hint' | t }}</p>
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="statusFilter()"
        [statusOptions]="statusOptions"
        [exportFetch]="exportFetch"
        [exportName]="'spotCheck.list.heading' | t: { year: selectedYear() }"
        (changed)="filterList($event)"
      />
      @if (spotChecks.error()) {
        <p class="error" data-testid="spot-check-error">{{ 'spotCheck.loadFailed' | t }}</p>
      } @else {
        <nz-table
          #table
          nzSize="middle"
          nzHideOnSinglePage
          data-testid="spot-check-table"
          [nzData]="pageData().items"
          [nzLoading]="spotChecks.isLoading()"
          [nzFrontPagination]="false"
          [nzTotal]="pageData().total"
          [nzPageSize]="pageSize"
          [nzPageIndex]="pageIndex()"
          (nzPageIndexChange)="goToPage($event)"
          [nzScroll]="{ x: '880px' }"
          [nzNoResult]="'spotCheck.list.none' | t"
        >
          <thead>
            <tr>
              <th nzColumnKey="title" [nzSortFn]="true" [nzSortOrder]="sortOrder('title')" (nzSortOrderChange)="sortBy('title', $event)">{{ 'spotCheck.col.title' | t }}</th>
              <th nzWidth="120px" nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">
                {{ 'spotCheck.col.status' | t }}
              </th>
              <th nzWidth="150px">{{ 'spotCheck.col.commitment' | t }}</th>
              <th nzWidth="140px" nzColumnKey="drawn" [nzSortFn]="true" [nzSortOrder]="sortOrder('drawn')" (nzSortOrderChange)="sortBy('drawn', $event)">
                {{ 'spotCheck.col.drawn' | t }}
              </th>
              <th nzWidth="150px">{{ 'spotCheck.col.inspections' | t }}</th>
              <th nzWidth="120px" nzColumnKey="dueDate" [nzSortFn]="true" [nzSortOrder]="sortOrder('dueDate')" (nzSortOrderChange)="sortBy('dueDate', $event)">
                {{ 'spotCheck.col.dueDate' | t }}
              </th>
            </tr>
          </thead>
          <tbody>
            @for (check of table.data; track check.id) {
              <tr data-testid="spot-check-row" [attr.data-id]="check.id">
                <td>
                  <a data-testid="spot-check-open" [routerLink]="['/', section(), 'spot-checks', 'check', check.id]">{{ check.title }}</a>
                  @if (check.campaignTitle) {
                    <div class="hint">{{ 'spotCheck.list.campaign' | t: { title: check.campaignTitle } }}</div>
                  }
                </td>
                <td><app-spot-check-status [status]="check.status" /></td>
                <td>
                  @if (check.commitment) {
                    <span class="hash" data-testid="spot-check-row-commitment" nz-tooltip [nzTooltipTitle]="check.commitment">{{ short(check.commitment) }}…</span>
                  } @else {
                    <span class="hint">{{ 'spotCheck.list.notCommitted' | t }}</span>
                  }
                </td>
                <td data-testid="spot-check-row-drawn">
                  @if (check.status === 'drawn' || check.status === 'closed') {
                    {{ 'spotCheck.list.drawnOf' | t: { drawn: check.drawn, population: check.population } }}
                  } @else if (check.population) {
                    {{ 'spotCheck.list.population' | t: { population: check.population } }}
                  } @else {
                    —
                  }
                </td>
                <td data-testid="spot-check-row-inspections">
                  {{ 'spotCheck.list.sentOf' | t: { sent: check.inspections.sent, total: check.inspections.total } }}
                  @if (check.inspections.overdue) {
                    <nz-tag nzColor="red">{{ 'spotCheck.list.overdueCount' | t: { count: check.inspections.overdue } }}</nz-tag>
                  }
                </td>
                <td>{{ check.dueDate }}</td>
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
export class SpotCheckList extends SearchableList {
  private readonly api = inject(SpotChecksApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  // Query parameters, so a filtered list survives opening a spot-check and coming back.
  readonly year = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  readonly section = input<SpotCheckSection>('province');

  protected readonly pageSize = SPOT_CHECK_PAGE_SIZE;
  protected readonly statusOptions = STATUS_OPTIONS;
  protected readonly selectedYear = computed(() => planYearOf(this.year(), this.now()));
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly statusFilter = computed(() =>
    (SPOT_CHECK_STATUSES as readonly string[]).includes(this.status() ?? '') ? (this.status() as SpotCheckStatus) : undefined,
  );
  protected readonly canCreate = computed(() => canRunSpotChecks(this.user.me(), this.section()));
  private readonly query = computed(() => ({ ...this.listFilters(), year: this.selectedYear(), status: this.statusFilter() }));
  protected readonly spotChecks = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: SPOT_CHECK_PAGE_SIZE }),
    stream: ({ params }) => this.api.spotChecks(params),
  });
  protected readonly pageData = computed(() => (this.spotChecks.hasValue() ? this.spotChecks.value() : { items: [], total: 0 }));
  protected readonly short = shortHash;

  /** The export: the list's filters, every page. */
  protected readonly exportFetch = () => this.api.exportSpotChecks(this.query());

  /** Another year: its first page, the other filters kept. */
  protected selectYear(year: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected goToPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
