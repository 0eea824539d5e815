import { HttpClient, type HttpResponse } from '@angular/common/http';
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
import { type ListFilters, listFilterParams } from '../core/list-query';

/** The notices list's question (issue 16 §2): the box, the shared filters (q: title or unit), a status, paging. */
export interface NoticeQuery extends ListFilters {
  box: NoticeBox;
  status?: string;
  page?: number;
  pageSize?: number;
}

function noticeParams(query: NoticeQuery): Record<string, string> {
  const params: Record<string, string> = { box: query.box, ...listFilterParams(query) };
  if (query.status) params['status'] = query.status;
  if (query.page) params['page'] = String(query.page);
  if (query.pageSize) params['pageSize'] = String(query.pageSize);
  return params;
}

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

  list(query: NoticeQuery): Observable<NoticeList> {
    return this.http.get<NoticeList>('/api/notices', { params: noticeParams(query) });
  }

  /** The list's rows under the same filters, every page, as an Excel workbook. */
  export(query: Omit<NoticeQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/notices/export.xlsx', { params: noticeParams(query), responseType: 'blob', observe: 'response' });
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
