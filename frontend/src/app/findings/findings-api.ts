import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListFilters, listFilterParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';

// The findings, handling decisions, rectification and dispute endpoints (docs/api/findings-and-disputes.md).
// Their answers' types are the generated ones (core/api-types.generated.ts, ADR 0014); the queries
// and request bodies are written here.

export type InstitutionRef = Api.InstitutionRef;
export type FindingStatus = Api.FindingStatus;
export const FINDING_STATUSES: readonly FindingStatus[] = ['awaiting_confirmation', 'appealed', 'confirmed', 'deemed_confirmed', 'appeal_upheld', 'decided'];

export type Finding = Api.FindingView;
export type AppealReview = NonNullable<NonNullable<Finding['appeal']>['review']>;
export type HistoryEntry = Api.HistoryView;

export interface FindingQuery extends ListFilters {
  /** One status, or several (the backend takes them comma-separated). */
  status?: FindingStatus | readonly FindingStatus[];
  institutionId?: string;
  /** The inspection (the backend's notification links filter by it). */
  sourceId?: string;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A decision's amounts actually recovered (issue 16): confirmed, recovered, remaining, and each entry. */
export type DecisionRecoveries = Api.DecisionRecoveriesView;
export type Recovery = Api.RecoveryView;
export type RecoveryMethod = Api.RecoveryMethod;
export const RECOVERY_METHODS: readonly RecoveryMethod[] = ['deduction', 'repayment'];
export interface RecoveryRequest {
  amount: number;
  recoveredOn: string;
  method: RecoveryMethod;
  attachmentIds: string[];
}

export type Measure = Api.Measure;
export type MeasureKind = Measure['kind'];
export const MEASURE_KINDS: readonly MeasureKind[] = [
  'talk',
  'refuse_payment',
  'suspend_settlement',
  'terminate_agreement',
  'clinician_admonition',
  'clinician_talk',
  'clinician_suspend_realtime',
  'clinician_refuse_payment',
];

export type DecisionStatus = Api.DecisionStatus;
export const DECISION_STATUSES: readonly DecisionStatus[] = ['pending_legal_review', 'effective', 'rectifying', 'rectification_submitted', 'closed'];
export type Settlement = Api.Settlement;
export type DisputeLevelName = Api.DisputeLevelName;
/** open: before the current level; decided: the escalation window runs; final: the province decided; closed: the window passed. */
export type DisputeStatus = Api.DisputeStatus;
export const DISPUTE_STATUSES: readonly DisputeStatus[] = ['open', 'decided', 'final', 'closed', 'withdrawn'];

export type Rectification = Api.Rectification;
export type Decision = Api.DecisionView;

export interface DecisionQuery extends ListFilters {
  /** One status, or several comma-separated. */
  status?: DecisionStatus | string;
  page: number;
  pageSize: number;
}

export interface NewDecisionRequest {
  findingIds: string[];
  measures: Measure[];
  basis: string;
}

export type DisputeLevel = Api.DisputeLevelView;
export type DisputeParty = Api.DisputeParty;
export type DisputeOutcome = Api.DisputeOutcome;
export type Dispute = Api.DisputeView;
/** GET /disputes/:id and the answers of the actions: the decision under dispute and the full history. */
export type DisputeDetail = Api.DisputeDetail;

export interface DisputeQuery extends ListFilters {
  status?: DisputeStatus;
  level?: DisputeLevelName;
  decisionId?: string;
  page: number;
  pageSize: number;
}

export interface NewDisputeRequest {
  decisionId: string;
  party: DisputeParty;
  clinicianName?: string;
  reasons: string;
  attachmentIds: string[];
}

const id = (value: string) => encodeURIComponent(value);

/** A list answer, whether the backend sends a bare array or a page. */
function pageOf<T>(answer: T[] | Page<T>): Page<T> {
  return Array.isArray(answer) ? { items: answer, total: answer.length } : { items: answer.items ?? [], total: answer.total ?? answer.items?.length ?? 0 };
}

/**
 * Findings, handling decisions, rectification and disputes (docs/api/findings-and-disputes.md).
 * The pages show the refusals of actions next to the button, with the backend's reason, so those
 * requests skip the error toast.
 */
@Injectable({ providedIn: 'root' })
export class FindingsApi {
  private readonly http = inject(HttpClient);

  findings(query: FindingQuery): Observable<Page<Finding>> {
    const params: Record<string, string | number> = listFilterParams(query);
    const status = typeof query.status === 'string' ? query.status : query.status?.join(',');
    if (status) params['status'] = status;
    if (query.institutionId) params['institutionId'] = query.institutionId;
    if (query.sourceId) params['sourceId'] = query.sourceId;
    params['page'] = query.page;
    params['pageSize'] = query.pageSize;
    return this.http.get<Page<Finding>>('/api/findings', { params }).pipe(map(pageOf));
  }

  /** GET /api/findings/export.xlsx: the filtered findings (the list's parameters, no paging) as a workbook. */
  exportFindings(query: Omit<FindingQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    const params: Record<string, string> = listFilterParams(query);
    const status = typeof query.status === 'string' ? query.status : query.status?.join(',');
    if (status) params['status'] = status;
    if (query.institutionId) params['institutionId'] = query.institutionId;
    if (query.sourceId) params['sourceId'] = query.sourceId;
    return this.http.get('/api/findings/export.xlsx', { params, responseType: 'blob', observe: 'response' });
  }

