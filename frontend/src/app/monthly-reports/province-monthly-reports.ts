import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzTableModule } from 'ng-zorro-antd/table';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { TranslationService } from '../i18n/translation';
import type { MonthlyReportSection } from './monthly-report-access';
import { MonthlyReportExport } from './monthly-report-export';
import { type BoardStanding, MonthlyReportStatusTag, ReportMonthSelect, ReportStandingTag, monthLabel, monthParamOf, standingOf } from './monthly-report-labels';
import { MONTHLY_REPORT_PAGE_SIZE, MONTHLY_REPORT_STATUS_OPTIONS } from './monthly-report-list';
import { type MonthlyReportQuery, type MonthlyReportSummary, MonthlyReportsApi } from './monthly-reports-api';
import { CLOCK } from '../core/clock';

export interface CityRow {
  cityCode: string;
  cityName: string;
  counties: number;
  submitted: number;
  late: number;
  missing: number;
  /** The city report, once the city agency has compiled the month (its status: compiled, filed or returned). */
  cityReport: MonthlyReportSummary | null;
}

export interface StatusCounts {
  counties: number;
  draft: number;
  awaitingSignoff: number;
  submitted: number;
  late: number;
  missing: number;
  cities: number;
  /** Cities whose agency has compiled the month. */
  compiled: number;
  /** Of those, filed by the city bureau (备案, bulletin issued). */
  filed: number;
}

/** The province's month in numbers: county reports by status and standing, cities compiled. */
export function provinceCountsOf(items: readonly MonthlyReportSummary[], now: Date): { counts: StatusCounts; cities: CityRow[] } {
  const counties = items.filter((r) => r.level === 'county');
  const standing = new Map<string, BoardStanding>(counties.map((r) => [r.id, standingOf(r, now)]));
  const byCity = new Map<string, CityRow>();
  for (const report of items) {
    const row = byCity.get(report.cityCode) ?? {
      cityCode: report.cityCode,
      cityName: report.cityName,
      counties: 0,
      submitted: 0,
      late: 0,
      missing: 0,
      cityReport: null,
    };
    if (report.level === 'city') row.cityReport = report;
    else {
      row.counties++;
      if (report.status === 'submitted') row.submitted++;
      if (standing.get(report.id) === 'late') row.late++;
      if (standing.get(report.id) === 'missing') row.missing++;
    }
    byCity.set(report.cityCode, row);
  }
  const cities = [...byCity.values()].sort((a, b) => a.cityCode.localeCompare(b.cityCode));
  const count = (pred: (r: MonthlyReportSummary) => boolean) => counties.filter(pred).length;
  return {
    counts: {
      counties: counties.length,
      draft: count((r) => r.status === 'draft'),
      awaitingSignoff: count((r) => r.status === 'awaiting_signoff'),
      submitted: count((r) => r.status === 'submitted'),
      late: count((r) => standing.get(r.id) === 'late'),
      missing: count((r) => standing.get(r.id) === 'missing'),
      cities: cities.length,
      compiled: cities.filter((c) => c.cityReport !== null).length,
      filed: cities.filter((c) => c.cityReport?.status === 'filed').length,
    },
    cities,
  };
}

