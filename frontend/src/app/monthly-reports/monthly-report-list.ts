import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { CurrentUser } from '../core/current-user';
import { pageFromQuery } from '../core/paging';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { TranslationService } from '../i18n/translation';
import { type MonthlyReportSection, canCompileCity, canEditReport, canFileCity, canSignReport } from './monthly-report-access';
import { MonthlyReportStatusTag, ReportMonthSelect, dueDateOf, monthLabel, monthParamOf } from './monthly-report-labels';
import { type MonthlyReportQuery, type MonthlyReportStatus, type MonthlyReportSummary, MonthlyReportsApi } from './monthly-reports-api';
import { CLOCK } from '../core/clock';

export const MONTHLY_REPORT_PAGE_SIZE = 50;

const STATUSES: readonly MonthlyReportStatus[] = ['draft', 'awaiting_signoff', 'submitted', 'compiled', 'filed', 'returned'];
/** The toolbar's statuses (the list has no status tabs). */
export const MONTHLY_REPORT_STATUS_OPTIONS: readonly StatusOption[] = STATUSES.map((value) => ({ value, label: `monthlyReport.status.${value}` as TranslationKey }));

/** Where a row opens: a county report by id, a city report on the city page of its month. */
export function reportLink(section: MonthlyReportSection, report: Pick<MonthlyReportSummary, 'id' | 'level' | 'cityCode'>): string[] {
  return report.level === 'city' ? ['/', section, 'monthly-reports', 'city', report.cityCode] : ['/', section, 'monthly-reports', 'report', report.id];
}

/**
 * 月报表: the reports of a month the user may see — a county bureau its own, the city agency and
 * the city bureau their counties' and the city report, a leader those of their bureau's region —
 * with links; searched by the reporting unit, filtered by region, status and the month (or a
 * period), sorted and paged by the server, exported as the filtered rows (issue 16 §2).
 */
