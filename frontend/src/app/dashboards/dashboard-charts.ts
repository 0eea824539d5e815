import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, computed, inject, input, output, signal } from '@angular/core';
import { BarChartModule, type Color, GaugeModule, LineChartModule, ScaleType, TreeMapModule } from '@swimlane/ngx-charts';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../i18n/t-pipe';
import { type Lang, TranslationService } from '../i18n/translation';
import { formatMoneyScaled, formatMoneyTick } from '../core/money';
import { formatRatio } from './dashboard-period';
import type { RuleState } from './dashboards-api';
import { wholeTicks } from '../shell/chart-ticks';

// The dashboard's charts (ngx-charts). None has a fixed width: each takes the width of its
// container (ngx-charts measures the parent and follows window resizes) and a height from its
// rows, so the grid around them decides the layout from 1366×768 down to a tablet.

export interface ChartRow {
  /** The child's code (region code or institution id), to drill or open its list. */
  readonly code: string;
  readonly name: string;
  readonly value: number;
}

export interface ChartGroup {
  readonly code: string;
  readonly name: string;
  readonly series: readonly { readonly name: string; readonly value: number }[];
}

export interface ChartColor {
  readonly name: string;
  readonly value: string;
}

export const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#fa8c16', '#2f54eb', '#a0d911'];

const SCHEME: Color = { name: 'dashboard', selectable: true, group: ScaleType.Ordinal, domain: PALETTE };

const ROW_HEIGHT_PX = 32;
const CHROME_HEIGHT_PX = 70;
const MIN_HEIGHT_PX = 180;

const CHART_STYLES = `
  .chart {
    width: 100%;
    min-width: 0;
    overflow: hidden;
  }

  .empty {
    padding: 24px 0;
    color: rgba(0, 0, 0, 0.6);
    text-align: center;
  }
`;


/** Axis ticks of an amount, scaled like the cards (20 万元, 1.5 亿元): 12,345,678.00 is too long for an axis. */
export const amountTicks = (value: number, lang: Lang = 'zh-CN'): string => formatMoneyTick(value, lang);

/** What ngx-charts reports for a click: a data item, or a legend entry's bare name. */
type Selection = { name?: unknown; series?: unknown } | string;

