import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { of } from 'rxjs';
import { KIND_LABELS } from '../campaigns/campaign-labels';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { AMOUNT_METRICS, ITEM_KIND_LABELS, METRIC_KEYS, formatMetric, itemStatusLabel, metricLabel } from './dashboard-metrics';
import { money } from '../core/money';
import { loadError } from './dashboard-page';
import { parsePeriod, periodLabel } from './dashboard-period';
import { type DashboardItem, type DashboardItemsPage as ItemsPage, DashboardsApi, type ItemKind } from './dashboards-api';
import { pageFromQuery } from '../core/paging';

export const ITEMS_PAGE_SIZE = 20;

/**
 * Kinds whose record has a page the dashboard's readers can open: the resource links of
 * app.routes.ts, which open it in the reader's section (a leader's read-only pages, the national
 * overseer's province section). A self-inspection task has no page of its own (its campaign is not
 * in the item), so it stays unlinked.
 */
const ITEM_LINKS: Partial<Record<ItemKind, (id: string) => string[]>> = {
  plan: (id) => ['/plans', id],
  ic_audit: (id) => ['/ic/audits', id],
  inspection: (id) => ['/inspections', id],
  finding: (id) => ['/findings', id],
  decision: (id) => ['/decisions', id],
  dispute: (id) => ['/disputes', id],
  monthly_report: (id) => ['/monthly-reports', id],
};

/**
 * The list behind a number of the dashboard (`?region=&period=&metric=&institution=&institutionKind=&ytd=&page=`):
 * the items counted in it, newest first, with a way back to the dashboard it came from.
 */