@Component({
  selector: 'app-monthly-report-list',
  imports: [DatePipe, RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzTableModule, ListToolbar, MonthlyReportStatusTag, ReportMonthSelect, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1 data-testid="monthly-report-heading">
          {{ periodText() ? ('monthlyReport.list.periodHeading' | t: { period: periodText() }) : ('monthlyReport.list.heading' | t: { month: monthText() }) }}
        </h1>
        <app-report-month [month]="selectedMonth()" (monthChange)="selectMonth($event)" />
        @if (cityCode(); as cityCode) {
          <a
            nz-button
            nzType="primary"
            data-testid="monthly-report-city-board"
            [routerLink]="['/', section(), 'monthly-reports', 'city', cityCode]"
            [queryParams]="{ month: selectedMonth() }"
            ><nz-icon nzType="audit" />{{ 'monthlyReport.list.cityBoard' | t }}</a
          >
        }
      </header>
      <p class="hint">{{ 'monthlyReport.list.hint' | t }}</p>
      <app-list-toolbar
        [filters]="listFilters()"
        [status]="status()"
        [statusOptions]="statusOptions"
        [showRegion]="showRegion()"
        [exportFetch]="exportFetch"
        [exportName]="'monthlyReport.list.exportName' | t"
        (changed)="filterList($event)"
      />
      @if (toSign().length) {
        <nz-alert
          class="notice"
          nzType="warning"
          nzShowIcon
          data-testid="monthly-report-to-sign"
          [nzMessage]="'monthlyReport.list.toSign' | t: { count: toSign().length }"
        />
      }
      @if (toFill().length) {
        <nz-alert
          class="notice"
          nzType="info"
          nzShowIcon
          data-testid="monthly-report-to-fill"
          [nzMessage]="'monthlyReport.list.toFill' | t: { count: toFill().length }"
        />
      }
      @if (reports.error()) {
        <p class="error" data-testid="monthly-report-error">{{ 'monthlyReport.loadFailed' | t }}</p>
      } @else {
        <div class="table-wrap">
          <nz-table
            #table
            nzSize="middle"
            nzHideOnSinglePage
            data-testid="monthly-report-table"
            [nzData]="items()"
            [nzLoading]="reports.isLoading()"
            [nzFrontPagination]="false"
            [nzTotal]="total()"
            [nzPageSize]="pageSize"
            [nzPageIndex]="pageIndex()"
            (nzPageIndexChange)="filterPage($event)"
            [nzNoResult]="'monthlyReport.list.none' | t"
          >
            <thead>
              <tr>
                <th nzColumnKey="region" [nzSortFn]="true" [nzSortOrder]="sortOrder('region')" (nzSortOrderChange)="sortBy('region', $event)">
                  {{ 'monthlyReport.col.region' | t }}
                </th>
                <th nzColumnKey="status" [nzSortFn]="true" [nzSortOrder]="sortOrder('status')" (nzSortOrderChange)="sortBy('status', $event)">
                  {{ 'monthlyReport.col.status' | t }}
                </th>
                <th class="col-narrow-hidden" nzColumnKey="dueAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('dueAt')" (nzSortOrderChange)="sortBy('dueAt', $event)">
                  {{ 'monthlyReport.col.due' | t }}
                </th>
                <th class="col-optional" nzColumnKey="submittedAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('submittedAt')" (nzSortOrderChange)="sortBy('submittedAt', $event)">
                  {{ 'monthlyReport.col.submitted' | t }}
                </th>
                <th class="col-narrow-hidden" nzColumnKey="signedAt" [nzSortFn]="true" [nzSortOrder]="sortOrder('signedAt')" (nzSortOrderChange)="sortBy('signedAt', $event)">
                  {{ 'monthlyReport.col.signed' | t }}
                </th>
              </tr>
            </thead>
            <tbody>
              @for (report of table.data; track report.id) {
                <tr data-testid="monthly-report-row" [attr.data-id]="report.id" [attr.data-level]="report.level">
                  <td>
                    <a data-testid="monthly-report-open" [routerLink]="link(report)" [queryParams]="report.level === 'city' ? { month: report.month } : null">{{
                      report.level === 'city' ? ('monthlyReport.list.cityReport' | t: { city: report.cityName }) : report.regionName
                    }}</a>
                    @if (report.level === 'county') {
                      <span class="sub">{{ report.cityName }}</span>
                    }
                  </td>
                  <td><app-monthly-report-status [report]="report" [showCountdown]="true" /></td>
                  <td class="col-narrow-hidden nowrap">{{ due(report) }}</td>
                  <td class="col-optional">
                    @if (report.submittedAt) {
                      <time [attr.datetime]="report.submittedAt">{{ report.submittedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</time>
                      @if (report.submittedBy) {
                        <span class="sub">{{ report.submittedBy }}</span>
                      }
                    } @else {
                      <span class="hint">—</span>
                    }
                  </td>
                  <td class="col-narrow-hidden">
                    @if (report.signedAt) {
                      <time [attr.datetime]="report.signedAt">{{ report.signedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</time>
                      @if (report.signedBy) {
                        <span class="sub">{{ report.signedBy }}</span>
                      }
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
export class MonthlyReportList extends SearchableList {
  private readonly api = inject(MonthlyReportsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly now = inject(CLOCK);

  /** `?month=YYYY-MM`, `?status=`, `?page=`, bound by the router (with the shared filters of SearchableList). */
  readonly month = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  /** From the route data. */
  readonly section = input<MonthlyReportSection>('local');

  protected readonly selectedMonth = computed(() => monthParamOf(this.month(), this.now()));
  protected readonly monthText = computed(() => monthLabel(this.selectedMonth(), this.i18n));
  /** A period from the toolbar replaces the month. */
  protected readonly periodText = computed(() => {
    const { from, to } = this.listFilters();
    return from || to ? `${from ?? '…'} – ${to ?? '…'}` : '';
  });
  protected readonly pageSize = MONTHLY_REPORT_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly statusOptions = MONTHLY_REPORT_STATUS_OPTIONS;
  /** A county sees its own report only: no region to choose. */
  protected readonly showRegion = computed(() => this.user.me()?.level !== 'county');
  private readonly query = computed<Omit<MonthlyReportQuery, 'page' | 'pageSize'>>(() => ({
    ...this.listFilters(),
    month: this.selectedMonth(),
    status: STATUSES.includes(this.status() as MonthlyReportStatus) ? this.status() : undefined,
  }));
  protected readonly reports = rxResource({
    params: (): MonthlyReportQuery => ({ ...this.query(), page: this.pageIndex(), pageSize: MONTHLY_REPORT_PAGE_SIZE }),
    stream: ({ params }) => this.api.search(params),
  });
  protected readonly items = computed(() => (this.reports.hasValue() ? this.reports.value().items : []));
  protected readonly total = computed(() => (this.reports.hasValue() ? this.reports.value().total : 0));
  /** The export: the list's filters, every page. */
  protected readonly exportFetch = () => this.api.exportList(this.query());

  /** The city page for city-level users (the agency compiles there, the bureau files, leaders read it). */
  protected readonly cityCode = computed(() => {
    const me = this.user.me();
    if (!me || me.level !== 'city') return null;
    const code = me.region.code;
    return this.section() === 'leader' || canCompileCity(me, code, this.section()) || canFileCity(me, code, this.section()) ? code : null;
  });
  protected readonly toSign = computed(() => this.items().filter((r) => canSignReport(this.user.me(), r, this.section())));
  protected readonly toFill = computed(() => this.items().filter((r) => canEditReport(this.user.me(), r, this.section())));

  protected link(report: MonthlyReportSummary): string[] {
    return reportLink(this.section(), report);
  }

  protected due(report: MonthlyReportSummary): string {
    return dueDateOf(report.dueAt);
  }

  /** A month replaces a period, back to the first page. */
  protected selectMonth(month: string): void {
    this.filterOwn({ month, from: null, to: null });
  }
}
