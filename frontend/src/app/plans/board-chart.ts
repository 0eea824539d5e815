import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { BarChartModule } from '@swimlane/ngx-charts';
import { type FilingBoardRow, PLAN_STATUSES, type PlanStatus } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { PLAN_STATUS_LABELS } from './plan-status';
import { wholeTicks } from '../shell/chart-ticks';

/** Bar colours, the same hues as the status tags. */
export const BOARD_CHART_COLORS: Record<PlanStatus, string> = {
  not_started: '#bfbfbf',
  draft: '#1677ff',
  submitted: '#faad14',
  forwarded: '#13c2c2',
  returned: '#fa541c',
  filed: '#52c41a',
  closed: '#722ed1',
};

const ROW_HEIGHT_PX = 36;
/** The x axis and its label below the bars (the legend is HTML above the chart). */
const CHROME_HEIGHT_PX = 70;

/** What a click on a bar of a stacked chart reports. */
interface BarSelection {
  name?: string;
  series?: string;
}

/** Plan status per unit/region row as one stacked horizontal bar each; a click drills down. */
@Component({
  selector: 'app-board-chart',
  imports: [BarChartModule, TPipe],
  template: `
    <ul class="legend" data-testid="board-chart-legend" [attr.aria-label]="'plans.board.legend' | t">
      @for (item of colors(); track item.name) {
        <li><span class="swatch" [style.background]="item.value"></span>{{ item.name }}</li>
      }
    </ul>
    <div
      class="chart"
      data-testid="board-chart"
      role="img"
      [style.height.px]="height()"
      [attr.aria-label]="'plans.board.chartLabel' | t"
    >
      <ngx-charts-bar-horizontal-stacked
        [results]="results()"
        [customColors]="colors()"
        [xAxis]="true"
        [yAxis]="true"
        [legend]="false"
        [showXAxisLabel]="true"
        [xAxisLabel]="'plans.board.unitsAxis' | t"
        [xAxisTickFormatting]="wholeTicks"
        [trimYAxisTicks]="true"
        [maxYAxisTickLength]="10"
        [barPadding]="10"
        [noBarWhenZero]="true"
        (select)="onSelect($event)"
      />
    </div>
  `,
  styleUrl: '../shell/chart-legend.css',
  styles: `
    .chart {
      width: 100%;
      min-height: 200px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardChart {
  private readonly i18n = inject(TranslationService);

  readonly rows = input.required<readonly FilingBoardRow[]>();
  /** A drillable row's bar was clicked. */
  readonly drill = output<FilingBoardRow>();

  /** One group per row, one series per status (in workflow order), labelled in the current language. */
  protected readonly results = computed(() =>
    this.rows().map((row) => ({
      name: row.regionName,
      series: PLAN_STATUSES.map((status) => ({
        name: this.i18n.t(PLAN_STATUS_LABELS[status]),
        value: row.statusCounts[status] ?? 0,
      })),
    })),
  );
  protected readonly colors = computed(() =>
    PLAN_STATUSES.map((status) => ({ name: this.i18n.t(PLAN_STATUS_LABELS[status]), value: BOARD_CHART_COLORS[status] })),
  );
  protected readonly height = computed(() => Math.max(200, this.rows().length * ROW_HEIGHT_PX + CHROME_HEIGHT_PX));

  /** Unit counts are whole numbers; fractional ticks would be noise. */
  protected readonly wholeTicks = wholeTicks;

  protected onSelect(selection: BarSelection | string): void {
    // ngx-charts reports a legend click as the bare series name; there is nothing to drill into then.
    if (typeof selection === 'string') return;
    const row = this.rows().find((r) => r.regionName === selection.series);
    if (row?.drillable) this.drill.emit(row);
  }
}
