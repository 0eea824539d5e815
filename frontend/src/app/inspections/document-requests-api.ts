import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import type { DocumentAnswerBody, DocumentRequest, DocumentRequestBody, DocumentRequestStatus } from './document-request-models';

/**
 * 调取资料: the inspection's requests and the ask (the agency), the institution's list and answer.
 * The two writes show their failure next to the form, with the backend's reason, so they skip the
 * error toast.
 */
@Injectable({ providedIn: 'root' })
export class DocumentRequestsApi {
  private readonly http = inject(HttpClient);

  ofInspection(inspectionId: string): Observable<DocumentRequest[]> {
    return this.http.get<DocumentRequest[]>(`/api/inspections/${inspectionId}/document-requests`);
  }

  request(inspectionId: string, body: DocumentRequestBody): Observable<DocumentRequest> {
    return this.http.post<DocumentRequest>(`/api/inspections/${inspectionId}/document-requests`, body, { context: silentErrors() });
  }

  /** The reader's requests (the institution: its own), open ones first. */
  list(status: DocumentRequestStatus | null): Observable<{ items: DocumentRequest[]; total: number }> {
    const params: Record<string, string | number> = { pageSize: 500 };
    if (status) params['status'] = status;
    return this.http.get<{ items: DocumentRequest[]; total: number }>('/api/inspection-document-requests', { params });
  }

  answer(id: string, body: DocumentAnswerBody): Observable<DocumentRequest> {
    return this.http.post<DocumentRequest>(`/api/inspection-document-requests/${id}/answer`, body, { context: silentErrors() });
  }
}
