import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { TPipe } from '../i18n/t-pipe';
import type { CampaignSection } from './campaign-access';
import { KIND_LABELS, ReviewStatusTag, SELF_INSPECTION_STATUS_LABELS, SelfInspectionStatusTag } from './campaign-labels';
import { CampaignsApi, INSTITUTION_KINDS, type InstitutionKind, SELF_INSPECTION_STATUSES, type SelfInspectionStatus } from './campaigns-api';
import { MoneyPipe } from '../core/money';

export const TASK_PAGE_SIZE = 50;

/**
 * An assigned campaign's self-inspection tasks, a page at a time, filtered by city, status and
 * institution kind (a new filter goes back to page 1); each row opens the task.
 */
@Component({
  selector: 'app-campaign-task-table',
  imports: [MoneyPipe, DatePipe, FormsModule, RouterLink, NzSelectModule, NzTableModule, ReviewStatusTag, SelfInspectionStatusTag, TPipe],
  template: `
    <h2>{{ 'campaign.tasks.heading' | t }}</h2>
    <div class="filters" data-testid="campaign-task-filters">
      <nz-select
        nzAllowClear
        data-testid="campaign-filter-city"
        [attr.aria-label]="'campaign.tasks.city' | t"
        [nzPlaceHolder]="'campaign.tasks.allCities' | t"
        [ngModel]="cityFilter()"
        (ngModelChange)="setCityFilter($event)"
      >
        @for (city of cities(); track city.code) {
          <nz-option [nzValue]="city.code" [nzLabel]="city.name" />
        }
      </nz-select>
      <nz-select
        nzAllowClear
        data-testid="campaign-filter-status"
        [attr.aria-label]="'campaign.tasks.status' | t"
        [nzPlaceHolder]="'campaign.tasks.allStatuses' | t"
        [ngModel]="statusFilter()"
        (ngModelChange)="setStatusFilter($event)"
      >
        @for (status of statuses; track status) {
          <nz-option [nzValue]="status" [nzLabel]="statusLabels[status] | t" />
        }
      </nz-select>
      <nz-select
        nzAllowClear
        data-testid="campaign-filter-kind"
        [attr.aria-label]="'campaign.tasks.kind' | t"
        [nzPlaceHolder]="'campaign.tasks.allKinds' | t"
        [ngModel]="kindFilter()"
        (ngModelChange)="setKindFilter($event)"
      >
        @for (kind of kinds; track kind) {
          <nz-option [nzValue]="kind" [nzLabel]="kindLabels[kind] | t" />
        }
      </nz-select>
      <span class="hint" data-testid="campaign-task-total">{{ 'campaign.tasks.total' | t: { total: taskPage().total } }}</span>
    </div>
    <div class="table-wrap">
      <nz-table
        #taskTable
        nzSize="middle"
        data-testid="campaign-task-table"
        [nzData]="taskPage().items"
        [nzFrontPagination]="false"
        [nzTotal]="taskPage().total"
        [nzPageSize]="pageSize"
        [nzPageIndex]="page()"
        (nzPageIndexChange)="page.set($event)"
        [nzLoading]="tasksResource.isLoading()"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="'campaign.tasks.none' | t"
      >
        <thead>
          <tr>
            <th>{{ 'campaign.col.institution' | t }}</th>
            <th class="col-narrow-hidden">{{ 'campaign.col.region' | t }}</th>
            <th class="col-optional">{{ 'campaign.progress.kind' | t }}</th>
            <th>{{ 'campaign.col.status' | t }}</th>
            <th class="col-optional">{{ 'selfInspection.submittedAt' | t }}</th>
            <th class="num col-narrow-hidden">{{ 'selfInspection.refund' | t }}</th>
            <th class="num col-optional">{{ 'selfInspection.issues' | t }}</th>
            <th>{{ 'campaignReview.col.review' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (task of taskTable.data; track task.id) {
            <tr data-testid="campaign-task-row" [attr.data-id]="task.id">
              <td>
                <a data-testid="campaign-task-open" [routerLink]="['/', section(), 'campaigns', campaignId(), 'tasks', task.id]">{{ task.institution.name }}</a>
              </td>
              <td class="col-narrow-hidden">{{ task.institution.regionName }}</td>
              <td class="col-optional">{{ kindLabels[task.institution.kind] | t }}</td>
              <td><app-self-inspection-status [task]="task" [showCountdown]="false" /></td>
              <td class="col-optional nowrap">
                @if (task.submittedAt) {
                  <time [attr.datetime]="task.submittedAt">{{ task.submittedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</time>
                } @else {
                  <span class="hint">—</span>
                }
              </td>
              <td class="num col-narrow-hidden">{{ task.refundedAmount | money }}</td>
              <td class="num col-optional">{{ task.issues.length }}</td>
              <td><app-review-status [status]="task.review.status" [corrections]="task.review.corrections" /></td>
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

  readonly campaignId = input.required<string>();
  readonly section = input.required<CampaignSection>();
  /** The cities of the user's scope, for the city filter. */
  readonly cities = input.required<readonly { code: string; name: string }[]>();

  protected readonly kinds = INSTITUTION_KINDS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly statuses = SELF_INSPECTION_STATUSES;
  protected readonly statusLabels = SELF_INSPECTION_STATUS_LABELS;
  protected readonly pageSize = TASK_PAGE_SIZE;
  protected readonly cityFilter = signal<string | null>(null);
  protected readonly statusFilter = signal<SelfInspectionStatus | null>(null);
  protected readonly kindFilter = signal<InstitutionKind | null>(null);
  protected readonly page = signal(1);
  protected readonly tasksResource = rxResource({
    params: () => ({
      campaignId: this.campaignId(),
      cityCode: this.cityFilter() ?? undefined,
      status: this.statusFilter() ?? undefined,
      kind: this.kindFilter() ?? undefined,
      page: this.page(),
      pageSize: TASK_PAGE_SIZE,
    }),
    stream: ({ params }) => this.api.tasks(params),
  });
  protected readonly taskPage = computed(() => (this.tasksResource.hasValue() ? this.tasksResource.value() : { items: [], total: 0 }));

  protected setCityFilter(value: string | null): void {
    this.cityFilter.set(value || null);
    this.page.set(1);
  }

  protected setStatusFilter(value: SelfInspectionStatus | null): void {
    this.statusFilter.set(value || null);
    this.page.set(1);
  }

  protected setKindFilter(value: InstitutionKind | null): void {
    this.kindFilter.set(value || null);
    this.page.set(1);
  }
}