@Component({
  selector: 'app-dashboard-items',
  imports: [FormsModule, RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzSelectModule, NzTableModule, NzTagModule, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <a nz-button class="touch" data-testid="dashboard-items-back" [routerLink]="dashboardLink()" [queryParams]="backParams()">
          <nz-icon nzType="arrow-left" />{{ 'dashboard.items.back' | t }}
        </a>
        <h1>{{ 'dashboard.items.heading' | t: { metric: (metricText()) } }}</h1>
      </header>

      <div class="period-bar">
        <label class="field">
          <span class="hint">{{ 'dashboard.items.metric' | t }}</span>
          <nz-select nzSize="large" nzShowSearch class="metric" data-testid="dashboard-items-metric" [ngModel]="metric() ?? null" (ngModelChange)="setMetric($event)">
            @for (m of metrics; track m) {
              <nz-option [nzValue]="m" [nzLabel]="labelOf(m) | t" />
            }
          </nz-select>
        </label>
        @if (periodText(); as text) {
          <span class="hint" data-testid="dashboard-items-period">{{ text }}</span>
        }
        @if (institution()) {
          <nz-tag nzMode="closeable" data-testid="dashboard-items-institution" (nzOnClose)="clearInstitution()">
            {{ 'dashboard.items.institutionScope' | t: { institution: institutionName() } }}
          </nz-tag>
        }
        @if (kindLabel(); as kind) {
          <nz-tag nzMode="closeable" data-testid="dashboard-items-kind" (nzOnClose)="clear('institutionKind')">
            {{ 'dashboard.items.kindScope' | t: { kind: (kind | t) } }}
          </nz-tag>
        }
        @if (toDate()) {
          <nz-tag nzMode="closeable" data-testid="dashboard-items-ytd" (nzOnClose)="clear('ytd')">{{ 'dashboard.items.ytd' | t }}</nz-tag>
        }
      </div>

      @if (!metric()) {
        <p class="hint" data-testid="dashboard-items-no-metric">{{ 'dashboard.items.noMetric' | t }}</p>
      } @else if (error(); as message) {
        <nz-alert nzType="error" nzShowIcon data-testid="dashboard-items-error" [nzMessage]="message" />
      } @else {
        <p class="hint" data-testid="dashboard-items-total">{{ 'dashboard.items.total' | t: { total: pageData().total } }}</p>
        <div class="table-wrap">
          <nz-table
            #table
            nzSize="middle"
            data-testid="dashboard-items-table"
            [nzData]="pageData().items"
            [nzLoading]="items.isLoading()"
            [nzFrontPagination]="false"
            [nzTotal]="pageData().total"
            [nzPageSize]="pageSize"
            [nzPageIndex]="pageIndex()"
            (nzPageIndexChange)="setPage($event)"
            nzHideOnSinglePage
            [nzNoResult]="'dashboard.items.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'dashboard.items.col.kind' | t }}</th>
                <th>{{ 'dashboard.items.col.status' | t }}</th>
                <th>{{ 'dashboard.items.col.month' | t }}</th>
                <th class="num">{{ 'dashboard.items.col.amount' | t }}</th>
                <th>{{ 'dashboard.items.col.findingType' | t }}</th>
                <th>{{ 'dashboard.items.col.institution' | t }}</th>
                <th>{{ 'dashboard.items.col.county' | t }}</th>
                <th>{{ 'dashboard.items.col.city' | t }}</th>
                <th>{{ 'dashboard.items.col.label' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (item of table.data; track item.kind + ':' + item.itemId) {
                <tr data-testid="dashboard-item-row" [attr.data-kind]="item.kind" [attr.data-id]="item.itemId">
                  <td>
                    @if (linkOf(item); as link) {
                      <a data-testid="dashboard-item-open" [routerLink]="link">{{ kindText(item.kind) }}</a>
                    } @else {
                      {{ kindText(item.kind) }}
                    }
                  </td>
                  <td><nz-tag>{{ statusText(item) }}</nz-tag></td>
                  <td>{{ item.month.slice(0, 7) }}</td>
                  <td class="num money" data-testid="dashboard-item-amount">{{ valueText(item) }}</td>
                  <td data-testid="dashboard-item-type">{{ item.findingType ?? '—' }}</td>
                  <td>{{ item.institutionName ?? '—' }}</td>
                  <td>{{ item.countyName ?? '—' }}</td>
                  <td>{{ item.cityName ?? '—' }}</td>
                  <td class="label">{{ item.refLabel ?? '—' }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        </div>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './dashboards.css'],
  styles: `
    .metric {
      width: 260px;
      max-width: 100%;
    }

    .field {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }

    .label {
      min-width: 160px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardItemsPage {
  private readonly api = inject(DashboardsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly i18n = inject(TranslationService);

  // Query parameters, bound by the router.
  readonly region = input<string>();
  readonly period = input<string>();
  readonly metric = input<string>();
  readonly institution = input<string>();
  /** Only institutions of one kind (the coverage rules' lists of pharmacies, clinics). */
  readonly institutionKind = input<string>();
  /** `true`: from January to the period's end (what the yearly coverage rules count). */
  readonly ytd = input<string>();
  readonly page = input<string>();
  readonly section = input<string>('leader');

  protected readonly metrics = METRIC_KEYS;
  protected readonly pageSize = ITEMS_PAGE_SIZE;

  protected readonly toDate = computed(() => this.ytd() === 'true' || this.ytd() === '1');
  protected readonly kindLabel = computed(() => {
    const kind = this.institutionKind();
    return kind ? ((KIND_LABELS as Partial<Record<string, TranslationKey>>)[kind] ?? (kind as TranslationKey)) : null;
  });

  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));

  protected readonly items = rxResource({
    params: () => ({
      region: this.region() || null,
      period: this.period() || null,
      metric: this.metric() ?? '',
      institution: this.institution() || null,
      institutionKind: this.institutionKind() || null,
      ytd: this.toDate(),
      page: this.pageIndex(),
      size: ITEMS_PAGE_SIZE,
    }),
    // Without a metric there is no list to ask for.
    stream: ({ params }) => (params.metric ? this.api.items(params) : of<ItemsPage>({ total: 0, page: 1, size: ITEMS_PAGE_SIZE, items: [] })),
  });
  protected readonly pageData = computed<ItemsPage>(() =>
    this.items.hasValue() ? this.items.value() : { total: 0, page: 1, size: ITEMS_PAGE_SIZE, items: [] },
  );
  protected readonly error = computed(() => {
    const error = this.items.error();
    return error ? loadError(error, this.i18n, 'dashboard.items.loadFailed') : null;
  });

  protected readonly metricText = computed(() => {
    const metric = this.metric();
    return metric ? this.i18n.t(metricLabel(metric)) : '';
  });
  protected readonly periodText = computed(() => {
    const period = parsePeriod(this.period());
    if (!period) return null;
    const { key, params } = periodLabel(period);
    return this.i18n.t(key, params);
  });
  /** The institution's name, as the first row gives it (the id until the rows are there). */
  protected readonly institutionName = computed(() => this.pageData().items.find((i) => i.institutionName)?.institutionName ?? this.institution() ?? '');

  protected readonly dashboardLink = computed(() => ['/', this.section(), 'dashboards']);
  protected readonly backParams = computed<Params>(() => {
    const params: Params = {};
    if (this.region()) params['region'] = this.region();
    if (this.period()) params['period'] = this.period();
    return params;
  });

  protected labelOf(metric: string): TranslationKey {
    return metricLabel(metric);
  }

  protected kindText(kind: string): string {
    const key = (ITEM_KIND_LABELS as Partial<Record<string, TranslationKey>>)[kind as ItemKind];
    return key ? this.i18n.t(key) : kind;
  }

  protected statusText(item: DashboardItem): string {
    const key = itemStatusLabel(item.kind, item.status);
    return key ? this.i18n.t(key) : item.status;
  }

  /**
   * The item's amount: the metric's own value when the metric is an amount; behind a count (each
   * item counts 1) the item's own amount, or — (issue 16: not "数值 1").
   */
  protected valueText(item: DashboardItem): string {
    const metric = this.metric() ?? '';
    if (AMOUNT_METRICS.has(metric)) return formatMetric(metric, item.value, this.i18n.lang(), 'exact');
    return item.amount === null ? '—' : money(item.amount, 'exact', this.i18n.lang());
  }

  protected linkOf(item: DashboardItem): string[] | null {
    // A kind the page does not know yet (the backend may add one) is shown without a link.
    return Object.hasOwn(ITEM_LINKS, item.kind) ? (ITEM_LINKS[item.kind as ItemKind]?.(item.itemId) ?? null) : null;
  }

  private go(queryParams: Params, replaceUrl = false): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl });
  }

  protected setMetric(metric: string): void {
    this.go({ metric, page: null });
  }

  protected setPage(page: number): void {
    this.go({ page: page > 1 ? page : null }, true);
  }

  protected clearInstitution(): void {
    this.go({ institution: null, page: null });
  }

  protected clear(param: 'institutionKind' | 'ytd'): void {
    this.go({ [param]: null, page: null });
  }
}
