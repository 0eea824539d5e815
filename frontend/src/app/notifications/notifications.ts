import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import type { NotificationItem } from '../core/models';
import { pageFromQuery } from '../core/paging';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { ListToolbar } from '../shell/list-toolbar';
import { SearchableList } from '../shell/searchable-list';
import { type NotificationQuery, NotificationsApi, UnreadCount } from './notifications-api';

export type NotificationFilter = 'unread' | 'read' | 'all';
export const NOTIFICATION_PAGE_SIZE = 20;

/** The orders the page offers (the list has no columns to click): newest first is the default. */
export const NOTIFICATION_SORTS = [
  { value: '', label: 'notifications.sort.newest' },
  { value: 'createdAt', label: 'notifications.sort.oldest' },
  { value: 'title', label: 'notifications.sort.title' },
] as const;

@Component({
  selector: 'app-notifications',
  imports: [
    DatePipe,
    FormsModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzPaginationModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    ListToolbar,
    TPipe,
  ],
  templateUrl: './notifications.html',
  styleUrl: './notifications.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Notifications extends SearchableList {
  protected readonly i18n = inject(TranslationService);
  private readonly api = inject(NotificationsApi);
  private readonly unread = inject(UnreadCount);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** `?status=read|all` (unread by default) and `?page=`, bound by the router with the shared filters (q, from, to, sort). */
  readonly status = input<string>();
  readonly page = input<string>();

  protected readonly filter = computed<NotificationFilter>(() => (this.status() === 'read' || this.status() === 'all' ? this.status() as NotificationFilter : 'unread'));
  protected readonly filters = [
    { value: 'unread', label: 'notifications.unread' },
    { value: 'read', label: 'notifications.read' },
    { value: 'all', label: 'notifications.all' },
  ] as const;
  protected readonly sorts = NOTIFICATION_SORTS;
  protected readonly pageSize = NOTIFICATION_PAGE_SIZE;
  protected readonly pageIndex = computed(() => pageFromQuery(this.page()));
  private readonly query = computed<Omit<NotificationQuery, 'page' | 'pageSize'>>(() => {
    const filter = this.filter();
    return { ...this.listFilters(), regionCode: undefined, status: filter === 'all' ? undefined : filter };
  });
  /** Ids marked read on this page, so the row updates before the list is reloaded. */
  private readonly markedRead = signal<ReadonlySet<string>>(new Set());

  protected readonly inbox = rxResource({
    params: (): NotificationQuery => ({ ...this.query(), page: this.pageIndex(), pageSize: NOTIFICATION_PAGE_SIZE }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly items = computed(() => (this.inbox.hasValue() ? this.inbox.value().items : []));
  protected readonly total = computed(() => (this.inbox.hasValue() ? this.inbox.value().total : 0));
  /** The export: the filters, every page. */
  protected readonly exportFetch = () => this.api.export(this.query());

  protected setFilter(filter: NotificationFilter): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { status: filter === 'unread' ? null : filter, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected goToPage(page: number): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { page: page > 1 ? page : null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected isRead(item: NotificationItem): boolean {
    return item.readAt !== null || this.markedRead().has(item.id);
  }

  /** Resolves false when the request failed (the error interceptor has already told the user). */
  protected async markRead(item: NotificationItem): Promise<boolean> {
    try {
      await firstValueFrom(this.api.markRead(item.id));
    } catch {
      return false;
    }
    this.markedRead.update((ids) => new Set(ids).add(item.id));
    this.unread.refresh();
    return true;
  }

  protected async open(item: NotificationItem): Promise<void> {
    if (!item.link) return;
    if (!this.isRead(item)) await this.markRead(item);
    // Links are app routes (e.g. /province/disputes/42); anything else is not followed blindly.
    if (item.link.startsWith('/') && !item.link.startsWith('//')) {
      await this.router.navigateByUrl(item.link);
    }
  }

  protected reload(): void {
    this.markedRead.set(new Set());
    this.inbox.reload();
    this.unread.refresh();
  }
}
