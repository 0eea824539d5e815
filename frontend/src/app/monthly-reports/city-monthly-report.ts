import { DatePipe, DecimalPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { isApiErrorBody } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type MonthlyReportSection, canCompileCity, canFileCity } from './monthly-report-access';
import { MonthlyReportExport } from './monthly-report-export';
import { ReportFigures } from './monthly-report-figures';
import {
  MonthlyReportStatusTag,
  ReportMonthSelect,
  ReportStandingTag,
  dueDateOf,
  monthLabel,
  monthParamOf,
  standingOf,
} from './monthly-report-labels';
import { type MonthlyReportDetail, type MonthlyReportSummary, MonthlyReportsApi } from './monthly-reports-api';
import { CLOCK } from '../core/clock';
import { MoneyPipe } from '../core/money';

/** Whether the city may compile now, and if not, why (shown next to the disabled button). */
export interface CompileState {
  readonly ready: boolean;
  readonly reason: TranslationKey | null;
  readonly params: Record<string, string | number>;
}

/** Allowed once every county report is submitted, or after the due instant (missing ones listed as 未报). */
export function compileStateOf(counties: readonly Pick<MonthlyReportSummary, 'status' | 'dueAt'>[], now: Date): CompileState {
  if (!counties.length) return { ready: false, reason: 'monthlyReport.city.noReports', params: {} };
  const outstanding = counties.filter((c) => c.status !== 'submitted').length;
  const dueAt = counties[0].dueAt;
  if (outstanding === 0 || now.getTime() >= Date.parse(dueAt)) return { ready: true, reason: null, params: {} };
  return { ready: false, reason: 'monthlyReport.city.notReady', params: { count: outstanding, date: dueDateOf(dueAt) } };
}

/**
 * A city's month (市汇总): every county's report with where it stands; the city's two steps (seed 002
 * 一(九)): 汇总 by the city agency's fund-audit section, then 备案 (filing, which issues the bulletin)
 * or 退回 (back to the agency with a comment) by the city bureau; and the compiled city report —
 * totals, per-county figures and the bulletin (通报) ranking — with its Excel and PDF.
 */
