import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import type { Agreement, AgreementQuery, ScheduleWorklistRequest, Worklist } from './agency-inspection-models';

/**
 * The agency's worklist and its one-action scheduling, and the service agreements. Scheduling shows
 * its failure next to the button, with the backend's reason, so it skips the error toast.
 */
@Injectable({ providedIn: 'root' })
export class AgencyInspectionsApi {
  private readonly http = inject(HttpClient);

  /** `month`: 'YYYY-MM'. */
  worklist(month: string): Observable<Worklist> {
    return this.http.get<Worklist>('/api/inspections/worklist', { params: { month } });
  }

  /** One inspection per institution, each with a team of two drawn with recusal; all or nothing. */
  schedule(request: ScheduleWorklistRequest): Observable<{ ids: string[] }> {
    return this.http.post<{ ids: string[] }>('/api/inspections/worklist/schedule', request, { context: silentErrors() });
  }

  agreements(query: AgreementQuery): Observable<{ items: Agreement[]; total: number }> {
    const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize };
    if (query.status) params['status'] = query.status;
    if (query.kind) params['kind'] = query.kind;
    if (query.q?.trim()) params['q'] = query.q.trim();
    return this.http.get<{ items: Agreement[]; total: number }>('/api/agreements', { params });
  }
}
