import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListQuery, listQueryParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';

// Major-case reports (重大案件报告, backend contexts/transfers/README.md): the bureau writes, the province
// checks and sends, the national overseer acknowledges. Answers are the generated types (ADR 0014).

export type ReportStatus = Api.MajorCaseReportStatus;
export type MajorCaseReport = Api.MajorCaseReportView;
export type ReportTrigger = Api.ReportTrigger;
export interface ReportPage { items: MajorCaseReport[]; total: number }

export const REPORT_STATUSES: readonly ReportStatus[] = ['open', 'submitted', 'sent', 'acknowledged'];

export interface ReportQuery extends ListQuery {
  /** inbox: the national bureau's (sent, acknowledged and overdue reports). */
  view?: 'inbox';
}

/** What the bureau writes (seed 003 九(二)): how it was found, the facts, the result and its basis. */
export interface ReportContent {
  discovery: string;
  facts: string;
  result: string;
  basis: string;
}

const enc = encodeURIComponent;

@Injectable({ providedIn: 'root' })
export class MajorCasesApi {
  private readonly http = inject(HttpClient);

  list(query: ReportQuery): Observable<ReportPage> {
    return this.http.get<ReportPage>('/api/major-case-reports', { params: listQueryParams(query) });
  }

  get(id: string): Observable<MajorCaseReport> {
    return this.http.get<MajorCaseReport>(`/api/major-case-reports/${enc(id)}`, { context: silentErrors() });
  }

  /** The bureau flags a case as likely to draw public attention: a report opens. */
  flagPublicAttention(caseId: string): Observable<MajorCaseReport> {
    return this.http.post<MajorCaseReport>('/api/major-case-reports', { caseId });
  }

  submit(id: string, content: ReportContent): Observable<MajorCaseReport> {
    return this.http.post<MajorCaseReport>(`/api/major-case-reports/${enc(id)}/submit`, content);
  }

  send(id: string): Observable<MajorCaseReport> {
    return this.http.post<MajorCaseReport>(`/api/major-case-reports/${enc(id)}/send`, {});
  }

  acknowledge(id: string): Observable<MajorCaseReport> {
    return this.http.post<MajorCaseReport>(`/api/major-case-reports/${enc(id)}/acknowledge`, {});
  }
}
