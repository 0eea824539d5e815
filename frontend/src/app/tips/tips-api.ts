import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, from, map, switchMap } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListFilters, listFilterParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';
import { solveProofOfWork } from './proof-of-work';

// The tips' endpoints (docs/api/tips.md): the public ones (/api/public/tips…, no token — the auth
// interceptor leaves /api/public/ alone) and the intake ones. Answers are the generated types.

export type TipListItem = Api.TipListItem;
export type TipView = Api.TipView;
export type TipStatus = TipListItem['status'];
export const TIP_STATUSES: readonly TipStatus[] = ['received', 'accepted', 'rejected'];
export type TipReceiptView = Api.TipReceiptView;
export type PublicInstitution = Api.PublicInstitution;
export type ReporterReading = Api.ReporterReading;
export type PowChallenge = Api.PowChallenge;
export type RewardStatus = NonNullable<TipListItem['rewardStatus']>;

export interface TipSubmission {
  anonymous: boolean;
  reporter?: { name: string; phone: string; idNumber?: string };
  institutionOrgId?: string;
  personReported?: string;
  regionCode?: string;
  facts: string;
  happenedOn?: string;
  amountInvolved?: number;
  evidence?: string[];
}

export interface UploadedEvidence { token: string; filename: string; contentType: string; sizeBytes: number }

export interface TipQuery extends ListFilters {
  status?: TipStatus;
  page: number;
  pageSize: number;
}

@Injectable({ providedIn: 'root' })
export class PublicTipsApi {
  private readonly http = inject(HttpClient);

  institutions(q: string): Observable<PublicInstitution[]> {
    return this.http.get<PublicInstitution[]>('/api/public/tips/institutions', { params: { q }, context: silentErrors() });
  }

  /** A solved proof of work for the next submission or upload. */
  private proof(): Observable<{ challenge: string; nonce: string }> {
    return this.http.get<PowChallenge>('/api/public/tips/challenge').pipe(
      switchMap((c) => from(solveProofOfWork(c.challenge, c.bits)).pipe(map((nonce) => ({ challenge: c.challenge, nonce })))),
    );
  }

  upload(file: File): Observable<UploadedEvidence> {
    return this.proof().pipe(switchMap(({ challenge, nonce }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return this.http.post<UploadedEvidence>('/api/public/tips/evidence', form, { headers: { 'x-pow-challenge': challenge, 'x-pow-nonce': nonce } });
    }));
  }

  submit(tip: TipSubmission): Observable<{ receipt: string }> {
    return this.proof().pipe(switchMap((pow) => this.http.post<{ receipt: string }>('/api/public/tips', { ...pow, ...tip })));
  }

  receipt(receipt: string): Observable<TipReceiptView> {
    return this.http.post<TipReceiptView>('/api/public/tips/receipt', { receipt }, { context: silentErrors() });
  }

  answer(receipt: string, questionId: string, answer: string): Observable<TipReceiptView> {
    return this.http.post<TipReceiptView>('/api/public/tips/receipt/answers', { receipt, questionId, answer });
  }

  claim(receipt: string, payee: { name: string; account: string; bank?: string }): Observable<TipReceiptView> {
    return this.http.post<TipReceiptView>('/api/public/tips/receipt/reward-claim', { receipt, payee });
  }
}

@Injectable({ providedIn: 'root' })
export class TipsApi {
  private readonly http = inject(HttpClient);

  private params(query: Partial<TipQuery>): Record<string, string> {
    const p: Record<string, string> = { ...listFilterParams(query) };
    if (query.status) p['status'] = query.status;
    if (query.page) p['page'] = String(query.page);
    if (query.pageSize) p['pageSize'] = String(query.pageSize);
    return p;
  }

  list(query: TipQuery): Observable<{ items: TipListItem[]; total: number }> {
    return this.http.get<{ items: TipListItem[]; total: number }>('/api/tips', { params: this.params(query) });
  }

  export(query: Partial<TipQuery>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/tips/export.xlsx', { params: this.params(query), observe: 'response', responseType: 'blob' });
  }

  get(id: string): Observable<TipView> {
    return this.http.get<TipView>(`/api/tips/${encodeURIComponent(id)}`, { context: silentErrors() });
  }

  accept(id: string, comment: string): Observable<TipView> {
    return this.http.post<TipView>(`/api/tips/${encodeURIComponent(id)}/accept`, comment ? { comment } : {});
  }

  reject(id: string, reason: string): Observable<TipView> {
    return this.http.post<TipView>(`/api/tips/${encodeURIComponent(id)}/reject`, { reason });
  }

  ask(id: string, question: string): Observable<TipView> {
    return this.http.post<TipView>(`/api/tips/${encodeURIComponent(id)}/questions`, { question });
  }

  readReporter(id: string, reason: string): Observable<ReporterReading> {
    return this.http.post<ReporterReading>(`/api/tips/${encodeURIComponent(id)}/reporter`, { reason });
  }

  proposeReward(id: string): Observable<TipView> {
    return this.http.post<TipView>(`/api/tips/${encodeURIComponent(id)}/reward/propose`, {});
  }

  approveReward(id: string): Observable<TipView> {
    return this.http.post<TipView>(`/api/tips/${encodeURIComponent(id)}/reward/approve`, {});
  }

  recordPayment(id: string, paidOn: string, reference: string): Observable<TipView> {
    return this.http.post<TipView>(`/api/tips/${encodeURIComponent(id)}/reward/payment`, { paidOn, reference });
  }
}
