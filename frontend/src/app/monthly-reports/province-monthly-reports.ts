import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzTableModule } from 'ng-zorro-antd/table';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { MonthlyReportSection } from './monthly-report-access';
import { MonthlyReportExport } from './monthly-report-export';
import { type BoardStanding, MonthlyReportStatusTag, ReportMonthSelect, ReportStandingTag, monthLabel, monthParamOf, standingOf } from './monthly-report-labels';
import { type MonthlyReportSummary, MonthlyReportsApi } from './monthly-reports-api';
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
  imports: [DatePipe, RouterLink, NzTableModule, MonthlyReportExport, MonthlyReportStatusTag, ReportMonthSelect, ReportStandingTag, TPipe],
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
        <div class="table-wrap">
          <nz-table
            #countyTable
            nzSize="small"
            nzHideOnSinglePage
            data-testid="province-counties"
            [nzData]="counties()"
            [nzLoading]="reports.isLoading()"
            [nzPageSize]="50"
            [nzNoResult]="'monthlyReport.list.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'monthlyReport.col.city' | t }}</th>
                <th>{{ 'monthlyReport.col.county' | t }}</th>
                <th>{{ 'monthlyReport.col.status' | t }}</th>
                <th>{{ 'monthlyReport.col.standing' | t }}</th>
                <th class="col-optional">{{ 'monthlyReport.col.signed' | t }}</th>
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
export class ProvinceMonthlyReports {
  private readonly api = inject(MonthlyReportsApi);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly month = input<string>();
  readonly section = input<MonthlyReportSection>('province');

  protected readonly selectedMonth = computed(() => monthParamOf(this.month(), this.now()));
  protected readonly monthText = computed(() => monthLabel(this.selectedMonth(), this.i18n));
  protected readonly exportName = computed(() => this.i18n.t('monthlyReport.export.provinceFileName', { month: this.selectedMonth() }));
  protected readonly reports = rxResource({
    params: () => ({ month: this.selectedMonth() }),
    stream: ({ params }) => this.api.list(params.month),
  });
  private readonly items = computed(() => (this.reports.hasValue() ? this.reports.value().items : []));
  protected readonly summary = computed(() => provinceCountsOf(this.items(), this.now()));
  protected readonly counties = computed(() =>
    this.items()
      .filter((r) => r.level === 'county')
      .map((report) => ({ report, standing: standingOf(report, this.now()) })),
  );

  protected selectMonth(month: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { month }, replaceUrl: true });
  }
}
