import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { DashboardLinks } from './dashboard-links';
import { AMOUNT_METRICS, METRIC_LABELS, type MetricKey, exactMetric, formatMetric } from './dashboard-metrics';
import type { Metrics } from './dashboards-api';

/** A group of numbers of the region, each a link to its list. Hooks: `numbers-<testPrefix>`, `metric-<metric>`. */
@Component({
  selector: 'app-dashboard-numbers',
  imports: [RouterLink, TPipe],
  template: `
    <dl class="numbers" [attr.data-testid]="'numbers-' + testPrefix()">
      @for (m of metrics(); track m) {
        <div class="number">
          <dt>{{ labels[m] | t }}</dt>
          <dd>
            <a
              [attr.data-testid]="'metric-' + m"
              [class.money]="amounts.has(m)"
              [attr.title]="exact(m, totals()?.[m])"
              [routerLink]="links().route"
              [queryParams]="links().total(m)"
              >{{ format(m, totals()?.[m]) }}</a
            >
          </dd>
        </div>
      }
    </dl>
  `,
  styleUrl: './dashboards.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardNumbers {
  readonly metrics = input.required<readonly MetricKey[]>();
  readonly testPrefix = input.required<string>();
  readonly totals = input.required<Metrics | undefined>();
  readonly links = input.required<DashboardLinks>();

  private readonly i18n = inject(TranslationService);

  protected readonly labels = METRIC_LABELS;
  protected readonly amounts = AMOUNT_METRICS;

  protected format(metric: MetricKey, value: number | undefined): string {
    return formatMetric(metric, value, this.i18n.lang());
  }

  protected exact(metric: MetricKey, value: number | undefined): string | null {
    return exactMetric(metric, value, this.i18n.lang());
  }
}
