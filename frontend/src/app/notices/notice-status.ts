import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { chinaDateOf, daysUntil } from '../core/china-date';
import type { NoticeView } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { NOTICE_CLOCK } from './notices-api';

// Due dates are China calendar dates (the backend counts working days on China's calendar), so
// "today" is taken in China time too (core/china-date.ts), whatever the browser's time zone.

export { chinaDateOf, daysUntil };

export type NoticeState = 'pending' | 'overdue' | 'acknowledged' | 'acknowledgedLate';

/**
 * The backend's `overdue` flag is authoritative but set by a background job shortly after the
 * due day ends, so an unacknowledged notice past its due date counts as overdue here already.
 * A late acknowledgement keeps the flag, which is how 已签收（逾期） is told apart.
 */
export function noticeStateOf(notice: NoticeView, today: string): NoticeState {
  if (notice.status === 'acknowledged') {
    const late =
      notice.overdue ||
      (notice.acknowledgedAt !== null && chinaDateOf(new Date(notice.acknowledgedAt)) > notice.dueDate);
    return late ? 'acknowledgedLate' : 'acknowledged';
  }
  return notice.overdue || today > notice.dueDate ? 'overdue' : 'pending';
}

export const NOTICE_STATE_LABELS: Record<NoticeState, TranslationKey> = {
  pending: 'notices.status.pending',
  overdue: 'notices.status.overdue',
  acknowledged: 'notices.status.acknowledged',
  acknowledgedLate: 'notices.status.acknowledgedLate',
};

/** ng-zorro status colours: overdue is red. */
const NOTICE_STATE_COLORS: Record<NoticeState, string> = {
  pending: 'processing',
  overdue: 'error',
  acknowledged: 'success',
  acknowledgedLate: 'warning',
};

export interface Countdown {
  readonly key: TranslationKey;
  readonly days: number;
  readonly urgency: 'normal' | 'soon' | 'late';
}

/** Calendar days left (or past due) for a notice not yet acknowledged; null once it is. */
export function countdownOf(notice: NoticeView, today: string): Countdown | null {
  if (notice.status !== 'sent') return null;
  const days = daysUntil(today, notice.dueDate);
  if (days > 1) return { key: 'notices.countdown.daysLeft', days, urgency: 'normal' };
  if (days === 1) return { key: 'notices.countdown.tomorrow', days, urgency: 'soon' };
  if (days === 0) return { key: 'notices.countdown.today', days, urgency: 'soon' };
  const late = -days;
  return { key: late === 1 ? 'notices.countdown.overdueOne' : 'notices.countdown.overdue', days: late, urgency: 'late' };
}

/** Status tag (待签收 / 已签收 / 逾期未签收 / 已签收（逾期）) and, while unacknowledged, the countdown. */
@Component({
  selector: 'app-notice-status',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag data-testid="notice-status" [nzColor]="color()" [attr.data-state]="state()">{{ label() | t }}</nz-tag>
    @if (countdown(); as countdown) {
      <span
        class="countdown"
        data-testid="notice-countdown"
        [class.soon]="countdown.urgency === 'soon'"
        [class.late]="countdown.urgency === 'late'"
        [attr.title]="'notices.countdown.hint' | t"
        >{{ countdown.key | t: { days: countdown.days } }}</span
      >
    }
  `,
  styleUrl: '../shell/status-tag.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeStatusTag {
  private readonly now = inject(NOTICE_CLOCK);

  readonly notice = input.required<NoticeView>();

  // Re-evaluated whenever the notice changes (e.g. reloaded after 签收), reading the clock afresh.
  protected readonly state = computed(() => noticeStateOf(this.notice(), this.today()));
  protected readonly label = computed(() => NOTICE_STATE_LABELS[this.state()]);
  protected readonly color = computed(() => NOTICE_STATE_COLORS[this.state()]);
  protected readonly countdown = computed(() => countdownOf(this.notice(), this.today()));

  private today(): string {
    return chinaDateOf(this.now());
  }
}
