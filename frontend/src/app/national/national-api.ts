import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { type ListQuery, listQueryParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';

// Campaign plans and summaries filed with the national bureau (backend contexts/campaigns/README.md,
// "Filings with the national bureau"). Answers are the generated types (ADR 0014).

export type CampaignFiling = Api.CampaignFilingView;
export type FilingKind = CampaignFiling['kind'];
export type FilingStatus = CampaignFiling['status'];
export type FilingPage = Api.ApiResponses['CampaignFilingsHttpController_list'];

export const FILING_STATUSES: readonly (FilingStatus | 'late')[] = ['not_sent', 'sent', 'acknowledged', 'returned', 'late'];

export interface FilingQuery extends ListQuery {
  kind?: FilingKind;
  year?: number;
  campaignId?: string;
}

const enc = encodeURIComponent;

@Injectable({ providedIn: 'root' })
export class NationalApi {
  private readonly http = inject(HttpClient);

  filings(query: FilingQuery): Observable<FilingPage> {
    return this.http.get<FilingPage>('/api/campaign-filings', { params: listQueryParams(query) });
  }

  /** The list's rows under the same parameters as an Excel workbook (报送台账, GET /api/campaign-filings/export.xlsx). */
  exportFilings(query: FilingQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/campaign-filings/export.xlsx', { params: listQueryParams(query), observe: 'response', responseType: 'blob' });
  }

  send(campaignId: string, kind: FilingKind, body: { note: string | null; attachmentIds?: string[] }): Observable<CampaignFiling> {
    return this.http.post<CampaignFiling>(`/api/campaigns/${enc(campaignId)}/filings/${kind}`, body);
  }

  acknowledge(id: string): Observable<CampaignFiling> {
    return this.http.post<CampaignFiling>(`/api/campaign-filings/${enc(id)}/acknowledge`, {});
  }

  returnFiling(id: string, reason: string): Observable<CampaignFiling> {
    return this.http.post<CampaignFiling>(`/api/campaign-filings/${enc(id)}/return`, { reason });
  }
}
