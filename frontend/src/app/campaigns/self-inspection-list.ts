import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzTableModule } from 'ng-zorro-antd/table';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { CampaignPhaseTag, ReviewStatusTag, SELF_INSPECTION_STATUS_LABELS, SelfInspectionStatusTag } from './campaign-labels';
import { CampaignsApi, SELF_INSPECTION_STATUSES, type SelfInspectionQuery } from './campaigns-api';

export const OWN_TASK_PAGE_SIZE = 50;

/**
 * 自查自纠: the institution's own self-inspection tasks, with the days left to report and its agency's
 * review; filtered by status and period (the report's submission day), sorted, exported (issue 16 §2;
 * the filters in the URL).
 */
@Component({
  selector: 'app-self-inspection-list',
  imports: [RouterLink, NzTableModule, CampaignPhaseTag, ListToolbar, ReviewStatusTag, SelfInspectionStatusTag, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1>{{ 'selfInspection.list.heading' | t }}</h1>
      </header>
      <app-list-toolbar
        [filters]="listFilters()"
        [showRegion]="false"
        [status]="status()"
        [statusOptions]="statusOptions"
        [exportFetch]="exportFetch"
        [exportName]="'selfInspection.list.heading' | t"
        (changed)="filterList($event)"
      />
      @if (tasks.error()) {
        <p class="error" data-testid="self-inspection-error">{{ 'campaign.loadFailed' | t }}</p>
      } @else {
        <div class="table-wrap">
          <nz-table
            #table
            nzSize="middle"
            data-testid="self-inspection-table"
            [nzData]="data().items"
            [nzFrontPagination]="false"
            [nzTotal]="data().total"
            [nzPageSize]="pageSize"
            [nzPageIndex]="pageIndex()"
            (nzPageIndexChange)="filterPage($event)"
            [nzHideOnSinglePage]="true"
            [nzLoading]="tasks.isLoading()"
            [nzNoResult]="'selfInspection.list.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'selfInspection.col.campaign' | t }}</th>
                <th class="col-narrow-hidden">{{ 'selfInspection.col.phase' | t }}</th>
                <th>{{ 'selfInspection.col.window' | t }}</th>
                <th [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">{{ 'selfInspection.col.status' | t }}</th>
                <th [nzSortFn]="true" [nzSortOrder]="sortOrder('review')" (nzSortOrderChange)="sortBy('review', $event)">{{ 'campaignReview.col.review' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (task of table.data; track task.id) {
                <tr data-testid="self-inspection-row" [attr.data-id]="task.id">
                  <td>
                    <a data-testid="self-inspection-open" [routerLink]="['/institution/self-inspection', task.id]">{{ task.campaignTitle }}</a>
                  </td>
                  <td class="col-narrow-hidden"><app-campaign-phase [phase]="task.campaignPhase" /></td>
                  <td class="nowrap">{{ task.selfInspectionStart }} ~ {{ task.selfInspectionEnd }}</td>
                  <td><app-self-inspection-status [task]="task" /></td>
                  <td><app-review-status [status]="task.review.status" [corrections]="task.review.corrections" /></td>
                </tr>
              }
            </tbody>
          </nz-table>
        </div>
      }
    </section>
  `,
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelfInspectionList extends SearchableList {
  private readonly api = inject(CampaignsApi);

  /** Query parameters (with the shared ones of SearchableList). */
  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly statusOptions: readonly StatusOption[] = SELF_INSPECTION_STATUSES.map((s) => ({ value: s, label: SELF_INSPECTION_STATUS_LABELS[s] }));
  protected readonly pageSize = OWN_TASK_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  private readonly query = computed((): SelfInspectionQuery => ({ ...this.listFilters(), status: this.status() || undefined }));
  protected readonly tasks = rxResource({
    params: () => ({ ...this.query(), page: this.pageIndex(), pageSize: OWN_TASK_PAGE_SIZE }),
    stream: ({ params }) => this.api.tasks(params),
  });
  protected readonly data = computed(() => (this.tasks.hasValue() ? this.tasks.value() : { items: [], total: 0 }));
  protected readonly exportFetch = () => this.api.exportTasks(this.query());
}
