import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzTableModule } from 'ng-zorro-antd/table';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { KIND_LABELS } from './campaign-labels';
import { CampaignProgressChart, progressParts } from './campaign-progress-chart';
import type { CampaignProgress, InstitutionKind, ProgressRow } from './campaigns-api';
import { MoneyPipe } from '../core/money';

type TotalKey = 'tasks' | 'submitted' | 'late' | 'missing' | 'verified' | 'refundedAmount' | 'refundVerifiedAmount' | 'issuesFound' | 'issueAmount';
const TOTAL_KEYS: readonly TotalKey[] = [
  'tasks', 'submitted', 'late', 'missing', 'verified', 'refundedAmount', 'refundVerifiedAmount', 'issuesFound', 'issueAmount',
];
const AMOUNT_KEYS: readonly TotalKey[] = ['refundedAmount', 'refundVerifiedAmount', 'issueAmount'];
const TOTAL_LABELS: Readonly<Record<TotalKey, TranslationKey>> = {
  tasks: 'campaign.progress.tasks',
  submitted: 'campaign.progress.submitted',
  late: 'campaign.progress.late',
  missing: 'campaign.progress.missing',
  verified: 'campaignReview.progress.verified',
  refundedAmount: 'campaign.progress.refundedAmount',
  refundVerifiedAmount: 'campaignReview.progress.refundVerifiedAmount',
  issuesFound: 'campaign.progress.issuesFound',
  issueAmount: 'campaign.progress.issueAmount',
};

/**
 * A campaign's self-inspection progress: the totals, then by city and by institution kind (chart and
 * table each). A city's missing count is a button that asks the page for that city's missing list.
 */