/** 月报表 for the province (and province-level leaders, the national overseer): every city and county of a month. */
@Component({
  selector: 'app-province-monthly-reports',
  imports: [DatePipe, RouterLink, NzTableModule, ListToolbar, MonthlyReportExport, MonthlyReportStatusTag, ReportMonthSelect, ReportStandingTag, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1 data-testid="monthly-report-heading">{{ 'monthlyReport.province.heading' | t: { month: monthText() } }}</h1>
        <app-report-month [month]="selectedMonth()" (monthChange)="selectMonth($event)" />
        <app-monthly-report-export [month]="selectedMonth()" [baseName]="exportName()" />
      </header>
      <p class="hint">{{ 'monthlyReport.province.hint' | t }}</p>

      @if (reports.error()) {
        <p class="error" data-testid="monthly-report-error">{{ 'monthlyReport.loadFailed' | t }}</p>
      } @else {
        @let counts = summary().counts;
        <div class="cards" data-testid="province-counts">
          <div class="card">
            <div class="value" data-testid="province-count-counties">{{ counts.counties }}</div>
            <div class="label">{{ 'monthlyReport.province.counties' | t }}</div>
          </div>
          <div class="card">
            <div class="value" data-testid="province-count-submitted">{{ counts.submitted }}</div>
            <div class="label">{{ 'monthlyReport.status.submitted' | t }}</div>
          </div>
          <div class="card">
            <div class="value" data-testid="province-count-awaiting">{{ counts.awaitingSignoff }}</div>
            <div class="label">{{ 'monthlyReport.status.awaiting_signoff' | t }}</div>
          </div>
          <div class="card">
            <div class="value" data-testid="province-count-draft">{{ counts.draft }}</div>
            <div class="label">{{ 'monthlyReport.status.draft' | t }}</div>
          </div>
          <div class="card">
            <div class="value" data-testid="province-count-late">{{ counts.late }}</div>
            <div class="label">{{ 'monthlyReport.standing.late' | t }}</div>
          </div>
          <div class="card" [class.alert]="counts.missing > 0">
            <div class="value" data-testid="province-count-missing">{{ counts.missing }}</div>
            <div class="label">{{ 'monthlyReport.standing.missing' | t }}</div>
          </div>
          <div class="card">
            <div class="value" data-testid="province-count-compiled">{{ counts.compiled }} / {{ counts.cities }}</div>
            <div class="label">{{ 'monthlyReport.province.compiled' | t }}</div>
          </div>
          <div class="card">
            <div class="value" data-testid="province-count-filed">{{ counts.filed }} / {{ counts.cities }}</div>
            <div class="label">{{ 'monthlyReport.province.filed' | t }}</div>
          </div>
        </div>

        <h2>{{ 'monthlyReport.province.citiesHeading' | t }}</h2>
        <div class="table-wrap">
          <nz-table
            #cityTable
            nzSize="small"
            data-testid="province-cities"
            [nzData]="summary().cities"
            [nzLoading]="reports.isLoading()"
            [nzShowPagination]="false"
            [nzFrontPagination]="false"
            [nzNoResult]="'monthlyReport.list.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'monthlyReport.col.city' | t }}</th>
                <th class="num">{{ 'monthlyReport.province.submittedOf' | t }}</th>
                <th class="num">{{ 'monthlyReport.standing.late' | t }}</th>
                <th class="num">{{ 'monthlyReport.standing.missing' | t }}</th>
                <th>{{ 'monthlyReport.province.cityReport' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (city of cityTable.data; track city.cityCode) {
                <tr data-testid="province-city-row" [attr.data-city]="city.cityCode">
                  <td>
                    <a data-testid="province-city-open" [routerLink]="['/', section(), 'monthly-reports', 'city', city.cityCode]" [queryParams]="{ month: selectedMonth() }">{{
                      city.cityName
                    }}</a>
                  </td>
                  <td class="num">{{ city.submitted }} / {{ city.counties }}</td>
                  <td class="num">{{ city.late }}</td>
                  <td class="num" [class.late]="city.missing > 0">{{ city.missing }}</td>
                  <td>
                    @if (city.cityReport; as cityReport) {
                      <span data-testid="province-city-compiled"><app-monthly-report-status [report]="cityReport" /></span>
                    } @else {
                      <span class="hint">{{ 'monthlyReport.province.notCompiled' | t }}</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </nz-table>
        </div>

        <h2>{{ 'monthlyReport.province.countiesHeading' | t }}</h2>
        <!-- The counties' reports of the month, searched, filtered, sorted and paged by the server (issue 16 §2). -->
        <app-list-toolbar
          [filters]="listFilters()"
          [status]="status()"
          [statusOptions]="statusOptions"
          [exportFetch]="exportFetch"
          [exportName]="'monthlyReport.list.exportName' | t"
          (changed)="filterList($event)"
        />
        <div class="table-wrap">
          <nz-table
            #countyTable
            nzSize="small"
            nzHideOnSinglePage
            data-testid="province-counties"
            [nzData]="counties()"
            [nzLoading]="countyPage.isLoading()"
            [nzFrontPagination]="false"
            [nzTotal]="countyTotal()"
            [nzPageSize]="pageSize"
            [nzPageIndex]="pageIndex()"
            (nzPageIndexChange)="goToPage($event)"
            [nzNoResult]="'monthlyReport.list.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'monthlyReport.col.city' | t }}</th>
                <th nzColumnKey="region" [nzSortFn]="true" [nzSortOrder]="sortOrder('region')" (nzSortOrderChange)="sortBy('region', $event)">
                  {{ 'monthlyReport.col.county' | t }}
                </th>
                <th nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">
                  {{ 'monthlyReport.col.status' | t }}
                </th>
                <th>{{ 'monthlyReport.col.standing' | t }}</th>
                <th class="col-optional" nzColumnKey="signedAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('signedAt')" (nzSortOrderChange)="sortBy('signedAt', $event)">
                  {{ 'monthlyReport.col.signed' | t }}
                </th>
              </tr>
            </thead>
            <tbody>
              @for (row of countyTable.data; track row.report.id) {
                <tr data-testid="province-county-row" [attr.data-region]="row.report.regionCode">
                  <td>{{ row.report.cityName }}</td>
                  <td>
                    <a data-testid="province-county-open" [routerLink]="['/', section(), 'monthly-reports', 'report', row.report.id]">{{ row.report.regionName }}</a>
                  </td>
                  <td><app-monthly-report-status [report]="row.report" /></td>
                  <td><app-report-standing [standing]="row.standing" /></td>
                  <td class="col-optional">
                    @if (row.report.signedAt) {
                      <time [attr.datetime]="row.report.signedAt">{{ row.report.signedAt | date: 'MM-dd HH:mm' : '+0800' }}</time>
                    } @else {
                      <span class="hint">—</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </nz-table>
        </div>
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', '../shell/responsive-page.css', './monthly-reports.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProvinceMonthlyReports extends SearchableList {
  private readonly api = inject(MonthlyReportsApi);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly month = input<string>();
  readonly section = input<MonthlyReportSection>('province');
  /** The county table's `?status=` and `?page=` (with the shared filters of SearchableList). */
  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly selectedMonth = computed(() => monthParamOf(this.month(), this.now()));
  protected readonly monthText = computed(() => monthLabel(this.selectedMonth(), this.i18n));
  protected readonly exportName = computed(() => this.i18n.t('monthlyReport.export.provinceFileName', { month: this.selectedMonth() }));
  protected readonly reports = rxResource({
    params: () => ({ month: this.selectedMonth() }),
    stream: ({ params }) => this.api.list(params.month),
  });
  private readonly items = computed(() => (this.reports.hasValue() ? this.reports.value().items : []));
  protected readonly summary = computed(() => provinceCountsOf(this.items(), this.now()));
  protected readonly pageSize = MONTHLY_REPORT_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly statusOptions = MONTHLY_REPORT_STATUS_OPTIONS;
  /** The county table's question: the month's county reports under the toolbar's filters. */
  private readonly countyQuery = computed<Omit<MonthlyReportQuery, 'page' | 'pageSize'>>(() => ({
    ...this.listFilters(),
    // A period from the toolbar replaces the month here too.
    month: this.selectedMonth(),
    level: 'county',
    status: MONTHLY_REPORT_STATUS_OPTIONS.some((o) => o.value === this.status()) ? this.status() : undefined,
  }));
  protected readonly countyPage = rxResource({
    params: (): MonthlyReportQuery => ({ ...this.countyQuery(), page: this.pageIndex(), pageSize: MONTHLY_REPORT_PAGE_SIZE }),
    stream: ({ params }) => this.api.search(params),
  });
  protected readonly counties = computed(() =>
    (this.countyPage.hasValue() ? this.countyPage.value().items : []).map((report) => ({ report, standing: standingOf(report, this.now()) })),
  );
  protected readonly countyTotal = computed(() => (this.countyPage.hasValue() ? this.countyPage.value().total : 0));
  /** The export: the county table's filters, every page. */
  protected readonly exportFetch = () => this.api.exportList(this.countyQuery());

  protected selectMonth(month: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { month, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected goToPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