  finding(findingId: string): Observable<Finding> {
    return this.http.get<Finding>(`/api/findings/${id(findingId)}`);
  }

  confirm(findingId: string): Observable<Finding> {
    return this.http.post<Finding>(`/api/findings/${id(findingId)}/confirm`, {}, { context: silentErrors() });
  }

  appeal(findingId: string, reasons: string, attachmentIds: string[]): Observable<Finding> {
    return this.http.post<Finding>(`/api/findings/${id(findingId)}/appeal`, { reasons, attachmentIds }, { context: silentErrors() });
  }

  reviewAppeal(findingId: string, outcome: 'upheld' | 'rejected', comment: string): Observable<Finding> {
    return this.http.post<Finding>(`/api/findings/${id(findingId)}/appeal-review`, { outcome, comment }, { context: silentErrors() });
  }

  decisions(query: DecisionQuery): Observable<Page<Decision>> {
    const params: Record<string, string | number> = listFilterParams(query);
    if (query.status) params['status'] = query.status;
    params['page'] = query.page;
    params['pageSize'] = query.pageSize;
    return this.http.get<Page<Decision> | Decision[]>('/api/decisions', { params }).pipe(map(pageOf));
  }

  /** GET /api/decisions/export.xlsx: the filtered decisions as a workbook. */
  exportDecisions(query: Omit<DecisionQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    const params: Record<string, string> = listFilterParams(query);
    if (query.status) params['status'] = query.status;
    return this.http.get('/api/decisions/export.xlsx', { params, responseType: 'blob', observe: 'response' });
  }

  decision(decisionId: string, silent = false): Observable<Decision> {
    return this.http.get<Decision>(`/api/decisions/${id(decisionId)}`, silent ? { context: silentErrors() } : {});
  }

  createDecision(request: NewDecisionRequest): Observable<Decision> {
    return this.http.post<Decision>('/api/decisions', request, { context: silentErrors() });
  }

  legalReview(decisionId: string, approved: boolean, comment: string): Observable<Decision> {
    return this.http.post<Decision>(`/api/decisions/${id(decisionId)}/legal-review`, { approved, comment }, { context: silentErrors() });
  }

  submitRectification(decisionId: string, report: string, attachmentIds: string[]): Observable<Decision> {
    return this.http.post<Decision>(`/api/decisions/${id(decisionId)}/rectification`, { report, attachmentIds }, { context: silentErrors() });
  }

  /** Accepted: settlement restored, closed. Rejected: back to rectifying, with a new due date. */
  /** GET /api/decisions/:id/recoveries. */
  recoveries(decisionId: string): Observable<DecisionRecoveries> {
    return this.http.get<DecisionRecoveries>(`/api/decisions/${id(decisionId)}/recoveries`);
  }

  /** POST /api/decisions/:id/recoveries: the handling agency records a deduction or repayment. */
  recordRecovery(decisionId: string, request: RecoveryRequest): Observable<DecisionRecoveries> {
    return this.http.post<DecisionRecoveries>(`/api/decisions/${id(decisionId)}/recoveries`, request, { context: silentErrors() });
  }

  confirmRectification(decisionId: string, accepted: boolean, comment: string, due?: string): Observable<Decision> {
    const body = accepted || !due ? { accepted, comment } : { accepted, comment, due };
    return this.http.post<Decision>(`/api/decisions/${id(decisionId)}/rectification/confirm`, body, { context: silentErrors() });
  }

  disputes(query: DisputeQuery): Observable<Page<Dispute>> {
    const params: Record<string, string | number> = listFilterParams(query);
    if (query.status) params['status'] = query.status;
    if (query.level) params['level'] = query.level;
    if (query.decisionId) params['decisionId'] = query.decisionId;
    params['page'] = query.page;
    params['pageSize'] = query.pageSize;
    return this.http.get<Page<Dispute> | Dispute[]>('/api/disputes', { params }).pipe(map(pageOf));
  }

  /** GET /api/disputes/export.xlsx: the filtered disputes as a workbook. */
  exportDisputes(query: Omit<DisputeQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    const params: Record<string, string> = listFilterParams(query);
    if (query.status) params['status'] = query.status;
    if (query.level) params['level'] = query.level;
    if (query.decisionId) params['decisionId'] = query.decisionId;
    return this.http.get('/api/disputes/export.xlsx', { params, responseType: 'blob', observe: 'response' });
  }

  dispute(disputeId: string): Observable<DisputeDetail> {
    return this.http.get<DisputeDetail>(`/api/disputes/${id(disputeId)}`);
  }

  fileDispute(request: NewDisputeRequest): Observable<DisputeDetail> {
    return this.http.post<DisputeDetail>('/api/disputes', request, { context: silentErrors() });
  }

  decideDispute(disputeId: string, outcome: DisputeOutcome, reasoning: string): Observable<DisputeDetail> {
    return this.http.post<DisputeDetail>(`/api/disputes/${id(disputeId)}/decide`, { outcome, reasoning }, { context: silentErrors() });
  }

  withdrawDispute(disputeId: string, reason: string): Observable<DisputeDetail> {
    return this.http.post<DisputeDetail>(`/api/disputes/${id(disputeId)}/withdraw`, reason ? { reason } : {}, { context: silentErrors() });
  }

  escalateDispute(disputeId: string, reasons: string): Observable<DisputeDetail> {
    return this.http.post<DisputeDetail>(`/api/disputes/${id(disputeId)}/escalate`, { reasons }, { context: silentErrors() });
  }
}