@Component({
  selector: 'app-campaign-progress-tables',
  imports: [MoneyPipe, NzButtonModule, NzStatisticModule, NzTableModule, CampaignProgressChart, TPipe],
  template: `
    <div class="cards" data-testid="campaign-totals">
      @for (key of totalKeys; track key) {
        <div class="card" [class.alert]="key === 'missing' && progress().totals.missing > 0" [attr.data-testid]="'campaign-total-' + key">
          @if (amountKeys.includes(key)) {
            <nz-statistic [nzTitle]="totalLabels[key] | t" [nzValue]="(progress().totals[key] | money) ?? ''" />
          } @else {
            <nz-statistic [nzTitle]="totalLabels[key] | t" [nzValue]="progress().totals[key]" />
          }
        </div>
      }
    </div>

    <h3>{{ 'campaign.progress.byCity' | t }}</h3>
    <app-campaign-progress-chart [rows]="progress().byCity" />
    <div class="table-wrap">
      <nz-table #cityTable nzSize="small" nzHideOnSinglePage data-testid="campaign-progress-table" [nzData]="progress().byCity" [nzPageSize]="100" [nzNoResult]="'campaign.progress.none' | t">
        <thead>
          <tr>
            <th>{{ 'campaign.progress.city' | t }}</th>
            <th class="num">{{ 'campaign.progress.tasks' | t }}</th>
            <th class="num">{{ 'campaign.progress.onTime' | t }}</th>
            <th class="num">{{ 'campaign.progress.late' | t }}</th>
            <th class="num">{{ 'campaign.progress.missing' | t }}</th>
            <th class="num">{{ 'campaign.progress.pending' | t }}</th>
            <th class="num">{{ 'campaignReview.progress.verified' | t }}</th>
            <th class="num col-optional">{{ 'campaign.progress.refundedAmount' | t }}</th>
            <th class="num col-optional">{{ 'campaignReview.progress.refundVerifiedAmount' | t }}</th>
            <th class="num col-narrow-hidden">{{ 'campaign.progress.issuesFound' | t }}</th>
            <th class="num col-optional">{{ 'campaign.progress.issueAmount' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of cityTable.data; track row.key) {
            @let split = parts(row);
            <tr data-testid="campaign-progress-row" [attr.data-key]="row.key">
              <td>{{ row.name }}</td>
              <td class="num">{{ row.tasks }}</td>
              <td class="num">{{ split.onTime }}</td>
              <td class="num">{{ split.late }}</td>
              <td class="num">
                @if (row.missing) {
                  <button
                    nz-button
                    nzType="link"
                    nzSize="small"
                    nzDanger
                    type="button"
                    data-testid="campaign-show-missing"
                    [attr.data-key]="row.key"
                    [attr.aria-label]="'campaign.missing.show' | t: { city: row.name }"
                    (click)="showMissing.emit(row.key)"
                  >
                    {{ row.missing }}
                  </button>
                } @else {
                  0
                }
              </td>
              <td class="num">{{ split.pending }}</td>
              <td class="num" data-testid="campaign-progress-verified">{{ row.verified }}</td>
              <td class="num col-optional">{{ row.refundedAmount | money }}</td>
              <td class="num col-optional">{{ row.refundVerifiedAmount | money }}</td>
              <td class="num col-narrow-hidden">{{ row.issuesFound }}</td>
              <td class="num col-optional">{{ row.issueAmount | money }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>

    <h3>{{ 'campaign.progress.byKind' | t }}</h3>
    <app-campaign-progress-chart [rows]="kindRows()" [label]="'campaign.progress.kindChartLabel'" testId="campaign-kind-chart" />
    <div class="table-wrap">
      <nz-table #kindTable nzSize="small" nzHideOnSinglePage data-testid="campaign-kind-table" [nzData]="progress().byKind" [nzPageSize]="100" [nzNoResult]="'campaign.progress.none' | t">
        <thead>
          <tr>
            <th>{{ 'campaign.progress.kind' | t }}</th>
            <th class="num">{{ 'campaign.progress.tasks' | t }}</th>
            <th class="num">{{ 'campaign.progress.onTime' | t }}</th>
            <th class="num">{{ 'campaign.progress.late' | t }}</th>
            <th class="num">{{ 'campaign.progress.missing' | t }}</th>
            <th class="num">{{ 'campaign.progress.pending' | t }}</th>
            <th class="num col-optional">{{ 'campaign.progress.refundedAmount' | t }}</th>
            <th class="num col-narrow-hidden">{{ 'campaign.progress.issuesFound' | t }}</th>
            <th class="num col-optional">{{ 'campaign.progress.issueAmount' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of kindTable.data; track row.key) {
            @let split = parts(row);
            <tr data-testid="campaign-kind-row" [attr.data-key]="row.key">
              <td>{{ kindRowName(row) }}</td>
              <td class="num">{{ row.tasks }}</td>
              <td class="num">{{ split.onTime }}</td>
              <td class="num">{{ split.late }}</td>
              <td class="num">{{ row.missing }}</td>
              <td class="num">{{ split.pending }}</td>
              <td class="num col-optional">{{ row.refundedAmount | money }}</td>
              <td class="num col-narrow-hidden">{{ row.issuesFound }}</td>
              <td class="num col-optional">{{ row.issueAmount | money }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  styleUrls: ['../shell/responsive-page.css', './campaigns.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignProgressTables {
  private readonly i18n = inject(TranslationService);

  readonly progress = input.required<CampaignProgress>();
  /** The city whose missing reports the user asked for. */
  readonly showMissing = output<string>();

  protected readonly totalKeys = TOTAL_KEYS;
  protected readonly amountKeys = AMOUNT_KEYS;
  protected readonly totalLabels = TOTAL_LABELS;
  protected readonly parts = progressParts;
  /** The kind rows with their names in the current language, for the chart. */
  protected readonly kindRows = computed(() => this.progress().byKind.map((row) => ({ ...row, name: this.kindRowName(row) })));

  /** A kind row's label in the current language (the backend sends the zh label). */
  protected kindRowName(row: ProgressRow): string {
    const label = KIND_LABELS[row.key as InstitutionKind];
    return label ? this.i18n.t(label) : row.name;
  }
}
