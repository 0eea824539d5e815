import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { ColumnSort, type ListFilters, sortOrderOf } from '../core/list-query';
import { MoneyPipe } from '../core/money';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { type ListFilterChange, ListToolbar, type StatusOption } from '../shell/list-toolbar';
import type { CampaignSection } from './campaign-access';
import { KIND_LABELS, REVIEW_STATUS_LABELS, ReviewStatusTag, SELF_INSPECTION_STATUS_LABELS, SelfInspectionStatusTag } from './campaign-labels';
import {
  type CampaignPhase,
  CampaignsApi,
  INSTITUTION_KINDS,
  REVIEW_STATUSES,
  SELF_INSPECTION_STATUSES,
  type SelfInspectionQuery,
  type SelfInspectionTask,
} from './campaigns-api';

export const TASK_PAGE_SIZE = 50;

/** Reports can be returned for correction while the institution may still change them. */
const RETURNABLE_PHASES: readonly CampaignPhase[] = ['self_inspection', 'spot_check'];

/** What the handling agency may do with a report (the backend decides finally). */
export type ReviewAction = 'verify' | 'return' | 'refund';

/** A change of the table's filters or page, merged into the page's URL (a cleared filter is ''). */
export type TaskListChange = ListFilterChange & { cityCode?: string; kind?: string; review?: string; page?: string };

/**
 * A campaign's self-inspection tasks (issue 16 §2: searched, filtered, sorted, paged, exported), in
 * two uses: 'tasks' — every task of the campaign in the reader's scope, by city, kind and status (the
 * campaign's page); 'review' — the reports of the institutions the calling agency handles, by review
 * state (awaiting first: its work queue), with the actions on each report. The page that holds it
 * keeps the filters in its URL (SearchableList) and passes them in; the table asks for its rows.
 */
