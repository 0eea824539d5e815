import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import type { NotificationItem } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { NotificationsApi, UnreadCount } from './notifications-api';

export type NotificationFilter = 'unread' | 'all';

@Component({
  selector: 'app-notifications',
  imports: [
    DatePipe,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSpinModule,
    NzTagModule,
    TPipe,
  ],
  templateUrl: './notifications.html',
  styleUrl: './notifications.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Notifications {
  protected readonly i18n = inject(TranslationService);
  private readonly api = inject(NotificationsApi);
  private readonly unread = inject(UnreadCount);
  private readonly router = inject(Router);

  protected readonly filter = signal<NotificationFilter>('unread');
  protected readonly filters = [
    { value: 'unread', label: 'notifications.unread' },
    { value: 'all', label: 'notifications.all' },
  ] as const;
  /** Ids marked read on this page, so the row updates before the list is reloaded. */
  private readonly markedRead = signal<ReadonlySet<string>>(new Set());

  protected readonly page = rxResource({
    params: () => ({ unread: this.filter() === 'unread' }),
    stream: ({ params }) => this.api.list(params.unread),
  });
  protected readonly items = computed(() => (this.page.hasValue() ? this.page.value().items : []));
  protected readonly total = computed(() => (this.page.hasValue() ? this.page.value().total : 0));

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
    this.page.reload();
    this.unread.refresh();
  }
}
