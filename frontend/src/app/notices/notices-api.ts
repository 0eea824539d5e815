import { HttpClient } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  NoticeBox,
  NoticeList,
  NoticeView,
  OrganizationPage,
  SendNoticeRequest,
  SendNoticeResult,
} from '../core/models';

/** The backend's limits for a new notice; the form checks the same ones before sending. */
export const NOTICE_LIMITS = {
  titleMin: 2,
  titleMax: 200,
  bodyMax: 20_000,
  workingDaysMin: 1,
  workingDaysMax: 60,
} as const;

/** GET /api/organizations caps `limit` here; the recipient picker filters this page client-side. */
export const RECIPIENT_PICKER_LIMIT = 500;

/** "Now", replaceable in specs so countdowns and overdue states do not depend on the real date. */
export const NOTICE_CLOCK = new InjectionToken<() => Date>('NOTICE_CLOCK', {
  factory: () => () => new Date(),
});

@Injectable({ providedIn: 'root' })
export class NoticesApi {
  private readonly http = inject(HttpClient);

  list(box: NoticeBox): Observable<NoticeList> {
    return this.http.get<NoticeList>('/api/notices', { params: { box } });
  }

  get(id: string): Observable<NoticeView> {
    return this.http.get<NoticeView>(`/api/notices/${encodeURIComponent(id)}`);
  }

  send(request: SendNoticeRequest): Observable<SendNoticeResult> {
    return this.http.post<SendNoticeResult>('/api/notices', request);
  }

  acknowledge(id: string): Observable<unknown> {
    return this.http.post(`/api/notices/${encodeURIComponent(id)}/acknowledge`, null);
  }

  /** Organizations the user may address, i.e. those in their own region subtree. */
  organizations(): Observable<OrganizationPage> {
    return this.http.get<OrganizationPage>('/api/organizations', {
      params: { limit: RECIPIENT_PICKER_LIMIT },
    });
  }
}
