import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { map } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import type { NoticeView } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { canSendNotices } from '../shell/navigation';
import { NoticeStatusTag } from './notice-status';
import { NoticesApi } from './notices-api';

/** The list offers the user's own boxes only; 'all' (the whole region) is not a tab. */
export type NoticeListBox = 'received' | 'sent';

const BOX_LABELS: Record<NoticeListBox, TranslationKey> = {
  received: 'notices.received',
  sent: 'notices.sent',
};

/** 通知签收: notices to (and, for the sending roles, from) the user's organization. */
@Component({
  selector: 'app-notice-list',
  imports: [DatePipe, RouterLink, NzButtonModule, NzIconModule, NzTableModule, NzTabsModule, NoticeStatusTag, TPipe],
  templateUrl: './notice-list.html',
  styleUrls: ['../shell/responsive-page.css', './notice-list.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeList {
  private readonly api = inject(NoticesApi);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** `?box=sent`, bound by the router, so the tab survives a reload and the way back from a notice. */
  readonly box = input<string>();

  protected readonly canSend = computed(() => canSendNotices(this.user.roles()));
  protected readonly boxes = computed<readonly NoticeListBox[]>(() =>
    this.canSend() ? ['received', 'sent'] : ['received'],
  );
  protected readonly current = computed<NoticeListBox>(
    () => this.boxes().find((b) => b === this.box()) ?? 'received',
  );
  protected readonly currentIndex = computed(() => this.boxes().indexOf(this.current()));
  protected readonly boxLabels = BOX_LABELS;

  protected readonly page = rxResource({
    params: () => ({ box: this.current() }),
    // Keep the box with its items, so the counterpart column never mislabels a stale page.
    stream: ({ params }) => this.api.list(params.box).pipe(map(({ items }) => ({ box: params.box, items }))),
  });
  protected readonly items = computed<NoticeView[]>(() => (this.page.hasValue() ? this.page.value().items : []));
  protected readonly shownBox = computed(() => (this.page.hasValue() ? this.page.value().box : this.current()));

  protected counterpart(notice: NoticeView): string {
    return this.shownBox() === 'sent' ? notice.recipientOrgName : notice.senderOrgName;
  }

  protected selectIndex(index: number): void {
    const box = this.boxes()[index];
    if (!box || box === this.current()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { box: box === 'received' ? null : box },
      replaceUrl: true,
    });
  }
}
