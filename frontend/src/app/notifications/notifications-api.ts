import { HttpClient, type HttpResponse } from '@angular/common/http';
import { DOCUMENT, DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EMPTY, type Observable, Subject, catchError, filter, merge, switchMap, timer } from 'rxjs';
import { silentErrors } from '../core/http-context';
import type { NotificationPage } from '../core/models';
import { type ListFilters, listFilterParams } from '../core/list-query';

/** The inbox list's question (issue 16 §2): q (the text), the period, sort; read/unread; paging. Always the user's own organization's inbox. */
export interface NotificationQuery extends ListFilters {
  status?: 'read' | 'unread';
  page?: number;
  pageSize?: number;
}

function notificationParams(query: NotificationQuery): Record<string, string> {
  const params = listFilterParams(query);
  if (query.status) params['status'] = query.status;
  if (query.page) params['page'] = String(query.page);
  if (query.pageSize) params['pageSize'] = String(query.pageSize);
  return params;
}

/** How often the header bell asks for the unread count. */
export const UNREAD_POLL_INTERVAL_MS = new InjectionToken<number>('UNREAD_POLL_INTERVAL_MS', {
  factory: () => 60_000,
});

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** A page of the inbox under the filters (no status: read and unread). */
  list(query: NotificationQuery = {}): Observable<NotificationPage> {
    return this.http.get<NotificationPage>('/api/notifications', { params: notificationParams(query) });
  }

  /** The inbox under the same filters, every page, as an Excel workbook. */
  export(query: Omit<NotificationQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/notifications/export.xlsx', { params: notificationParams(query), responseType: 'blob', observe: 'response' });
  }

  markRead(id: string): Observable<unknown> {
    return this.http.post(`/api/notifications/${encodeURIComponent(id)}/read`, null);
  }
}

/** The unread count shown on the header bell: polled, and refreshed on demand after changes. */
@Injectable({ providedIn: 'root' })
export class UnreadCount {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly intervalMs = inject(UNREAD_POLL_INTERVAL_MS);
  private readonly refreshes = new Subject<void>();
  private readonly state = signal(0);

  readonly count = this.state.asReadonly();

  /** Polls for as long as `destroyRef` (the shell) lives. */
  watch(destroyRef: DestroyRef): void {
    const ticks = timer(0, this.intervalMs).pipe(
      // No point waking the server for a tab nobody is looking at; the next visible tick catches up.
      filter(() => this.document.visibilityState !== 'hidden'),
    );
    merge(ticks, this.refreshes)
      .pipe(
        switchMap(() =>
          this.http
            .get<{ count: number }>('/api/notifications/unread-count', { context: silentErrors() })
            // A failed poll keeps the last known count; the next tick retries.
            .pipe(catchError(() => EMPTY)),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ count }) => this.state.set(count));
  }

  refresh(): void {
    this.refreshes.next();
  }
}