/** One horizontal bar per child unit; a click on a bar picks that unit. */
@Component({
  selector: 'app-dashboard-bar-chart',
  imports: [BarChartModule, TPipe],
  template: `
    @if (hasData()) {
      <div class="chart" role="img" [attr.data-testid]="testId()" [attr.aria-label]="label()" [style.height.px]="height()">
        <ngx-charts-bar-horizontal
          [results]="results()"
          [scheme]="scheme"
          [xAxis]="true"
          [yAxis]="true"
          [showXAxisLabel]="true"
          [xAxisLabel]="axisLabel()"
          [xAxisTickFormatting]="amount() ? amountTicks : wholeTicks"
          [trimYAxisTicks]="true"
          [maxYAxisTickLength]="10"
          [barPadding]="8"
          [noBarWhenZero]="true"
          (select)="onSelect($event)"
        />
      </div>
    } @else {
      <p class="empty" [attr.data-testid]="testId()">{{ 'dashboard.chart.empty' | t }}</p>
    }
  `,
  styleUrl: '../shell/chart-legend.css',
  styles: CHART_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardBarChart {
  readonly rows = input.required<readonly ChartRow[]>();
  readonly label = input.required<string>();
  readonly axisLabel = input('');
  readonly amount = input(false);
  readonly testId = input.required<string>();
  readonly pick = output<string>();

  private readonly i18n = inject(TranslationService);

  protected readonly scheme = SCHEME;
  protected readonly wholeTicks = wholeTicks;
  protected readonly amountTicks = (value: number): string => amountTicks(value, this.i18n.lang());
  protected readonly results = computed(() => this.rows().map((row) => ({ name: row.name, value: row.value })));
  protected readonly hasData = computed(() => this.rows().some((row) => row.value > 0));
  protected readonly height = computed(() => Math.max(MIN_HEIGHT_PX, this.rows().length * ROW_HEIGHT_PX + CHROME_HEIGHT_PX));

  protected onSelect(selection: Selection): void {
    if (typeof selection === 'string') return;
    const row = this.rows().find((r) => r.name === selection.name);
    if (row) this.pick.emit(row.code);
  }
}

/** One stacked horizontal bar per child unit (e.g. measures by type); a click picks the unit. */
@Component({
  selector: 'app-dashboard-stacked-chart',
  imports: [BarChartModule, TPipe],
  template: `
    @if (hasData()) {
      <ul class="legend" [attr.data-testid]="testId() + '-legend'" [attr.aria-label]="'dashboard.chart.legend' | t">
        @for (item of colors(); track item.name) {
          <li><span class="swatch" [style.background]="item.value"></span>{{ item.name }}</li>
        }
      </ul>
      <div class="chart" role="img" [attr.data-testid]="testId()" [attr.aria-label]="label()" [style.height.px]="height()">
        <ngx-charts-bar-horizontal-stacked
          [results]="results()"
          [customColors]="colors()"
          [xAxis]="true"
          [yAxis]="true"
          [legend]="false"
          [showXAxisLabel]="true"
          [xAxisLabel]="axisLabel()"
          [xAxisTickFormatting]="wholeTicks"
          [trimYAxisTicks]="true"
          [maxYAxisTickLength]="10"
          [barPadding]="8"
          [noBarWhenZero]="true"
          (select)="onSelect($event)"
        />
      </div>
    } @else {
      <p class="empty" [attr.data-testid]="testId()">{{ 'dashboard.chart.empty' | t }}</p>
    }
  `,
  styleUrl: '../shell/chart-legend.css',
  styles: CHART_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardStackedChart {
  readonly groups = input.required<readonly ChartGroup[]>();
  readonly colors = input.required<readonly ChartColor[]>();
  readonly label = input.required<string>();
  readonly axisLabel = input('');
  readonly testId = input.required<string>();
  readonly pick = output<string>();

  protected readonly wholeTicks = wholeTicks;
  protected readonly results = computed(() => this.groups().map((g) => ({ name: g.name, series: g.series.map((s) => ({ ...s })) })));
  protected readonly hasData = computed(() => this.groups().some((g) => g.series.some((s) => s.value > 0)));
  protected readonly height = computed(() => Math.max(MIN_HEIGHT_PX, this.groups().length * ROW_HEIGHT_PX + CHROME_HEIGHT_PX));

  protected onSelect(selection: Selection): void {
    if (typeof selection === 'string') return;
    const group = this.groups().find((g) => g.name === selection.series);
    if (group) this.pick.emit(group.code);
  }
}

export interface LineSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly { readonly name: string; readonly value: number }[];
}

/** Month by month, this period against the same months last year. */
@Component({
  selector: 'app-dashboard-line-chart',
  imports: [LineChartModule, TPipe],
  template: `
    <ul class="legend" [attr.data-testid]="testId() + '-legend'" [attr.aria-label]="'dashboard.chart.legend' | t">
      @for (item of colors(); track item.name) {
        <li><span class="swatch" [style.background]="item.value"></span>{{ item.name }}</li>
      }
    </ul>
    <div class="chart" role="img" [attr.data-testid]="testId()" [attr.aria-label]="label()" style="height: 280px">
      <ngx-charts-line-chart
        [results]="results()"
        [customColors]="colors()"
        [xAxis]="true"
        [yAxis]="true"
        [legend]="false"
        [yAxisTickFormatting]="wholeTicks"
        [autoScale]="false"
      />
    </div>
  `,
  styleUrl: '../shell/chart-legend.css',
  styles: CHART_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardLineChart {
  readonly series = input.required<readonly LineSeries[]>();
  readonly label = input.required<string>();
  readonly testId = input.required<string>();

  protected readonly wholeTicks = wholeTicks;
  protected readonly results = computed(() => this.series().map((s) => ({ name: s.name, series: s.points.map((p) => ({ ...p })) })));
  protected readonly colors = computed(() => this.series().map((s) => ({ name: s.name, value: s.color })));
}

export const GAUGE_MIN_WIDTH_PX = 240;
export const GAUGE_HEIGHT_PX = 110;

/** The linear gauge's [width, height]: the container's width, never below a readable minimum. */
export function gaugeView(containerWidth: number): [number, number] {
  return [Math.max(GAUGE_MIN_WIDTH_PX, Math.floor(containerWidth)), GAUGE_HEIGHT_PX];
}

/**
 * A ratio against the rule it answers to: a linear gauge from 0 to 100% whose marker is the legal
 * minimum (or the target), with the value and "met / not met" in words beside it.
 */
@Component({
  selector: 'app-dashboard-gauge',
  imports: [GaugeModule, NzTagModule, TPipe],
  template: `
    <figure class="gauge" [attr.data-testid]="testId()" [attr.data-met]="met()">
      <figcaption>{{ label() }}</figcaption>
      @if (ratio() !== null) {
        <div class="chart" role="img" [attr.aria-label]="label() + ' ' + text()" [attr.data-view]="view().join('x')">
          <!-- the figure is named above; ngx-charts' bars would be unnamed images of their own (axe: svg-img-alt) -->
          <ngx-charts-linear-gauge
            aria-hidden="true"
            [view]="view()"
            [value]="percent()"
            [previousValue]="markerPercent()"
            [min]="0"
            [max]="100"
            [units]="'%'"
            [scheme]="scheme"
          />
        </div>
        <p class="reading">
          <strong [attr.data-testid]="testId() + '-value'">{{ text() }}</strong>
          <span class="rule">{{ ruleText() }}</span>
          @if (pending()) {
            <nz-tag nzColor="default" [attr.data-testid]="testId() + '-pending'">{{ 'dashboard.rule.state.in_progress' | t }}</nz-tag>
          } @else {
            <nz-tag [nzColor]="met() ? 'success' : 'error'">{{ (met() ? 'dashboard.gauge.met' : 'dashboard.gauge.notMet') | t }}</nz-tag>
          }
        </p>
      } @else {
        <p class="empty">{{ 'dashboard.gauge.noData' | t }}</p>
      }
    </figure>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }

    .gauge {
      margin: 0;
      min-width: 0;
    }

    figcaption {
      margin-bottom: 4px;
      font-weight: 500;
    }

    .chart {
      width: 100%;
      min-width: ${GAUGE_MIN_WIDTH_PX}px;
      height: ${GAUGE_HEIGHT_PX}px;
      overflow: hidden;
    }

    .reading {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin: 4px 0 0;
    }

    .reading strong {
      font-size: 20px;
    }

    .rule {
      color: rgba(0, 0, 0, 0.6);
    }

    .empty {
      color: rgba(0, 0, 0, 0.6);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardGauge {
  /** 0–1, or null when there is nothing to measure (no institutions, no plans). */
  readonly ratio = input.required<number | null>();
  /** The rule's ratio (0–1): the legal minimum, or the target. */
  readonly marker = input.required<number>();
  /** `minimum`: at least the marker by law; `target`: what should be reached. */
  readonly rule = input<'minimum' | 'target'>('minimum');
  readonly label = input.required<string>();
  readonly ruleLabel = input.required<string>();
  readonly testId = input.required<string>();
  /**
   * The rule's own judgement when it has one: while its period is not over (in_progress), a ratio
   * below the marker is not yet a failure and is shown neutral, not red (issue 16: on 7 December the
   * month's 0% is not "未达标").
   */
  readonly state = input<RuleState | null>(null);

  protected readonly scheme: Color = { name: 'gauge', selectable: false, group: ScaleType.Ordinal, domain: ['#1677ff'] };
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** The component's width as last measured (0 before the first layout). */
  private readonly width = signal(0);
  /**
   * Explicit dimensions: left to measure itself, ngx-charts' linear gauge read a width or height of
   * (nearly) 0 inside a grid cell that was still laying out on a tablet and drew a flat line.
   */
  protected readonly view = computed(() => gaugeView(this.width()));
  protected readonly percent = computed(() => Math.min(100, Math.round((this.ratio() ?? 0) * 1000) / 10));
  protected readonly markerPercent = computed(() => Math.round(this.marker() * 1000) / 10);
  protected readonly text = computed(() => formatRatio(this.ratio() ?? 0));
  protected readonly met = computed(() => (this.ratio() ?? 0) + 1e-9 >= this.marker());
  protected readonly pending = computed(() => !this.met() && this.state() === 'in_progress');
  protected readonly ruleText = computed(() => this.ruleLabel());

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const el = this.host.nativeElement;
      const measure = () => this.width.set(el.clientWidth);
      measure();
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(measure);
      observer.observe(el);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }
}

/** The share of each child unit in one number; a click picks the unit. */
@Component({
  selector: 'app-dashboard-tree-map',
  imports: [TreeMapModule, TPipe],
  template: `
    @if (results().length) {
      <div class="chart" role="img" [attr.data-testid]="testId()" [attr.aria-label]="label()" style="height: 300px">
        <ngx-charts-tree-map [results]="results()" [scheme]="scheme" [valueFormatting]="format" (select)="onSelect($event)" />
      </div>
    } @else {
      <p class="empty" [attr.data-testid]="testId()">{{ 'dashboard.chart.empty' | t }}</p>
    }
  `,
  styleUrl: '../shell/chart-legend.css',
  styles: CHART_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardTreeMap {
  readonly rows = input.required<readonly ChartRow[]>();
  readonly label = input.required<string>();
  readonly amount = input(false);
  readonly testId = input.required<string>();
  readonly pick = output<string>();

  protected readonly scheme = SCHEME;
  /** Only the units with something to show: a tree map cell of 0 has no area. */
  protected readonly results = computed(() => this.rows().filter((r) => r.value > 0).map((r) => ({ name: r.name, value: r.value })));
  private readonly i18n = inject(TranslationService);

  protected readonly format = (value: number | { value: number }): string => {
    const v = typeof value === 'number' ? value : value.value;
    return this.amount() ? formatMoneyScaled(v, this.i18n.lang()) : String(v);
  };

  protected onSelect(selection: Selection): void {
    if (typeof selection === 'string') return;
    const row = this.rows().find((r) => r.name === selection.name);
    if (row) this.pick.emit(row.code);
  }
}