@Component({
  selector: 'app-city-monthly-report',
  imports: [
    MoneyPipe,
    DatePipe,
    DecimalPipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzSpinModule,
    NzTableModule,
    MonthlyReportExport,
    MonthlyReportStatusTag,
    ReportFigures,
    ReportMonthSelect,
    ReportStandingTag,
    TPipe,
  ],
  templateUrl: './city-monthly-report.html',
  styleUrls: ['../shell/feature-page.css', '../shell/responsive-page.css', './monthly-reports.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CityMonthlyReport {
  private readonly api = inject(MonthlyReportsApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(CLOCK);

  readonly cityCode = input.required<string>();
  /** `?month=YYYY-MM`, bound by the router. */
  readonly month = input<string>();
  readonly section = input<MonthlyReportSection>('local');

  protected readonly selectedMonth = computed(() => monthParamOf(this.month(), this.now()));
  protected readonly reports = rxResource({
    params: () => ({ month: this.selectedMonth() }),
    stream: ({ params }) => this.api.list(params.month),
  });
  private readonly items = computed(() => (this.reports.hasValue() ? this.reports.value().items : []));
  protected readonly counties = computed(() =>
    this.items()
      .filter((r) => r.level === 'county' && r.cityCode === this.cityCode())
      .map((report) => ({ report, standing: standingOf(report, this.now()) })),
  );
  protected readonly cityReport = computed(() => this.items().find((r) => r.level === 'city' && r.cityCode === this.cityCode()) ?? null);
  protected readonly cityName = computed(() => this.cityReport()?.cityName ?? this.counties()[0]?.report.cityName ?? this.cityCode());

  /** The compiled city report, once there is one (set directly after compiling). */
  private readonly cityReportId = computed(() => this.cityReport()?.id ?? null);
  protected readonly compiledDetail = rxResource({
    params: () => {
      const id = this.cityReportId();
      return id ? { id } : undefined;
    },
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly city = computed<MonthlyReportDetail | null>(() => {
    const detail = this.compiledDetail.hasValue() ? this.compiledDetail.value() : null;
    return detail && detail.cityCode === this.cityCode() && detail.month === this.selectedMonth() ? detail : null;
  });
  protected readonly compiled = computed(() => this.city()?.compiled ?? null);

  protected readonly heading = computed(() =>
    this.i18n.t('monthlyReport.city.heading', { city: this.cityName(), month: monthLabel(this.selectedMonth(), this.i18n) }),
  );
  protected readonly exportName = computed(() =>
    this.i18n.t('monthlyReport.export.fileName', { region: this.cityName(), month: this.selectedMonth() }),
  );
  protected readonly counts = computed(() => {
    const counties = this.counties();
    const count = (standing: string) => counties.filter((c) => c.standing === standing).length;
    return { total: counties.length, onTime: count('on_time'), late: count('late'), missing: count('missing'), pending: count('pending') };
  });

  /** The city agency: compiles while the bureau has not filed the month. */
  protected readonly isCompiler = computed(() => canCompileCity(this.user.me(), this.cityCode(), this.section()));
  protected readonly cityStatus = computed(() => this.city()?.status ?? this.cityReport()?.status ?? null);
  protected readonly canCompile = computed(() => this.isCompiler() && this.cityStatus() !== 'filed');
  /** The city bureau: files (备案) or returns the agency's compilation. */
  protected readonly isFiler = computed(() => canFileCity(this.user.me(), this.cityCode(), this.section()));
  protected readonly canFile = computed(() => {
    const city = this.city();
    return this.isFiler() && city !== null && city.status === 'compiled' && (city.actions?.includes('file') ?? true);
  });
  protected readonly compileState = computed(() => compileStateOf(this.counties().map((c) => c.report), this.now()));
  protected readonly compiling = signal(false);
  protected readonly filing = signal<'file' | 'return' | null>(null);
  protected readonly returnComment = signal('');
  protected readonly returnCommentMissing = signal(false);
  protected readonly refusal = signal<{ zh: string; en: string } | null>(null);
  protected readonly refusalText = computed(() => {
    const refusal = this.refusal();
    return refusal ? this.i18n.pick(refusal.zh, refusal.en) : '';
  });

  protected selectMonth(month: string): void {
    this.refusal.set(null);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { month }, replaceUrl: true });
  }

  /** 汇总 (or 重新汇总): the API decides; its refusal stays on the page. */
  protected async compile(): Promise<void> {
    if (this.compiling() || !this.canCompile() || !this.compileState().ready) return;
    this.compiling.set(true);
    try {
      const report = await firstValueFrom(this.api.compile(this.cityCode(), this.selectedMonth()));
      this.refusal.set(null);
      this.compiledDetail.set(report);
      this.reports.reload();
      this.message.success(this.i18n.t('monthlyReport.city.compiled'));
    } catch (error) {
      if (error instanceof HttpErrorResponse && isApiErrorBody(error.error)) this.refusal.set(error.error.error.message);
    } finally {
      this.compiling.set(false);
    }
  }

  /** 备案: the bureau files the compilation, which issues the bulletin to the counties. */
  protected async file(): Promise<void> {
    const city = this.city();
    if (this.filing() || !city || !this.canFile()) return;
    await this.decide('file', () => this.api.file(city.id), 'monthlyReport.city.filed');
  }

  /** 退回: back to the city agency, with the bureau's comment (required). */
  protected async returnCompilation(): Promise<void> {
    const city = this.city();
    if (this.filing() || !city || !this.canFile()) return;
    const comment = this.returnComment().trim();
    this.returnCommentMissing.set(!comment);
    if (!comment) return;
    await this.decide('return', () => this.api.return(city.id, comment), 'monthlyReport.city.returnedDone');
  }

  private async decide(kind: 'file' | 'return', call: () => ReturnType<MonthlyReportsApi['file']>, done: TranslationKey): Promise<void> {
    this.filing.set(kind);
    try {
      const report = await firstValueFrom(call());
      this.refusal.set(null);
      this.returnComment.set('');
      this.compiledDetail.set(report);
      this.reports.reload();
      this.message.success(this.i18n.t(done));
    } catch (error) {
      if (error instanceof HttpErrorResponse && isApiErrorBody(error.error)) this.refusal.set(error.error.error.message);
    } finally {
      this.filing.set(null);
    }
  }

  protected countyLink(reportId: string): string[] {
    return ['/', this.section(), 'monthly-reports', 'report', reportId];
  }

  protected missingNames(names: readonly string[]): string {
    return names.join(this.i18n.isZh() ? '、' : ', ');
  }

  protected rankClass(rank: number): string {
    return rank <= 3 ? 'rank top' : 'rank';
  }
}
