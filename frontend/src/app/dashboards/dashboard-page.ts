import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, InjectionToken, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzBreadCrumbModule } from 'ng-zorro-antd/breadcrumb';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { describeHttpError } from '../core/error-interceptor';
import { KIND_LABELS } from '../campaigns/campaign-labels';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { saveDownload } from '../core/download';
import {
  type ChartColor,
  type ChartGroup,
  type ChartRow,
  DashboardBarChart,
  DashboardGauge,
  DashboardLineChart,
  DashboardStackedChart,
  DashboardTreeMap,
  type LineSeries,
  PALETTE,
} from './dashboard-charts';
import {
  AMOUNT_METRICS,
  DECISION_METRICS,
  DISPUTE_METRICS,
  FINDING_METRICS,
  IC_METRICS,
  MEASURE_METRICS,
  METRIC_LABELS,
  type MetricKey,
  PLAN_METRICS,
  SELF_INSPECTION_METRICS,
} from './dashboard-metrics';
import {
  type Period,
  defaultPeriod,
  formatPeriod,
  formatRatio,
  monthName,
  parsePeriod,
  periodLabel,
  sameTimeLastYear,
  yearOptions,
} from './dashboard-period';
import { DashboardCoverageRules } from './dashboard-coverage';
import { type Dashboard, DashboardsApi, type Metrics } from './dashboards-api';
import { CLOCK } from '../core/clock';
import { DashboardKpis } from './dashboard-kpis';
import { type DashboardLinks, dashboardLinks } from './dashboard-links';
import { DashboardNumbers } from './dashboard-numbers';
import { DashboardPeriodBar } from './dashboard-period-bar';
import { DashboardCampaigns, DashboardChildren, DashboardOverdue } from './dashboard-tables';

export { KPI_METRICS, type Kpi, kpiOf } from './dashboard-kpis';
export { CHILD_COLUMNS } from './dashboard-tables';

/** The numbers the bar chart and the tree map can show per child. */
export const CHART_METRICS: readonly MetricKey[] = ['findings', 'finding_amount', 'recovered_amount', 'refused_amount'];

/** Disjoint parts of a unit's findings, for a stacked bar (the metrics overlap, these do not). */
const FINDING_STATUS_PARTS: readonly { key: TranslationKey; color: string; value: (m: Metrics) => number }[] = [
  { key: 'dashboard.status.awaiting', color: '#faad14', value: (m) => m['findings_awaiting'] ?? 0 },
  { key: 'dashboard.status.confirmed', color: '#52c41a', value: (m) => m['findings_confirmed'] ?? 0 },
  {
    key: 'dashboard.status.inAppeal',
    color: '#fa541c',
    value: (m) =>
      Math.max(0, (m['findings'] ?? 0) - (m['findings_awaiting'] ?? 0) - (m['findings_confirmed'] ?? 0) - (m['findings_withdrawn'] ?? 0)),
  },
  { key: 'dashboard.status.withdrawn', color: '#bfbfbf', value: (m) => m['findings_withdrawn'] ?? 0 },
];

const DISPUTE_CHART_METRICS: readonly MetricKey[] = [
  'disputes_open_county',
  'disputes_open_city',
  'disputes_open_province',
  'disputes_upheld',
  'disputes_revised',
  'disputes_withdrawn',
];

/** The message of a failed load: the backend's bilingual message when it sent one. */
export function loadError(error: unknown, i18n: TranslationService, fallback: TranslationKey): string {
  const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof HttpErrorResponse ? describeHttpError(cause, i18n) : i18n.t(fallback);
}

/**
 * 驾驶舱: the supervision figures of a region and period, against the same period last year, with
 * the units below it (drill down city → county → institution). The region and period live in the
 * URL (`?region=&period=`), so the back button walks back up and a link shows the same view.
 * Every number links to the list of items behind it.
 */
/** The widths at which the dashboard collapses its secondary panels. */
export const COMPACT_QUERY = '(max-width: 1024px)';

/** Whether the screen is a tablet's (COMPACT_QUERY), as the page opens. */
export const COMPACT_SCREEN = new InjectionToken<boolean>('dashboard compact screen', {
  providedIn: 'root',
  factory: () => inject(DOCUMENT).defaultView?.matchMedia?.(COMPACT_QUERY).matches ?? false,
});

