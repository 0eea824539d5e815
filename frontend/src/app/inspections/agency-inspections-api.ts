import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import type { Inspection } from '../spot-checks/spot-check-models';
import type { Agreement, AgreementQuery, CreateInspectionRequest, ScheduleWorklistRequest, TeamCandidate, Worklist } from './agency-inspection-models';

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

  /** The agency's inspectors for an institution and year, the recused ones not eligible. */
  teamCandidates(institutionId: string, year: number): Observable<TeamCandidate[]> {
    return this.http.get<TeamCandidate[]>('/api/inspections/team-candidates', { params: { institutionId, year } });
  }

  /** One hand-picked inspection; its refusal is shown next to the button. */
  create(request: CreateInspectionRequest): Observable<Inspection> {
    return this.http.post<Inspection>('/api/inspections', request, { context: silentErrors() });
  }

  agreements(query: AgreementQuery): Observable<{ items: Agreement[]; total: number }> {
    const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize };
    if (query.status) params['status'] = query.status;
    if (query.kind) params['kind'] = query.kind;
    if (query.q?.trim()) params['q'] = query.q.trim();
    return this.http.get<{ items: Agreement[]; total: number }>('/api/agreements', { params });
  }
}
