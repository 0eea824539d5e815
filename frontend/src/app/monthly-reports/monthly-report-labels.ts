import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf, daysUntil } from '../core/china-date';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { ManualField, MonthlyReportStatus, MonthlyReportSummary, ReportStanding } from './monthly-reports-api';
import { CLOCK } from '../core/clock';
import { labelTable } from '../i18n/label-table';

export const STATUS_LABELS: Record<MonthlyReportStatus, TranslationKey> = labelTable('monthlyReport.status', ['draft', 'awaiting_signoff', 'submitted', 'compiled', 'filed', 'returned']);

const STATUS_COLORS: Record<MonthlyReportStatus, string> = {
  draft: 'default',
  awaiting_signoff: 'processing',
  submitted: 'success',
  compiled: 'processing',
  filed: 'green',
  returned: 'warning',
};

/** On the city's board before the due instant, a county not reported yet is still 'pending'. */
export type BoardStanding = ReportStanding | 'pending';

export const STANDING_LABELS: Record<BoardStanding, TranslationKey> = labelTable('monthlyReport.standing', ['on_time', 'late', 'missing', 'pending']);

export const STANDING_COLORS: Record<BoardStanding, string> = {
  on_time: 'success',
  late: 'warning',
  missing: 'error',
  pending: 'default',
};

/** Where a county report stands for the city: reported on time or late, missing once past due. */
export function standingOf(report: Pick<MonthlyReportSummary, 'status' | 'late' | 'dueAt'>, now: Date): BoardStanding {
  if (report.status === 'submitted') return report.late ? 'late' : 'on_time';
  return now.getTime() >= Date.parse(report.dueAt) ? 'missing' : 'pending';
}

export const MANUAL_LABELS: Record<ManualField, TranslationKey> = labelTable('monthlyReport.manual', [
  'transferredToPolice',
  'otherRecovered',
  'publicExposures',
  'remarks',
]);

/** The county's three steps (nz-steps): 草稿 → 待审签 → 已上报. */
export const REPORT_STEPS = ['draft', 'awaiting_signoff', 'submitted'] as const satisfies readonly MonthlyReportStatus[];

/** The current step: 3 once submitted (all done). */
export function reportStepOf(status: MonthlyReportStatus): number {
  const step = (REPORT_STEPS as readonly MonthlyReportStatus[]).indexOf(status);
  return step < 0 || status === 'submitted' ? REPORT_STEPS.length : step;
}

// ---- Months (China calendar) ----

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month reported on now: the previous month in China time. */
export function reportMonthOf(now: Date): string {
  return addMonths(chinaDateOf(now).slice(0, 7), -1);
}

/** `?month=2026-07` when valid and not in the future, else the month reported on now. */
export function monthParamOf(param: string | undefined, now: Date): string {
  const current = chinaDateOf(now).slice(0, 7);
  return param && MONTH.test(param) && param <= current ? param : reportMonthOf(now);
}

/** The last China calendar day before the due instant: the 10th of the month after the reported one. */
export function dueDateOf(dueAt: string): string {
  return chinaDateOf(new Date(Date.parse(dueAt) - 1));
}

export interface Countdown {
  readonly key: TranslationKey;
  readonly days: number;
  readonly urgency: 'normal' | 'soon' | 'late';
}

/** Days to (or past) the 10th while a county report is still owed; none once submitted. */
export function countdownOf(report: Pick<MonthlyReportSummary, 'status' | 'dueAt' | 'level'>, now: Date): Countdown | null {
  if (report.level !== 'county' || report.status === 'submitted') return null;
  if (now.getTime() >= Date.parse(report.dueAt)) {
    const days = Math.max(1, daysUntil(dueDateOf(report.dueAt), chinaDateOf(now)));
    return { key: 'monthlyReport.countdown.overdue', days, urgency: 'late' };
  }
  const days = daysUntil(chinaDateOf(now), dueDateOf(report.dueAt));
  if (days === 0) return { key: 'monthlyReport.countdown.today', days, urgency: 'soon' };
  return { key: 'monthlyReport.countdown.daysLeft', days, urgency: days <= 3 ? 'soon' : 'normal' };
}

/** 'YYYY-MM' as 2026年7月 / Jul 2026. */
export function monthLabel(month: string, i18n: TranslationService): string {
  const [year, m] = month.split('-').map(Number);
  return i18n.t('monthlyReport.monthLabel', { year, month: m, monthName: MONTH_NAMES[m - 1] ?? String(m) });
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A report's status, 逾期上报 / 逾期未报 tags, and the countdown to the 10th while owed. */
@Component({
  selector: 'app-monthly-report-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="monthly-report-status" [attr.data-status]="report().status" [nzColor]="colors[report().status]">{{
      labels[report().status] | t
    }}</nz-tag>
    @if (report().late) {
      <nz-tag data-testid="monthly-report-late" nzColor="volcano">{{ 'monthlyReport.late' | t }}</nz-tag>
    } @else if (report().overdue) {
      <nz-tag data-testid="monthly-report-overdue" nzColor="red">{{ 'monthlyReport.overdue' | t }}</nz-tag>
    }
    @if (showCountdown() && countdown(); as countdown) {
      <span
        class="countdown"
        data-testid="monthly-report-countdown"
        [class.soon]="countdown.urgency === 'soon'"
        [class.late]="countdown.urgency === 'late'"
        >{{ countdown.key | t: { days: countdown.days } }}</span
      >
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthlyReportStatusTag {
  private readonly now = inject(CLOCK);

  readonly report = input.required<Pick<MonthlyReportSummary, 'status' | 'late' | 'overdue' | 'dueAt' | 'level'>>();
  readonly showCountdown = input(false);

  protected readonly labels = STATUS_LABELS;
  protected readonly colors = STATUS_COLORS;
  protected readonly countdown = computed(() => countdownOf(this.report(), this.now()));
}

/** A county's standing in the bulletin: 按时 / 逾期 / 未报. */
@Component({
  selector: 'app-report-standing',
  imports: [NzTagModule, TPipe],
  template: `<nz-tag data-testid="report-standing" [attr.data-standing]="standing()" [nzColor]="colors[standing()]">{{
    labels[standing()] | t
  }}</nz-tag>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportStandingTag {
  readonly standing = input.required<BoardStanding>();
  protected readonly labels = STANDING_LABELS;
  protected readonly colors = STANDING_COLORS;
}

/** Month picker: the month reported on now and the 23 before it. */
@Component({
  selector: 'app-report-month',
  imports: [FormsModule, NzSelectModule, TPipe],
  template: `
    <nz-select
      class="month"
      data-testid="monthly-report-month"
      [attr.aria-label]="'monthlyReport.month' | t"
      [ngModel]="month()"
      (ngModelChange)="monthChange.emit($event)"
    >
      @for (m of months(); track m) {
        <nz-option [nzValue]="m" [nzLabel]="label(m)" />
      }
    </nz-select>
  `,
  styles: `
    .month {
      width: 140px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportMonthSelect {
  private readonly now = inject(CLOCK);
  private readonly i18n = inject(TranslationService);

  readonly month = input.required<string>();
  readonly monthChange = output<string>();

  protected readonly months = computed(() => {
    const latest = reportMonthOf(this.now());
    const months = Array.from({ length: 24 }, (_, i) => addMonths(latest, -i));
    return months.includes(this.month()) ? months : [...months, this.month()].sort().reverse();
  });

  protected label(month: string): string {
    return monthLabel(month, this.i18n);
  }
}
