import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { NoticeStatusTag, chinaDateOf, noticeStateOf } from './notice-status';
import { NOTICE_CLOCK, NoticesApi } from './notices-api';

/** The HTTP status behind a resource error (the resource may wrap what the stream threw). */
function httpStatusOf(error: unknown): number | null {
  if (error instanceof HttpErrorResponse) return error.status;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof HttpErrorResponse ? cause.status : null;
}

/** One notice, where the receiving organization acknowledges (签收) it. Notification links land here. */
@Component({
  selector: 'app-notice-detail',
  imports: [DatePipe, RouterLink, NzButtonModule, NzIconModule, NzSpinModule, NoticeStatusTag, TPipe],
  templateUrl: './notice-detail.html',
  styleUrls: ['../shell/responsive-page.css', '../shell/detail-page.css', '../shell/detail-sections.css', './notice-detail.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeDetail {
  private readonly api = inject(NoticesApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly now = inject(NOTICE_CLOCK);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly notice = rxResource({
    params: () => ({ id: this.id() }),
    stream: ({ params }) => this.api.get(params.id),
  });
  protected readonly acknowledging = signal(false);

  private readonly myOrgId = computed(() => this.user.me()?.organization.id ?? null);
  /** Only a user of the receiving organization may acknowledge, and only once. */
  protected readonly canAcknowledge = computed(
    () =>
      this.notice.hasValue() &&
      this.notice.value().status === 'sent' &&
      this.notice.value().recipientOrgId === this.myOrgId(),
  );
  protected readonly overdue = computed(
    () => this.notice.hasValue() && noticeStateOf(this.notice.value(), chinaDateOf(this.now())) === 'overdue',
  );
  /** Back to the tab this notice is listed under. */
  protected readonly backParams = computed(() =>
    this.notice.hasValue() &&
    this.notice.value().senderOrgId === this.myOrgId() &&
    this.notice.value().recipientOrgId !== this.myOrgId()
      ? { box: 'sent' }
      : {},
  );
  protected readonly notFound = computed(() => httpStatusOf(this.notice.error()) === 404);

  protected async acknowledge(): Promise<void> {
    if (!this.notice.hasValue() || this.acknowledging()) return;
    this.acknowledging.set(true);
    try {
      await firstValueFrom(this.api.acknowledge(this.notice.value().id));
      this.message.success(this.i18n.t('notices.ackDone'));
    } catch {
      // Already shown by the error interceptor. A 409 means a colleague acknowledged it
      // meanwhile, so reloading below is right in that case too.
    } finally {
      this.acknowledging.set(false);
    }
    this.notice.reload();
  }
}
