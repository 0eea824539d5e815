import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzTableModule } from 'ng-zorro-antd/table';
import { TPipe } from '../i18n/t-pipe';
import { CampaignPhaseTag, ReviewStatusTag, SelfInspectionStatusTag } from './campaign-labels';
import { CampaignsApi } from './campaigns-api';

export const OWN_TASK_PAGE_SIZE = 50;

/** 自查自纠: the institution's own self-inspection tasks, with the days left to report and its agency's review. */
@Component({
  selector: 'app-self-inspection-list',
  imports: [RouterLink, NzTableModule, CampaignPhaseTag, ReviewStatusTag, SelfInspectionStatusTag, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1>{{ 'selfInspection.list.heading' | t }}</h1>
      </header>
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
            [nzPageIndex]="page()"
            (nzPageIndexChange)="page.set($event)"
            [nzHideOnSinglePage]="true"
            [nzLoading]="tasks.isLoading()"
            [nzNoResult]="'selfInspection.list.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'selfInspection.col.campaign' | t }}</th>
                <th class="col-narrow-hidden">{{ 'selfInspection.col.phase' | t }}</th>
                <th>{{ 'selfInspection.col.window' | t }}</th>
                <th>{{ 'selfInspection.col.status' | t }}</th>
                <th>{{ 'campaignReview.col.review' | t }}</th>
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
export class SelfInspectionList {
  private readonly api = inject(CampaignsApi);

  protected readonly pageSize = OWN_TASK_PAGE_SIZE;
  protected readonly page = signal(1);
  protected readonly tasks = rxResource({
    params: () => ({ page: this.page(), pageSize: OWN_TASK_PAGE_SIZE }),
    stream: ({ params }) => this.api.tasks(params),
  });
  protected readonly data = computed(() => (this.tasks.hasValue() ? this.tasks.value() : { items: [], total: 0 }));
}