@Component({
  selector: 'app-campaign-task-table',
  imports: [MoneyPipe, DatePipe, FormsModule, RouterLink, NzButtonModule, NzIconModule, NzSelectModule, NzTableModule, ListToolbar, ReviewStatusTag, SelfInspectionStatusTag, TPipe],
  template: `
    @if (mode() === 'tasks') {
      <h2>{{ 'campaign.tasks.heading' | t }}</h2>
    }
    <app-list-toolbar
      [filters]="filters()"
      [status]="mode() === 'tasks' ? status() : undefined"
      [statusOptions]="mode() === 'tasks' ? statusOptions : []"
      [exportFetch]="exportFetch"
      [exportName]="'campaign.tasks.heading' | t"
      (changed)="changed.emit($event)"
    />
    <div class="filters" [attr.data-testid]="mode() === 'tasks' ? 'campaign-task-filters' : null">
      @if (mode() === 'tasks') {
        <nz-select
          nzAllowClear
          data-testid="campaign-filter-city"
          [attr.aria-label]="'campaign.tasks.city' | t"
          [nzPlaceHolder]="'campaign.tasks.allCities' | t"
          [ngModel]="cityCode() ?? null"
          (ngModelChange)="changed.emit({ cityCode: $event ?? '' })"
        >
          @for (city of cities(); track city.code) {
            <nz-option [nzValue]="city.code" [nzLabel]="city.name" />
          }
        </nz-select>
        <nz-select
          nzAllowClear
          data-testid="campaign-filter-kind"
          [attr.aria-label]="'campaign.tasks.kind' | t"
          [nzPlaceHolder]="'campaign.tasks.allKinds' | t"
          [ngModel]="kind() ?? null"
          (ngModelChange)="changed.emit({ kind: $event ?? '' })"
        >
          @for (kind of kinds; track kind) {
            <nz-option [nzValue]="kind" [nzLabel]="kindLabels[kind] | t" />
          }
        </nz-select>
      } @else {
        <nz-select
          data-testid="review-filter"
          [attr.aria-label]="'campaignReview.col.review' | t"
          [ngModel]="reviewShown()"
          (ngModelChange)="changed.emit({ review: $event === 'awaiting' ? '' : $event })"
        >
          @for (status of reviewStatuses; track status) {
            <nz-option [nzValue]="status" [nzLabel]="reviewLabels[status] | t" />
          }
          <nz-option nzValue="all" [nzLabel]="'campaignReview.allReports' | t" />
        </nz-select>
      }
      <span class="hint" [attr.data-testid]="ids().total">{{ 'campaign.tasks.total' | t: { total: taskPage().total } }}</span>
    </div>
    <div class="table-wrap">
      <nz-table
        #taskTable
        nzSize="middle"
        [attr.data-testid]="ids().table"
        [nzData]="taskPage().items"
        [nzFrontPagination]="false"
        [nzTotal]="taskPage().total"
        [nzPageSize]="pageSize"
        [nzPageIndex]="pageIndex()"
        (nzPageIndexChange)="changed.emit({ page: $event > 1 ? '' + $event : '' })"
        [nzLoading]="tasks.isLoading()"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="(mode() === 'review' ? 'campaignReview.none' : 'campaign.tasks.none') | t"
      >
        <thead>
          <tr>
            <th [nzSortFn]="true" [nzSortOrder]="sortOrder('institution')" (nzSortOrderChange)="sortBy('institution', $event)">{{ 'campaign.col.institution' | t }}</th>
            <th class="col-narrow-hidden" [nzSortFn]="true" [nzSortOrder]="sortOrder('region')" (nzSortOrderChange)="sortBy('region', $event)">{{ 'campaign.col.region' | t }}</th>
            <th class="col-optional">{{ 'campaign.progress.kind' | t }}</th>
            <th [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'campaign.col.status' | t }}</th>
            @if (mode() === 'tasks') {
              <th class="col-optional" [nzSortFn]="true" [nzSortOrder]="sortOrder('submittedAt')" (nzSortOrderChange)="sortBy('submittedAt', $event)">
                {{ 'selfInspection.submittedAt' | t }}
              </th>
            }
            <th class="num col-narrow-hidden" [nzSortFn]="true" [nzSortOrder]="sortOrder('refundedAmount')" (nzSortOrderChange)="sortBy('refundedAmount', $event)">
              {{ 'selfInspection.refund' | t }}
            </th>
            @if (mode() === 'tasks') {
              <th class="num col-optional">{{ 'selfInspection.issues' | t }}</th>
            }
            <th [nzSortFn]="true" [nzSortOrder]="sortOrder('review')" (nzSortOrderChange)="sortBy('review', $event)">{{ 'campaignReview.col.review' | t }}</th>
            @if (mode() === 'review') {
              <th class="num col-optional">{{ 'campaignReview.col.refundVerified' | t }}</th>
              <th>{{ 'campaignReview.col.actions' | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (task of taskTable.data; track task.id) {
            <tr [attr.data-testid]="ids().row" [attr.data-id]="task.id">
              <td>
                <a [attr.data-testid]="ids().open" [routerLink]="['/', section(), 'campaigns', campaignId(), 'tasks', task.id]">{{ task.institution.name }}</a>
              </td>
              <td class="col-narrow-hidden">{{ task.institution.regionName }}</td>
              <td class="col-optional">{{ kindLabels[task.institution.kind] | t }}</td>
              <td><app-self-inspection-status [task]="task" [showCountdown]="false" /></td>
              @if (mode() === 'tasks') {
                <td class="col-optional nowrap">
                  @if (task.submittedAt) {
                    <time [attr.datetime]="task.submittedAt">{{ task.submittedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</time>
                  } @else {
                    <span class="hint">—</span>
                  }
                </td>
              }
              <td class="num col-narrow-hidden">{{ task.refundedAmount | money }}</td>
              @if (mode() === 'tasks') {
                <td class="num col-optional">{{ task.issues.length }}</td>
              }
              <td><app-review-status [status]="task.review.status" [corrections]="task.review.corrections" /></td>
              @if (mode() === 'review') {
                <td class="num col-optional" data-testid="review-refund-verified">
                  @if (task.review.refundConfirmed) {
                    {{ task.review.refundVerifiedAmount | money }}
                  } @else {
                    <span class="hint">—</span>
                  }
                </td>
                <td class="nowrap">
                  @if (actions() && canVerify(task)) {
                    <button nz-button nzType="link" nzSize="small" type="button" data-testid="review-verify" (click)="act.emit({ action: 'verify', task })">
                      <nz-icon nzType="check-circle" />{{ 'campaignReview.verify.action' | t }}
                    </button>
                  }
                  @if (actions() && canReturn(task)) {
                    <button nz-button nzType="link" nzSize="small" nzDanger type="button" data-testid="review-return" (click)="act.emit({ action: 'return', task })">
                      <nz-icon nzType="rollback" />{{ 'campaignReview.return.action' | t }}
                    </button>
                  }
                  @if (actions() && canRecordRefund(task)) {
                    <button nz-button nzType="link" nzSize="small" type="button" data-testid="review-refund" (click)="act.emit({ action: 'refund', task })">
                      {{ 'campaignReview.refund.action' | t }}
                    </button>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignTaskTable {
  private readonly api = inject(CampaignsApi);
  private readonly columnSort = new ColumnSort();

  readonly mode = input<'tasks' | 'review'>('tasks');
  readonly campaignId = input.required<string>();
  readonly section = input.required<CampaignSection>();
  /** The cities of the user's scope, for the city filter ('tasks'). */
  readonly cities = input<readonly { code: string; name: string }[]>([]);
  /** The page's filters, from its URL. */
  readonly filters = input<ListFilters>({});
  readonly status = input<string>();
  readonly kind = input<string>();
  readonly cityCode = input<string>();
  /** 'review': the review state shown (awaiting by default; 'all' for every report). */
  readonly review = input<string>();
  readonly page = input<string>();
  /** 'review': whether the reader is the handling agency, who acts on the reports. */
  readonly actions = input(false);

  readonly changed = output<TaskListChange>();
  readonly act = output<{ action: ReviewAction; task: SelfInspectionTask }>();

  protected readonly kinds = INSTITUTION_KINDS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly reviewStatuses = REVIEW_STATUSES;
  protected readonly reviewLabels = REVIEW_STATUS_LABELS;
  protected readonly statusOptions: readonly StatusOption[] = SELF_INSPECTION_STATUSES.map((s) => ({ value: s, label: SELF_INSPECTION_STATUS_LABELS[s] }));
  protected readonly pageSize = TASK_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly reviewShown = computed(() => this.review() || 'awaiting');
  /** The data-testids of each use (the pages' tests and the browser tests know them). */
  protected readonly ids = computed(() =>
    this.mode() === 'review'
      ? { table: 'review-table', row: 'review-row', open: 'review-open', total: 'review-total' }
      : { table: 'campaign-task-table', row: 'campaign-task-row', open: 'campaign-task-open', total: 'campaign-task-total' },
  );

  /** The list's query without its page. */
  private readonly query = computed((): SelfInspectionQuery => {
    const review = this.mode() === 'review';
    const wanted = this.reviewShown();
    return {
      campaignId: this.campaignId(),
      cityCode: review ? undefined : this.cityCode() || undefined,
      status: review ? undefined : this.status() || undefined,
      kind: review ? undefined : this.kind() || undefined,
      handledByMe: review ? true : undefined,
      review: review && wanted !== 'all' ? wanted : undefined,
      ...this.filters(),
    };
  });
  protected readonly tasks = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: TASK_PAGE_SIZE }),
    stream: ({ params }) => this.api.tasks(params),
  });
  protected readonly taskPage = computed(() => (this.tasks.hasValue() ? this.tasks.value() : { items: [], total: 0 }));
  /** The export: the same filters, every page. */
  protected readonly exportFetch = () => this.api.exportTasks(this.query());

  reload(): void {
    this.tasks.reload();
  }

  protected sortOrder(field: string) {
    return sortOrderOf(this.filters().sort, field);
  }

  protected sortBy(field: string, order: string | null): void {
    const sort = this.columnSort.next(this.filters().sort, field, order);
    if (sort !== undefined) this.changed.emit({ sort: sort ?? '' });
  }

  protected canVerify(task: SelfInspectionTask): boolean {
    return task.status === 'submitted' && task.review.status === 'awaiting' && task.campaignPhase !== 'closed';
  }

  protected canReturn(task: SelfInspectionTask): boolean {
    return this.canVerify(task) && RETURNABLE_PHASES.includes(task.campaignPhase);
  }

  protected canRecordRefund(task: SelfInspectionTask): boolean {
    return task.review.status === 'verified' && task.review.refundConfirmed !== true && task.campaignPhase !== 'closed';
  }
}
