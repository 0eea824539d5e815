import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { CurrentUser } from '../core/current-user';
import { pageFromQuery } from '../core/paging';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { PLAN_STATUSES } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { SearchableList } from '../shell/searchable-list';
import { TPipe } from '../i18n/t-pipe';
import type { PlanSection } from './plan-access';
import { PlanNav, PlanYearSelect, planYearOf } from './plan-nav';
import { PLAN_STATUS_LABELS, PlanStatusTag } from './plan-status';
import { type PlanListQuery, PlansApi } from './plans-api';
import { CLOCK } from '../core/clock';
import { TodoCentre } from '../home/todo';
import { catchError, of } from 'rxjs';

export const REVIEW_PAGE_SIZE = 20;

/**
 * The plans waiting for the user's step, oldest first: submitted county plans for the city agency
 * (to review and forward, 待审核汇总), forwarded ones for the city bureau and submitted city plans for
 * the province (待备案). With `ledger` (route data, 方案台账): every plan of the year in the user's
 * scope, filtered by status too. Both searched, sorted, paged and exported on the server (issue 16 §2).
 */
@Component({
  selector: 'app-review-queue',
  imports: [DatePipe, RouterLink, NzButtonModule, NzIconModule, NzTableModule, ListToolbar, PlanNav, PlanStatusTag, PlanYearSelect, TPipe],
  template: `
    <section class="panel">
      <app-plan-nav [section]="section()" [year]="selectedYear()" />
      <header class="toolbar">
        <h1 data-testid="review-heading">{{ heading() | t: { year: selectedYear() } }}</h1>
        <app-plan-year [year]="selectedYear()" (yearChange)="selectYear($event)" />
        <button nz-button type="button" data-testid="review-refresh" (click)="queue.reload()">
          <nz-icon nzType="reload" />{{ 'plans.refresh' | t }}
        </button>
      </header>

      <app-list-toolbar
        [filters]="listFilters()"
        [status]="ledger() ? status() : undefined"
        [statusOptions]="ledger() ? statusOptions : []"
        [exportFetch]="exportFetch"
        [exportName]="(ledger() ? 'plans.list.title' : 'plans.review.title') | t"
        (changed)="filterList($event)"
      />

      @if (queue.error()) {
        <p class="error" data-testid="review-error">{{ 'plans.loadFailed' | t }}</p>
      }

      <nz-table
        #table
        nzSize="middle"
        nzHideOnSinglePage
        data-testid="review-table"
        [nzData]="queuePage().items"
        [nzFrontPagination]="false"
        [nzTotal]="queuePage().total"
        [nzLoading]="queue.isLoading()"
        [nzPageSize]="pageSize"
        [nzPageIndex]="pageIndex()"
        (nzPageIndexChange)="filterPage($event)"
        [nzNoResult]="(ledger() ? 'plans.list.empty' : agency() ? 'plans.review.emptyAgency' : 'plans.review.empty') | t"
      >
        <thead>
          <tr>
            <th [nzSortFn]="true" [nzSortOrder]="sortOrder('unit')" (nzSortOrderChange)="sortBy('unit', $event)">{{ 'plans.col.unit' | t }}</th>
            <th class="col-region" [nzSortFn]="true" [nzSortOrder]="sortOrder('region')" (nzSortOrderChange)="sortBy('region', $event)">{{ 'plans.col.region' | t }}</th>
            <th class="col-submitted" [nzSortFn]="true" [nzSortOrder]="sortOrder('submittedAt')" (nzSortOrderChange)="sortBy('submittedAt', $event)">
              {{ 'plans.col.submittedAt' | t }}
            </th>
            <th [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'plans.col.status' | t }}</th>
            <th class="col-action"></th>
          </tr>
        </thead>
        <tbody>
          @let origin = ledger() ? 'list' : 'review';
          @for (plan of table.data; track plan.id) {
            <tr data-testid="review-row" [attr.data-id]="plan.id">
              <td>
                <a data-testid="review-link" [routerLink]="['/', section(), 'annual-plans', 'plan', plan.id]" [queryParams]="{ from: origin }">{{
                  plan.unitName
                }}</a>
              </td>
              <td class="col-region">{{ plan.regionName }}</td>
              <td class="col-submitted">
                @if (plan.submittedAt) {
                  <time [attr.datetime]="plan.submittedAt">{{ plan.submittedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</time>
                }
              </td>
              <td><app-plan-status [plan]="plan" [showCountdown]="false" /></td>
              <td class="col-action">
                @if (!ledger()) {
                  <a nz-button nzType="primary" nzSize="small" [routerLink]="['/', section(), 'annual-plans', 'plan', plan.id]" [queryParams]="{ from: origin }">
                    {{ 'plans.review.open' | t }}
                  </a>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </section>
  `,
  styles: `
    .col-submitted,
    .col-action {
      white-space: nowrap;
    }

    .error {
      color: #ff4d4f;
    }

    @media (max-width: 767.98px) {
      .panel {
        padding: 16px;
      }

      .col-region,
      .col-submitted {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewQueue extends SearchableList {
  private readonly api = inject(PlansApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);
  private readonly user = inject(CurrentUser);
  private readonly todo = inject(TodoCentre);

  readonly year = input<string>();
  readonly page = input<string>();
  /** 方案台账 (route data): every plan in scope, by status, instead of the plans waiting for the user. */
  readonly ledger = input(false);
  readonly status = input<string>();
  /** The city agency reviews and forwards; the city bureau and the province file. */
  protected readonly agency = computed(() => this.user.me()?.organization.kind === 'agency');
  readonly section = input<PlanSection>('local');

  /**
   * Without a year in the address, the queue opens on the earliest year with plans waiting for the
   * user (issue 16 §1: a plan just submitted for next year must not hide behind the current year),
   * else on the current planning year.
   */
  private readonly waitingYear = rxResource({
    params: () => (this.year() || this.ledger() ? undefined : true),
    stream: () => this.todo.planReviewYear().pipe(catchError(() => of(null))),
  });
  /** The year whose queue is loaded; undefined while the waiting year is being asked for. */
  private readonly queueYear = computed(() => {
    if (this.year() || this.ledger()) return planYearOf(this.year(), this.now());
    if (!this.waitingYear.hasValue()) return undefined;
    return this.waitingYear.value() ?? planYearOf(undefined, this.now());
  });
  protected readonly selectedYear = computed(() => this.queueYear() ?? planYearOf(undefined, this.now()));
  protected readonly heading = computed<TranslationKey>(() =>
    this.ledger() ? 'plans.list.heading' : this.agency() ? 'plans.review.headingAgency' : 'plans.review.heading',
  );
  protected readonly statusOptions: readonly StatusOption[] = PLAN_STATUSES.map((s) => ({ value: s, label: PLAN_STATUS_LABELS[s] }));
  protected readonly pageSize = REVIEW_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  /** The queue's query without its page (undefined while the year is being asked for). */
  private readonly query = computed((): PlanListQuery | undefined =>
    this.queueYear() === undefined
      ? undefined
      : { year: this.queueYear()!, ...this.listFilters(), status: this.ledger() ? this.status() || undefined : undefined },
  );
  /** Oldest waiting first (the backend's default order), unless a column is sorted. */
  protected readonly queue = rxResource({
    params: () => {
      const query = this.query();
      return query ? { ...query, page: this.pageIndex(), pageSize: REVIEW_PAGE_SIZE } : undefined;
    },
    stream: ({ params }) => (this.ledger() ? this.api.plans(params) : this.api.reviewQueue(params)),
  });
  protected readonly queuePage = computed(() => (this.queue.hasValue() ? this.queue.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => {
    const query = this.query();
    return query ? (this.ledger() ? this.api.exportPlans(query) : this.api.exportReviewQueue(query)) : null;
  };

  protected selectYear(year: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { year, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
