import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListQuery, listQueryParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';

// The transfers endpoints (移交 / 移送, backend contexts/transfers/README.md). Answers are the generated
// types (core/api-types.generated.ts, ADR 0014); the queries and request bodies are written here.

export type TransferView = Api.TransferView;
export type TransferDetail = Api.TransferDetail;
export type TransferStatus = Api.TransferStatus;
export type TransferSource = Api.TransferSource;
export type TransferMaterial = Api.TransferMaterial;
export type MaterialKind = TransferMaterial['kind'];
export type TransferPage = Api.ApiResponses['TransfersHttpController_list'];
export type OutwardTransferView = Api.OutwardTransferView;
export type RecipientKind = OutwardTransferView['recipientKind'];
export type OutwardPage = Api.ApiResponses['OutwardTransfersHttpController_list'];
export type OutwardSent = Api.ApiResponses['OutwardTransfersHttpController_send'];

export const TRANSFER_STATUSES: readonly TransferStatus[] = ['sent', 'supplement_requested', 'accepted', 'returned'];
export const MATERIAL_KINDS: readonly MaterialKind[] = ['inspection_record', 'finding', 'evidence', 'decision', 'other'];
export const RECIPIENT_KINDS: readonly RecipientKind[] = ['health', 'market', 'price', 'police', 'discipline'];
export const OUTWARD_STATUSES = ['open', 'done', 'overdue'] as const;

/** sent: the agency's own transfers; received: those to the reader's bureau; none: every transfer in scope. */
export type TransferBox = 'sent' | 'received';

export interface TransferQuery extends ListQuery {
  view?: TransferBox;
}

export interface OutwardQuery extends ListQuery {
  recipientKind?: string;
  caseId?: string;
}

export interface NewTransfer {
  sourceKind: TransferSource;
  sourceId: string;
  institutionOrgId: string;
  subject: string;
  facts: string;
  amountInvolved: string | null;
  materials: TransferMaterial[];
}

export interface NewOutwardTransfer {
  caseId: string;
  recipientKind: RecipientKind;
  recipientName: string;
  noticeDate: string;
  materials: TransferMaterial[];
  amountInvolved: string | null;
}

const enc = encodeURIComponent;

@Injectable({ providedIn: 'root' })
export class TransfersApi {
  private readonly http = inject(HttpClient);

  list(query: TransferQuery): Observable<TransferPage> {
    return this.http.get<TransferPage>('/api/transfers', { params: listQueryParams(query) });
  }

  export(query: TransferQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/transfers/export.xlsx', { params: listQueryParams(query), observe: 'response', responseType: 'blob' });
  }

  get(id: string): Observable<TransferDetail> {
    return this.http.get<TransferDetail>(`/api/transfers/${enc(id)}`, { context: silentErrors() });
  }

  send(body: NewTransfer): Observable<TransferDetail> {
    return this.http.post<TransferDetail>('/api/transfers', body);
  }

  letter(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/transfers/${enc(id)}/letter.pdf`, { observe: 'response', responseType: 'blob' });
  }

  accept(id: string, comment: string | null): Observable<TransferDetail> {
    return this.http.post<TransferDetail>(`/api/transfers/${enc(id)}/accept`, { comment });
  }

  requestSupplement(id: string, reason: string, dueDate: string): Observable<TransferDetail> {
    return this.http.post<TransferDetail>(`/api/transfers/${enc(id)}/supplement-request`, { reason, dueDate });
  }

  supplement(id: string, note: string, materials: TransferMaterial[]): Observable<TransferDetail> {
    return this.http.post<TransferDetail>(`/api/transfers/${enc(id)}/supplement`, { note, materials });
  }

  returnTransfer(id: string, reasons: string): Observable<TransferDetail> {
    return this.http.post<TransferDetail>(`/api/transfers/${enc(id)}/return`, { reasons });
  }

  outwardList(query: OutwardQuery): Observable<OutwardPage> {
    return this.http.get<OutwardPage>('/api/outward-transfers', { params: listQueryParams(query) });
  }

  outwardExport(query: OutwardQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/outward-transfers/export.xlsx', { params: listQueryParams(query), observe: 'response', responseType: 'blob' });
  }

  /** The written notice (案件移送函) as a PDF. */
  outwardNotice(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/outward-transfers/${enc(id)}/notice.pdf`, { observe: 'response', responseType: 'blob' });
  }

  outward(id: string): Observable<OutwardTransferView> {
    return this.http.get<OutwardTransferView>(`/api/outward-transfers/${enc(id)}`, { context: silentErrors() });
  }

  sendOutward(body: NewOutwardTransfer): Observable<OutwardSent> {
    return this.http.post<OutwardSent>('/api/outward-transfers', body);
  }

  recordReceipt(id: string, receiptAt: string): Observable<OutwardTransferView> {
    return this.http.post<OutwardTransferView>(`/api/outward-transfers/${enc(id)}/receipt`, { receiptAt });
  }

  recordResult(id: string, result: string, resultAt: string): Observable<OutwardTransferView> {
    return this.http.post<OutwardTransferView>(`/api/outward-transfers/${enc(id)}/result`, { result, resultAt });
  }
}
