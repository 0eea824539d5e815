import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CampaignProgressChart } from '../campaigns/campaign-progress-chart';
import type { ProgressRow } from '../campaigns/campaigns-api';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { DashboardLinks } from './dashboard-links';
import { AMOUNT_METRICS, METRIC_LABELS, type MetricKey, OVERDUE_PARTS, exactMetric, formatMetric, phaseLabel } from './dashboard-metrics';
import { formatRatio } from './dashboard-period';
import type { ChildRow, Dashboard } from './dashboards-api';
import { labelTable } from '../i18n/label-table';

/** The columns of the children table (every number a link to its list). */
export const CHILD_COLUMNS: readonly MetricKey[] = [
  'findings',
  'finding_amount',
  'recovered_amount',
  'refused_amount',
  'decisions',
  'disputes_open',
  'inspections',
  'overdue',
];

export const CHILD_TABLE_WIDTH = '1080px';

const CHILD_HEADINGS: Record<Dashboard['childLevel'], TranslationKey> = labelTable('dashboard.children', ['province', 'city', 'county', 'institution']);

/** The units below the region shown, with their numbers; a region below drills down (`drill`). */
@Component({
  selector: 'app-dashboard-children',
  imports: [RouterLink, NzIconModule, NzTableModule, TPipe],
  template: `
    <h2>{{ childHeading() | t }}</h2>
    @if (institutionsBelow()) {
      <p class="hint">{{ 'dashboard.children.institutionHint' | t }}</p>
    }
    <div class="table-wrap">
      <nz-table
        #children
        nzSize="middle"
        data-testid="dashboard-children"
        [nzData]="data().children"
        [nzPageSize]="50"
        nzHideOnSinglePage
        [nzScroll]="{ x: childTableWidth }"
        [nzNoResult]="'dashboard.children.none' | t"
      >
        <thead>
          <tr>
            <th nzLeft class="name-col">{{ 'dashboard.children.name' | t }}</th>
            @for (m of childColumns; track m) {
              <th class="num">{{ metricLabels[m] | t }}</th>
            }
            <th class="num">{{ 'dashboard.coverage.ratio' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (child of children.data; track child.code) {
            <tr [attr.data-code]="child.code">
              <td nzLeft class="name-col">
                @if (child.drillable) {
                  <a
                    href=""
                    class="drill"
                    [attr.data-testid]="'dashboard-child-' + child.code"
                    [attr.aria-label]="'dashboard.children.drill' | t: { name: child.name }"
                    (click)="$event.preventDefault(); drill.emit(child.code)"
                    >{{ child.name }}<nz-icon nzType="right" /></a>
                } @else if (institutionsBelow()) {
                  <a class="drill" [attr.data-testid]="'dashboard-child-' + child.code" [routerLink]="links().route" [queryParams]="links().child(child, 'findings')">{{ child.name }}</a>
                } @else {
                  <span [attr.data-testid]="'dashboard-child-' + child.code">{{ child.name }}</span>
                }
              </td>
              @for (m of childColumns; track m) {
                <td class="num" [class.money]="amounts.has(m)" [attr.title]="exact(m, child.metrics[m])">
                  <a [attr.data-testid]="'child-metric-' + child.code + '-' + m" [routerLink]="links().route" [queryParams]="links().child(child, m)">{{ format(m, child.metrics[m]) }}</a>
                </td>
              }
              <td class="num">
                <a [attr.data-testid]="'child-metric-' + child.code + '-coverage'" [routerLink]="links().route" [queryParams]="links().child(child, 'inspections')">{{ ratio(child.coverage.ratio) }}</a>
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  styleUrls: ['../shell/feature-page.css', './dashboards.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardChildren {
  readonly data = input.required<Dashboard>();
  readonly links = input.required<DashboardLinks>();
  /** The code of the region to show instead. */
  readonly drill = output<string>();

  private readonly i18n = inject(TranslationService);

  protected readonly childColumns = CHILD_COLUMNS;
  /** Wide enough for every column on one line; narrower screens scroll the table, the name column stays. */
  protected readonly childTableWidth = CHILD_TABLE_WIDTH;
  protected readonly metricLabels = METRIC_LABELS;
  protected readonly amounts = AMOUNT_METRICS;
  protected readonly ratio = formatRatio;

  protected format(metric: MetricKey, value: number | undefined): string {
    return formatMetric(metric, value, this.i18n.lang());
  }

  protected exact(metric: MetricKey, value: number | undefined): string | null {
    return exactMetric(metric, value, this.i18n.lang());
  }
  protected readonly childHeading = computed(() => CHILD_HEADINGS[this.data().childLevel]);
  protected readonly institutionsBelow = computed(() => this.data().childLevel === 'institution');
}

/** The region's special campaigns: phase and counts per campaign, and their progress chart. */
@Component({
  selector: 'app-dashboard-campaigns',
  imports: [NzTagModule, CampaignProgressChart, TPipe],
  template: `
    @if (campaigns().length) {
      <div class="table-wrap">
        <table class="plain" data-testid="dashboard-campaigns">
          <thead>
            <tr>
              <th>{{ 'dashboard.campaigns.title' | t }}</th>
              <th>{{ 'dashboard.campaigns.phase' | t }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (c of campaigns(); track c.id) {
              <tr [attr.data-id]="c.id">
                <td>{{ c.title }}</td>
                <td><nz-tag [attr.data-testid]="'campaign-phase-' + c.id">{{ phase(c.phase) }}</nz-tag></td>
                <td class="hint">{{ 'dashboard.campaigns.counts' | t: { submitted: c.submitted, tasks: c.tasks, late: c.late, missing: c.missing } }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <app-campaign-progress-chart testId="chart-campaigns" label="dashboard.chart.campaignsLabel" [rows]="campaignRows()" />
    } @else {
      <p class="hint" data-testid="dashboard-campaigns-none">{{ 'dashboard.campaigns.none' | t }}</p>
    }
  `,
  styleUrls: ['../shell/feature-page.css', './dashboards.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardCampaigns {
  private readonly i18n = inject(TranslationService);

  readonly campaigns = input.required<Dashboard['campaigns']>();

  protected readonly campaignRows = computed<ProgressRow[]>(() =>
    this.campaigns().map((c) => ({
      key: c.id,
      name: c.title,
      tasks: c.tasks,
      submitted: c.submitted,
      late: c.late,
      missing: c.missing,
      refundedAmount: 0,
      issuesFound: 0,
      issueAmount: 0,
    })),
  );

  protected phase(phase: string): string {
    const key = phaseLabel(phase);
    return key ? this.i18n.t(key) : phase;
  }
}

/** The units with overdue items, the most first, with the parts of their overdue count. */
@Component({
  selector: 'app-dashboard-overdue',
  imports: [RouterLink, TPipe],
  template: `
    <h2>{{ 'dashboard.section.overdue' | t }}</h2>
    @if (overdueRows().length) {
      <div class="table-wrap">
        <table class="plain" data-testid="dashboard-overdue">
          <thead>
            <tr>
              <th>{{ 'dashboard.children.name' | t }}</th>
              <th class="num">{{ 'dashboard.overdue.total' | t }}</th>
              @for (m of overdueParts; track m) {
                <th class="num">{{ metricLabels[m] | t }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (child of overdueRows(); track child.code) {
              <tr [attr.data-code]="child.code">
                <td class="name-col">{{ child.name }}</td>
                <td class="num strong">
                  <a [attr.data-testid]="'overdue-' + child.code" [routerLink]="links().route" [queryParams]="links().child(child, 'overdue')">{{ child.metrics.overdue }}</a>
                </td>
                @for (m of overdueParts; track m) {
                  <td class="num">
                    <a [routerLink]="links().route" [queryParams]="links().child(child, m)">{{ format(m, child.metrics[m]) }}</a>
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="hint" data-testid="dashboard-overdue-none">{{ 'dashboard.overdue.none' | t }}</p>
    }
  `,
  styleUrls: ['../shell/feature-page.css', './dashboards.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardOverdue {
  readonly children = input.required<readonly ChildRow[]>();
  readonly links = input.required<DashboardLinks>();

  protected readonly overdueParts = OVERDUE_PARTS;
  protected readonly metricLabels = METRIC_LABELS;
  protected readonly format = formatMetric;
  protected readonly overdueRows = computed(() =>
    [...this.children()].filter((c) => (c.metrics.overdue ?? 0) > 0).sort((a, b) => b.metrics.overdue - a.metrics.overdue),
  );
}
