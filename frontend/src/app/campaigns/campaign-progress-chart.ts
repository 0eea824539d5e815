import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { BarChartModule } from '@swimlane/ngx-charts';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { ProgressRow } from './campaigns-api';
import { wholeTicks } from '../shell/chart-ticks';
import { labelTable } from '../i18n/label-table';

export type ProgressPart = 'onTime' | 'late' | 'missing' | 'pending';
export const PROGRESS_PARTS: readonly ProgressPart[] = ['onTime', 'late', 'missing', 'pending'];

export const PROGRESS_PART_LABELS: Record<ProgressPart, TranslationKey> = labelTable('campaign.progress', ['onTime', 'late', 'missing', 'pending']);

const PROGRESS_PART_COLORS: Record<ProgressPart, string> = {
  onTime: '#52c41a',
  late: '#faad14',
  missing: '#f5222d',
  pending: '#bfbfbf',
};

/**
 * A row's tasks split four ways: submitted on time, submitted late, missing (not submitted at the
 * self-inspection close) and pending (not submitted, window still open). `late` counts submitted
 * reports, so it is part of `submitted`.
 */
export function progressParts(row: Pick<ProgressRow, 'tasks' | 'submitted' | 'late' | 'missing'>): Record<ProgressPart, number> {
  const late = Math.min(row.late, row.submitted);
  return {
    onTime: Math.max(0, row.submitted - late),
    late,
    missing: row.missing,
    pending: Math.max(0, row.tasks - row.submitted - row.missing),
  };
}

const ROW_HEIGHT_PX = 36;
const CHROME_HEIGHT_PX = 70;

/** Self-inspection reports per city (or kind): one stacked horizontal bar per row. */
@Component({
  selector: 'app-campaign-progress-chart',
  imports: [BarChartModule, TPipe],
  template: `
    <ul class="legend" [attr.data-testid]="testId() + '-legend'" [attr.aria-label]="'campaign.progress.legend' | t">
      @for (item of colors(); track item.name) {
        <li><span class="swatch" [style.background]="item.value"></span>{{ item.name }}</li>
      }
    </ul>
    <div class="chart" [attr.data-testid]="testId()" role="img" [style.height.px]="height()" [attr.aria-label]="label() | t">
      <ngx-charts-bar-horizontal-stacked
        [results]="results()"
        [customColors]="colors()"
        [xAxis]="true"
        [yAxis]="true"
        [legend]="false"
        [showXAxisLabel]="true"
        [xAxisLabel]="'campaign.progress.tasksAxis' | t"
        [xAxisTickFormatting]="wholeTicks"
        [trimYAxisTicks]="true"
        [maxYAxisTickLength]="10"
        [barPadding]="10"
        [noBarWhenZero]="true"
      />
    </div>
  `,
  styleUrl: '../shell/chart-legend.css',
  styles: `
    .chart {
      width: 100%;
      min-height: 180px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignProgressChart {
  private readonly i18n = inject(TranslationService);

  readonly rows = input.required<readonly ProgressRow[]>();
  readonly label = input<TranslationKey>('campaign.progress.chartLabel');
  readonly testId = input('campaign-progress-chart');

  protected readonly results = computed(() =>
    this.rows().map((row) => {
      const parts = progressParts(row);
      return {
        name: row.name,
        series: PROGRESS_PARTS.map((part) => ({ name: this.i18n.t(PROGRESS_PART_LABELS[part]), value: parts[part] })),
      };
    }),
  );
  protected readonly colors = computed(() =>
    PROGRESS_PARTS.map((part) => ({ name: this.i18n.t(PROGRESS_PART_LABELS[part]), value: PROGRESS_PART_COLORS[part] })),
  );
  protected readonly height = computed(() => Math.max(180, this.rows().length * ROW_HEIGHT_PX + CHROME_HEIGHT_PX));
  protected readonly wholeTicks = wholeTicks;
}
