import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type MonthlyReportSection, canCompileCity, canEditReport, canFileCity, canSignReport } from './monthly-report-access';
import { MonthlyReportStatusTag, ReportMonthSelect, dueDateOf, monthLabel, monthParamOf } from './monthly-report-labels';
import { type MonthlyReportSummary, MonthlyReportsApi } from './monthly-reports-api';
import { CLOCK } from '../core/clock';

/** Where a row opens: a county report by id, a city report on the city page of its month. */
export function reportLink(section: MonthlyReportSection, report: Pick<MonthlyReportSummary, 'id' | 'level' | 'cityCode'>): string[] {
  return report.level === 'city' ? ['/', section, 'monthly-reports', 'city', report.cityCode] : ['/', section, 'monthly-reports', 'report', report.id];
}

/**
 * 月报表: the reports of a month the user may see — a county bureau its own, the city agency and
 * the city bureau their counties' and the city report, a leader those of their bureau's region —
 * with links.
 */
@Component({
  selector: 'app-monthly-report-list',
  imports: [DatePipe, RouterLink, NzAlertModule, NzButtonModule, NzIconModule, NzTableModule, MonthlyReportStatusTag, ReportMonthSelect, TPipe],
  template: `
    <section class="panel">
      <header class="toolbar">
        <h1 data-testid="monthly-report-heading">{{ 'monthlyReport.list.heading' | t: { month: monthText() } }}</h1>
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
            [nzPageSize]="50"
            [nzNoResult]="'monthlyReport.list.none' | t"
          >
            <thead>
              <tr>
                <th>{{ 'monthlyReport.col.region' | t }}</th>
                <th>{{ 'monthlyReport.col.status' | t }}</th>
                <th class="col-narrow-hidden">{{ 'monthlyReport.col.due' | t }}</th>
                <th class="col-optional">{{ 'monthlyReport.col.submitted' | t }}</th>
                <th class="col-narrow-hidden">{{ 'monthlyReport.col.signed' | t }}</th>
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
export class MonthlyReportList {
  private readonly api = inject(MonthlyReportsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  /** `?month=YYYY-MM`, bound by the router. */
  readonly month = input<string>();
  /** From the route data. */
  readonly section = input<MonthlyReportSection>('local');

  protected readonly selectedMonth = computed(() => monthParamOf(this.month(), this.now()));
  protected readonly monthText = computed(() => monthLabel(this.selectedMonth(), this.i18n));
  protected readonly reports = rxResource({
    params: () => ({ month: this.selectedMonth() }),
    stream: ({ params }) => this.api.list(params.month),
  });
  protected readonly items = computed(() => (this.reports.hasValue() ? this.reports.value().items : []));

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

  protected selectMonth(month: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { month }, replaceUrl: true });
  }
}
