import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { map } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import type { NoticeView } from '../core/models';
import { pageFromQuery } from '../core/paging';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { ListToolbar, type StatusOption } from '../shell/list-toolbar';
import { canSendNotices } from '../shell/navigation';
import { SearchableList } from '../shell/searchable-list';
import { NoticeStatusTag } from './notice-status';
import { type NoticeQuery, NoticesApi } from './notices-api';

export const NOTICE_PAGE_SIZE = 20;

/** The toolbar's statuses: not acknowledged yet, acknowledged, overdue. */
export const NOTICE_STATUS_OPTIONS: readonly StatusOption[] = [
  { value: 'sent', label: 'notices.status.pending' },
  { value: 'acknowledged', label: 'notices.status.acknowledged' },
  { value: 'overdue', label: 'notices.filter.overdue' },
];

/** The list offers the user's own boxes only; 'all' (the whole region) is not a tab. */
export type NoticeListBox = 'received' | 'sent';

const BOX_LABELS: Record<NoticeListBox, TranslationKey> = {
  received: 'notices.received',
  sent: 'notices.sent',
};

/**
 * 通知签收: notices to (and, for the sending roles, from) the user's organization — searched by
 * title or unit, filtered by region, status and issue date, sorted and paged by the server, exported
 * as the filtered rows (issue 16 §2).
 */
@Component({
  selector: 'app-notice-list',
  imports: [DatePipe, RouterLink, NzButtonModule, NzIconModule, NzTableModule, NzTabsModule, ListToolbar, NoticeStatusTag, TPipe],
  templateUrl: './notice-list.html',
  styleUrls: ['../shell/responsive-page.css', './notice-list.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeList extends SearchableList {
  private readonly api = inject(NoticesApi);
  private readonly user = inject(CurrentUser);

  /** `?box=sent`, bound by the router, so the tab survives a reload and the way back from a notice. */
  readonly box = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly canSend = computed(() => canSendNotices(this.user.roles()));
  protected readonly boxes = computed<readonly NoticeListBox[]>(() =>
    this.canSend() ? ['received', 'sent'] : ['received'],
  );
  protected readonly current = computed<NoticeListBox>(
    () => this.boxes().find((b) => b === this.box()) ?? 'received',
  );
  protected readonly currentIndex = computed(() => this.boxes().indexOf(this.current()));
  protected readonly boxLabels = BOX_LABELS;

  protected readonly pageSize = NOTICE_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  protected readonly statusOptions = NOTICE_STATUS_OPTIONS;
  /** A county unit has no region below it to choose. */
  protected readonly showRegion = computed(() => this.user.me()?.level !== 'county');
  private readonly query = computed<Omit<NoticeQuery, 'page' | 'pageSize'>>(() => ({
    ...this.listFilters(),
    box: this.current(),
    status: NOTICE_STATUS_OPTIONS.some((o) => o.value === this.status()) ? this.status() : undefined,
  }));

  protected readonly notices = rxResource({
    params: (): NoticeQuery => ({ ...this.query(), page: this.pageIndex(), pageSize: NOTICE_PAGE_SIZE }),
    // Keep the box with its items, so the counterpart column never mislabels a stale page.
    stream: ({ params }) => this.api.list(params).pipe(map(({ items, total }) => ({ box: params.box, items, total }))),
  });
  protected readonly items = computed<NoticeView[]>(() => (this.notices.hasValue() ? this.notices.value().items : []));
  protected readonly total = computed(() => (this.notices.hasValue() ? this.notices.value().total : 0));
  protected readonly shownBox = computed(() => (this.notices.hasValue() ? this.notices.value().box : this.current()));
  /** The export: the box and the filters, every page. */
  protected readonly exportFetch = () => this.api.export(this.query());

  /** The counterpart column's sort field. */
  protected readonly counterpartSort = computed(() => (this.shownBox() === 'sent' ? 'recipient' : 'sender'));

  protected counterpart(notice: NoticeView): string {
    return this.shownBox() === 'sent' ? notice.recipientOrgName : notice.senderOrgName;
  }

  protected selectIndex(index: number): void {
    const box = this.boxes()[index];
    if (!box || box === this.current()) return;
    this.filterOwn({ box: box === 'received' ? null : box });
  }
}
