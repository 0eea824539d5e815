import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzTableModule } from 'ng-zorro-antd/table';
import { TPipe } from '../i18n/t-pipe';
import type { CampaignSection } from './campaign-access';
import { AGENCY_LEVEL_LABELS, SelfInspectionStatusTag } from './campaign-labels';
import type { AgencyProgressRow, CampaignDetail } from './campaigns-api';
import { MoneyPipe } from '../core/money';

/** The pooling regions' agencies: each one's own report and how far it got with the reports it handles. */
@Component({
  selector: 'app-campaign-agency-table',
  imports: [MoneyPipe, RouterLink, NzTableModule, SelfInspectionStatusTag, TPipe],
  template: `
    <h2>{{ 'campaignAgency.progress.heading' | t }}</h2>
    <p class="hint">{{ 'campaignAgency.progress.hint' | t }}</p>
    <div class="table-wrap">
      <nz-table
        #agencyTable
        nzSize="small"
        nzHideOnSinglePage
        data-testid="campaign-agency-table"
        [nzData]="agencies()"
        [nzPageSize]="20"
        [nzNoResult]="'campaign.progress.none' | t"
      >
        <thead>
          <tr>
            <th>{{ 'campaignAgency.col.agency' | t }}</th>
            <th class="col-narrow-hidden">{{ 'campaignAgency.col.level' | t }}</th>
            <th>{{ 'campaignAgency.col.ownReport' | t }}</th>
            <th class="num">{{ 'campaignAgency.col.handled' | t }}</th>
            <th class="num">{{ 'campaign.progress.submitted' | t }}</th>
            <th class="num">{{ 'campaignReview.progress.verified' | t }}</th>
            <th class="num">{{ 'campaignReview.progress.returned' | t }}</th>
            <th class="num col-optional">{{ 'campaignReview.progress.refundVerifiedAmount' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of agencyTable.data; track row.taskId) {
            <tr data-testid="campaign-agency-row" [attr.data-agency]="row.agencyId">
              <td>
                <a data-testid="campaign-agency-open" [routerLink]="['/', section(), 'campaigns', campaign().id, 'agency-tasks', row.taskId]">{{ row.name }}</a>
              </td>
              <td class="col-narrow-hidden">{{ agencyLevelLabels[row.level] | t }}</td>
              <td>
                <app-self-inspection-status
                  [task]="{ status: row.status, late: row.late, selfInspectionEnd: campaign().calendar.selfInspectionEnd, campaignPhase: campaign().phase }"
                  [showCountdown]="false"
                />
              </td>
              <td class="num">{{ row.handled.tasks }}</td>
              <td class="num">{{ row.handled.submitted }}</td>
              <td class="num" data-testid="campaign-agency-verified">{{ row.handled.verified }}</td>
              <td class="num">{{ row.handled.returned }}</td>
              <td class="num col-optional">{{ row.handled.refundVerifiedAmount | money }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignAgencyTable {
  readonly agencies = input.required<readonly AgencyProgressRow[]>();
  readonly campaign = input.required<Pick<CampaignDetail, 'id' | 'phase' | 'calendar'>>();
  readonly section = input.required<CampaignSection>();

  protected readonly agencyLevelLabels = AGENCY_LEVEL_LABELS;
}
