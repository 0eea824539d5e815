import { HttpClient } from '@angular/common/http';
import { DOCUMENT, DestroyRef, Injectable, InjectionToken, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EMPTY, type Observable, Subject, catchError, filter, merge, switchMap, timer } from 'rxjs';
import { silentErrors } from '../core/http-context';
import type { NotificationPage } from '../core/models';

/** How often the header bell asks for the unread count. */
export const UNREAD_POLL_INTERVAL_MS = new InjectionToken<number>('UNREAD_POLL_INTERVAL_MS', {
  factory: () => 60_000,
});

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** `unread=false` asks for all notifications, read or not. */
  list(unread: boolean): Observable<NotificationPage> {
    return this.http.get<NotificationPage>('/api/notifications', {
      params: { unread: String(unread) },
    });
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
