import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { DashboardLinks } from './dashboard-links';
import { AMOUNT_METRICS, METRIC_LABELS, type MetricKey, RISE_IS_BAD, exactMetric, formatMetric } from './dashboard-metrics';
import { type Change, formatRatio, percentChange } from './dashboard-period';
import type { Dashboard, Metrics } from './dashboards-api';

/** The KPI cards, in order; the coverage card follows them. */
export const KPI_METRICS: readonly MetricKey[] = [
  'findings',
  'finding_amount',
  'recovered_amount',
  // 实际追回 beside 认定追回 (issue 16), with the rate between them
  'actual_recovered_amount',
  'refused_amount',
  'refunded_amount',
  'decisions',
  'disputes_open',
  'overdue',
  'inspections',
];

export interface Kpi {
  readonly metric: MetricKey;
  readonly value: number;
  readonly lastYear: number;
  readonly change: Change;
  /** The change is bad news (a rise of something overdue or open). */
  readonly alarming: boolean;
}

/** The KPI of one metric: this period, last year, and the change between them. */
export function kpiOf(metric: MetricKey, totals: Metrics, lastYear: Metrics): Kpi {
  const value = totals[metric] ?? 0;
  const before = lastYear[metric] ?? 0;
  const change = percentChange(value, before);
  return { metric, value, lastYear: before, change, alarming: change.direction === 'up' && RISE_IS_BAD.has(metric) };
}

/** The share of the confirmed amount actually recovered (`62.5%`), or `—` when nothing was confirmed. */
export function recoveryRate(actual: number, confirmed: number): string {
  return confirmed > 0 ? formatRatio(actual / confirmed) : '—';
}

/**
 * The key figures of the dashboard: each KPI against the same period last year (a rise of what is
 * bad news in red), then 全覆盖 with the coverage rules met. Every value links to its list.
 */
@Component({
  selector: 'app-dashboard-kpis',
  imports: [RouterLink, TPipe],
  template: `
    <div class="kpis" data-testid="dashboard-kpis">
      @for (kpi of kpis(); track kpi.metric) {
        <div class="kpi" [class.alarm]="kpi.alarming">
          <div class="kpi-label">{{ metricLabels[kpi.metric] | t }}</div>
          <a
            class="kpi-value"
            [class.money]="amounts.has(kpi.metric)"
            [attr.title]="exact(kpi.metric, kpi.value)"
            [attr.data-testid]="'kpi-' + kpi.metric"
            [routerLink]="links().route"
            [queryParams]="links().total(kpi.metric)"
            [attr.aria-label]="format(kpi.metric, kpi.value) + ' ' + ('dashboard.kpi.openList' | t: { metric: (metricLabels[kpi.metric] | t) })"
            >{{ format(kpi.metric, kpi.value) }}</a
          >
          <div class="kpi-compare">
            <span class="last-year" [class.money]="amounts.has(kpi.metric)">{{ 'dashboard.kpi.lastYear' | t: { value: format(kpi.metric, kpi.lastYear) } }}</span>
            <span class="change" [class]="'change ' + kpi.change.direction" [attr.data-testid]="'kpi-change-' + kpi.metric">
              @if (kpi.change.direction === 'up') {
                <span aria-hidden="true">↑</span>
              } @else if (kpi.change.direction === 'down') {
                <span aria-hidden="true">↓</span>
              }
              {{ changeText(kpi) }}
            </span>
          </div>
          @if (kpi.metric === 'actual_recovered_amount') {
            <div class="kpi-compare">
              <span class="last-year" data-testid="kpi-recovery-rate">{{ 'dashboard.kpi.recoveryRate' | t: { ratio: recoveryRate() } }}</span>
            </div>
          }
        </div>
      }
      @if (fullCoverage(); as full) {
        <div class="kpi" [class.alarm]="rulesMissed() > 0">
          <div class="kpi-label">{{ 'dashboard.kpi.coverage' | t }}</div>
          <a class="kpi-value" data-testid="kpi-coverage" [routerLink]="links().route" [queryParams]="links().fullCoverage()">{{
            full.basis > 0 ? ratio(full.done / full.basis) : '—'
          }}</a>
          <div class="kpi-compare">
            <span class="last-year">{{ 'dashboard.kpi.coverageDetail' | t: { done: full.done, basis: full.basis } }}</span>
            <span class="change" [class.up]="rulesMissed() > 0" [class.flat]="rulesMissed() === 0" data-testid="kpi-coverage-rules">{{
              'dashboard.kpi.rulesMet' | t: { met: rulesMet(), total: data().coverage.rules.length }
            }}</span>
          </div>
          <div class="kpi-compare">
            <span class="last-year" data-testid="kpi-coverage-last-year">{{
              'dashboard.kpi.coveragePeriod' | t: { ratio: ratio(data().coverage.ratio), lastYear: ratio(data().coverage.lastYear.ratio) }
            }}</span>
          </div>
        </div>
      }
    </div>
  `,
  styleUrl: './dashboards.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardKpis {
  private readonly i18n = inject(TranslationService);

  readonly data = input.required<Dashboard>();
  readonly links = input.required<DashboardLinks>();

  protected readonly metricLabels = METRIC_LABELS;
  protected readonly amounts = AMOUNT_METRICS;
  protected readonly ratio = formatRatio;

  protected readonly kpis = computed(() => {
    const d = this.data();
    return KPI_METRICS.map((metric) => kpiOf(metric, d.totals, d.totalsLastYear));
  });
  /** 实际追回 ÷ 认定追回 of the period, or — when nothing was confirmed. */
  protected readonly recoveryRate = computed(() => {
    const t = this.data().totals;
    return recoveryRate(t['actual_recovered_amount'] ?? 0, t['recovered_amount'] ?? 0);
  });
  /** 全覆盖: every institution of the region on site within the year (the headline of the coverage rules). */
  protected readonly fullCoverage = computed(() => this.data().coverage.rules.find((r) => r.rule === 'full_coverage') ?? null);
  protected readonly rulesMet = computed(() => this.data().coverage.rules.filter((r) => r.state === 'met').length);
  /** Rules missed for good (their window is over, or a month of it was missed). */
  protected readonly rulesMissed = computed(() => this.data().coverage.rules.filter((r) => r.state === 'not_met').length);

  /** Amounts scaled to 万元/亿元 (the language signal is read, so a switch re-renders). */
  protected format(metric: MetricKey, value: number): string {
    return formatMetric(metric, value, this.i18n.lang());
  }

  protected exact(metric: MetricKey, value: number): string | null {
    return exactMetric(metric, value, this.i18n.lang());
  }

  protected changeText(kpi: Kpi): string {
    if (kpi.change.direction === 'flat') return this.i18n.t('dashboard.kpi.flat');
    if (kpi.change.percent === null) return this.i18n.t('dashboard.kpi.newSinceZero');
    return this.i18n.t(kpi.change.direction === 'up' ? 'dashboard.kpi.up' : 'dashboard.kpi.down', { percent: kpi.change.percent });
  }
}
