import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TPipe } from '../i18n/t-pipe';
import type { DashboardLinks } from './dashboard-links';
import { METRIC_LABELS, type MetricKey, formatMetric } from './dashboard-metrics';
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
            <a [attr.data-testid]="'metric-' + m" [routerLink]="links().route" [queryParams]="links().total(m)">{{ format(m, totals()?.[m]) }}</a>
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

  protected readonly labels = METRIC_LABELS;
  protected readonly format = formatMetric;
}
