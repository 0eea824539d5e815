import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf, daysUntil } from '../core/china-date';
import type { PlanStatus } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { CLOCK } from '../core/clock';
import { labelTable } from '../i18n/label-table';

/** What the status rules need; both PlanDetail and PlanSummary fit. */
export interface PlanState {
  readonly status: PlanStatus;
  readonly overdue: boolean;
  readonly year: number;
  /** PlanDetail carries it; for a summary it is 15 May of the plan year. */
  readonly deadline?: string;
}

/** The unit still has to submit (or resubmit) the plan. */
export const AWAITING_SUBMISSION: readonly PlanStatus[] = ['not_started', 'draft', 'returned'];
/** The drafting unit may edit the plan (PUT …/draft) in these statuses. */
export const EDITABLE_STATUSES: readonly PlanStatus[] = ['not_started', 'draft', 'returned'];
/** Monthly progress is tracked once the plan is filed. */
export const PROGRESS_STATUSES: readonly PlanStatus[] = ['filed', 'closed'];

/** 'YYYY-MM-DD' → the parameters of `plans.dateValue` (2027年5月15日 / 2027-05-15). */
export function dateParams(date: string): { year: number; month: number; day: number; iso: string } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day, iso: date };
}

export function planDeadlineOf(plan: PlanState): string {
  return plan.deadline ?? `${plan.year}-05-15`;
}

/**
 * The backend's `overdue` flag is authoritative (set on 16 May and kept after a late
 * submission), but a plan not even submitted once past 15 May counts as overdue here already,
 * before the background job has run.
 */
export function isPlanOverdue(plan: PlanState, today: string): boolean {
  return plan.overdue || ((plan.status === 'not_started' || plan.status === 'draft') && today > planDeadlineOf(plan));
}

export const PLAN_STATUS_LABELS: Record<PlanStatus, TranslationKey> = labelTable('plans.status', ['not_started', 'draft', 'submitted', 'forwarded', 'returned', 'filed', 'closed']);

/** ng-zorro tag colours; the chart uses the same hues (BOARD_CHART_COLORS). */
export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = {
  not_started: 'default',
  draft: 'processing',
  submitted: 'gold',
  forwarded: 'cyan',
  returned: 'volcano',
  filed: 'success',
  closed: 'purple',
};

export interface PlanCountdown {
  readonly key: TranslationKey;
  readonly days: number;
  readonly urgency: 'normal' | 'soon' | 'late';
}

/** Calendar days left to (or past) 15 May while the unit still has to submit; null otherwise. */
export function planCountdownOf(plan: PlanState, today: string): PlanCountdown | null {
  if (!AWAITING_SUBMISSION.includes(plan.status)) return null;
  const days = daysUntil(today, planDeadlineOf(plan));
  if (days > 7) return { key: 'plans.countdown.daysLeft', days, urgency: 'normal' };
  if (days > 1) return { key: 'plans.countdown.daysLeft', days, urgency: 'soon' };
  if (days === 1) return { key: 'plans.countdown.tomorrow', days, urgency: 'soon' };
  if (days === 0) return { key: 'plans.countdown.today', days, urgency: 'soon' };
  return { key: 'plans.countdown.overdue', days: -days, urgency: 'late' };
}

/** Status tag, a red 逾期 tag when overdue, and the countdown to 15 May while unsubmitted. */
@Component({
  selector: 'app-plan-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="plan-status" [nzColor]="color()" [attr.data-status]="plan().status">{{
      label() | t
    }}</nz-tag>
    @if (overdue()) {
      <nz-tag data-testid="plan-overdue" nzColor="error">{{ 'plans.overdue' | t }}</nz-tag>
    }
    @if (showCountdown() && countdown(); as countdown) {
      <span
        class="countdown"
        data-testid="plan-countdown"
        [class.soon]="countdown.urgency === 'soon'"
        [class.late]="countdown.urgency === 'late'"
        >{{ countdown.key | t: { days: countdown.days } }}</span
      >
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanStatusTag {
  private readonly now = inject(CLOCK);

  readonly plan = input.required<PlanState>();
  readonly showCountdown = input(true);

  protected readonly label = computed(() => PLAN_STATUS_LABELS[this.plan().status]);
  protected readonly color = computed(() => PLAN_STATUS_COLORS[this.plan().status]);
  protected readonly overdue = computed(() => isPlanOverdue(this.plan(), this.today()));
  protected readonly countdown = computed(() => planCountdownOf(this.plan(), this.today()));

  private today(): string {
    return chinaDateOf(this.now());
  }
}