@Component({
  selector: 'app-dashboard-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzBreadCrumbModule,
    NzButtonModule,
    NzIconModule,
    NzRadioModule,
    NzSpinModule,
    DashboardBarChart,
    DashboardCampaigns,
    DashboardChildren,
    DashboardCoverageRules,
    DashboardGauge,
    DashboardKpis,
    DashboardLineChart,
    DashboardNumbers,
    DashboardOverdue,
    DashboardPeriodBar,
    DashboardStackedChart,
    DashboardTreeMap,
    TPipe,
  ],
  templateUrl: './dashboard-page.html',
  styleUrls: ['../shell/feature-page.css', './dashboards.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly api = inject(DashboardsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);
  /**
   * A tablet (≤ 1024 px wide, landscape or portrait): secondary panels start collapsed, so the page
   * keeps a readable height. Read once on opening; the panels stay where the user puts them.
   */
  protected readonly compact = signal(inject(COMPACT_SCREEN));
  private readonly now = inject(CLOCK);
  protected readonly i18n = inject(TranslationService);

  /** `?region=` (a region in the user's subtree; default their own) and `?period=`, bound by the router. */
  readonly region = input<string>();
  readonly period = input<string>();
  readonly section = input<string>('leader');

  protected readonly chartMetrics = CHART_METRICS;
  protected readonly findingMetrics = FINDING_METRICS;
  protected readonly decisionMetrics = DECISION_METRICS.filter((m) => !(MEASURE_METRICS as readonly string[]).includes(m));
  protected readonly measureMetrics = MEASURE_METRICS;
  protected readonly disputeMetrics = DISPUTE_METRICS;
  protected readonly planMetrics = PLAN_METRICS;
  protected readonly icMetrics = IC_METRICS;
  protected readonly siMetrics = SELF_INSPECTION_METRICS;
  protected readonly metricLabels = METRIC_LABELS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly ratio = formatRatio;

  /** The period asked for: the URL's (as typed, the backend judges it) or the current year. */
  protected readonly periodKey = computed(() => this.period()?.trim() || formatPeriod(defaultPeriod(this.now())));
  /** What the pickers show: the URL's period when it is valid, else the current year. */
  protected readonly selected = computed<Period>(() => parsePeriod(this.periodKey()) ?? defaultPeriod(this.now()));
  protected readonly years = computed(() => yearOptions(this.now(), this.selected().year));

  protected readonly dashboard = rxResource({
    params: () => ({ region: this.region() || null, period: this.periodKey() }),
    stream: ({ params }) => this.api.dashboard(params),
  });
  /** The last dashboard loaded, kept on screen while the next one loads (no flicker on drill-down). */
  protected readonly data = linkedSignal<Dashboard | undefined, Dashboard | null>({
    source: () => (this.dashboard.hasValue() ? this.dashboard.value() : undefined),
    computation: (loaded, previous) => loaded ?? previous?.value ?? null,
  });
  protected readonly error = computed(() => {
    const error = this.dashboard.error();
    return error ? loadError(error, this.i18n, 'dashboard.loadFailed') : null;
  });

  /** The metric of the bar chart and tree map. */
  protected readonly chartMetric = signal<MetricKey>('findings');
  protected readonly exporting = signal(false);

  protected readonly periodText = computed(() => {
    const d = this.data();
    const period = (d && parsePeriod(d.period.key)) || this.selected();
    return this.periodName(period);
  });
  protected readonly compareText = computed(() => {
    const d = this.data();
    const compare = (d && parsePeriod(d.compare.key)) || sameTimeLastYear(this.selected());
    return this.periodName(compare);
  });

  protected readonly institutionsBelow = computed(() => this.data()?.childLevel === 'institution');
  protected readonly chartRows = computed<ChartRow[]>(() => {
    const metric = this.chartMetric();
    return (this.data()?.children ?? []).map((c) => ({ code: c.code, name: c.name, value: c.metrics[metric] ?? 0 }));
  });
  protected readonly chartIsAmount = computed(() => AMOUNT_METRICS.has(this.chartMetric()));
  protected readonly statusGroups = computed<ChartGroup[]>(() =>
    (this.data()?.children ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      series: FINDING_STATUS_PARTS.map((part) => ({ name: this.i18n.t(part.key), value: part.value(c.metrics) })),
    })),
  );
  protected readonly statusColors = computed<ChartColor[]>(() => FINDING_STATUS_PARTS.map((p) => ({ name: this.i18n.t(p.key), value: p.color })));
  protected readonly measureGroups = computed<ChartGroup[]>(() =>
    (this.data()?.children ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      series: MEASURE_METRICS.map((m) => ({ name: this.i18n.t(METRIC_LABELS[m]), value: c.metrics[m] ?? 0 })),
    })),
  );
  protected readonly measureColors = computed<ChartColor[]>(() =>
    MEASURE_METRICS.map((m, i) => ({ name: this.i18n.t(METRIC_LABELS[m]), value: PALETTE[i % PALETTE.length]! })),
  );
  protected readonly disputeRows = computed<ChartRow[]>(() => {
    const totals = this.data()?.totals;
    return DISPUTE_CHART_METRICS.map((m) => ({ code: m, name: this.i18n.t(METRIC_LABELS[m]), value: totals?.[m] ?? 0 }));
  });
  protected readonly trend = computed<LineSeries[]>(() => {
    const rows = this.data()?.byMonth ?? [];
    const lang = this.i18n.lang();
    const point = (month: string, value: number) => ({ name: monthName(Number(month.slice(5, 7)), lang), value });
    const findings = this.i18n.t(METRIC_LABELS.findings);
    const inspections = this.i18n.t(METRIC_LABELS.inspections);
    return [
      { name: this.i18n.t('dashboard.chart.thisYear', { metric: findings }), color: '#1677ff', points: rows.map((r) => point(r.month, r.findings)) },
      { name: this.i18n.t('dashboard.chart.lastYear', { metric: findings }), color: '#91caff', points: rows.map((r) => point(r.month, r.lastYearFindings)) },
      { name: this.i18n.t('dashboard.chart.thisYear', { metric: inspections }), color: '#52c41a', points: rows.map((r) => point(r.month, r.inspections)) },
      { name: this.i18n.t('dashboard.chart.lastYear', { metric: inspections }), color: '#b7eb8f', points: rows.map((r) => point(r.month, r.lastYearInspections)) },
    ];
  });
  /** 全覆盖: every institution of the region on site within the year (the headline of the coverage rules). */
  protected readonly fullCoverage = computed(() => this.data()?.coverage.rules.find((r) => r.rule === 'full_coverage') ?? null);
  protected readonly filingRatio = computed(() => {
    const totals = this.data()?.totals;
    const plans = totals?.['plans'] ?? 0;
    return plans > 0 ? (totals?.['plans_filed'] ?? 0) / plans : null;
  });

  protected periodName(period: Period): string {
    const { key, params } = periodLabel(period);
    return this.i18n.t(key, params);
  }

  // Links to the list behind a number.

  protected readonly links = computed<DashboardLinks>(() => dashboardLinks(this.section(), this.data(), this.periodKey()));

  // Navigation: every change is a new history entry, so the back button undoes it.

  private go(queryParams: Params): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge' });
  }

  protected setPeriod(period: Period): void {
    this.go({ period: formatPeriod(period) });
  }

  /** Up the breadcrumb (null: the user's own region). */
  protected goTo(code: string | null): void {
    this.go({ region: code });
  }

  /** Down to a child: a region opens its dashboard, an institution the list of its findings. */
  protected pick(code: string): void {
    const child = this.data()?.children.find((c) => c.code === code);
    if (!child) return;
    if (child.drillable) this.go({ region: child.code });
    else if (this.institutionsBelow()) void this.router.navigate(this.links().route, { queryParams: this.links().child(child, 'findings') });
  }

  /** A bar of the disputes chart: the list behind that number. */
  protected openMetric(metric: string): void {
    void this.router.navigate(this.links().route, { queryParams: this.links().total(metric) });
  }

  protected async export(): Promise<void> {
    const d = this.data();
    if (!d || this.exporting()) return;
    this.exporting.set(true);
    try {
      const response = await firstValueFrom(this.api.exportXlsx({ region: d.region.code, period: d.period.key }));
      saveDownload(this.document, response, `${this.i18n.t('dashboard.exportName', { region: d.region.name, period: d.period.key })}.xlsx`);
    } catch {
      // The error interceptor has told the user.
    } finally {
      this.exporting.set(false);
    }
  }
}
