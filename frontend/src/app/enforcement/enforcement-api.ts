import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListFilters, listFilterParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';

// The enforcement endpoints (行政执法, backend contexts/enforcement/README.md). Answers are the generated
// types (core/api-types.generated.ts, ADR 0014); the queries and request bodies are written here.

export type CaseView = Api.CaseView;
export type CaseDetail = Api.CaseDetail;
export type CaseStatus = Api.CaseStatus;
export type CasePage = Api.ApiResponses['EnforcementHttpController_list'];
export type PublicDecisionPage = Api.ApiResponses['PublicEnforcementHttpController_decisions'];

export const CASE_STATUSES: readonly CaseStatus[] = ['proposed', 'rejected', 'investigating', 'notified', 'legal_reviewed', 'deliberated', 'decided', 'served', 'closed'];

export interface CaseQuery extends ListFilters {
  status?: CaseStatus;
  page?: number;
  pageSize?: number;
}

export interface NewCase {
  source?: 'lead' | 'inspection' | 'other';
  sourceRef?: string | null;
  regionCode: string;
  institutionOrgId?: string | null;
  subject: string;
  facts: string;
  amountInvolved?: string | null;
}

/** The query parameters of a case-list request. */
export function caseParams(query: CaseQuery): Record<string, string> {
  const p: Record<string, string> = { ...listFilterParams(query) };
  if (query.status) p['status'] = query.status;
  if (query.page) p['page'] = String(query.page);
  if (query.pageSize) p['pageSize'] = String(query.pageSize);
  return p;
}

@Injectable({ providedIn: 'root' })
export class EnforcementApi {
  private readonly http = inject(HttpClient);

  list(query: CaseQuery): Observable<CasePage> {
    return this.http.get<CasePage>('/api/enforcement/cases', { params: caseParams(query) });
  }

  export(query: CaseQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/enforcement/cases/export.xlsx', { params: caseParams(query), observe: 'response', responseType: 'blob' });
  }

  get(id: string): Observable<CaseDetail> {
    return this.http.get<CaseDetail>(`/api/enforcement/cases/${encodeURIComponent(id)}`, { context: silentErrors() });
  }

  /** The case file (卷宗): the whole-process record as a PDF with a table of contents. */
  dossier(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/enforcement/cases/${encodeURIComponent(id)}/dossier.pdf`, { observe: 'response', responseType: 'blob' });
  }

  propose(body: NewCase): Observable<CaseDetail> {
    return this.http.post<CaseDetail>('/api/enforcement/cases', body);
  }

  /** One step of the procedure (approve-filing, officers, records, notice, …): the case as it is after it. */
  step(id: string, step: string, body: object = {}): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(`/api/enforcement/cases/${encodeURIComponent(id)}/${step}`, body);
  }

  /** The public enforcement page of a province (no sign-in). */
  published(province: string, q: string, page: number): Observable<PublicDecisionPage> {
    const params: Record<string, string> = { page: String(page), pageSize: '20' };
    if (q) params['q'] = q;
    return this.http.get<PublicDecisionPage>(`/api/public/enforcement/${encodeURIComponent(province)}`, { params });
  }
}
