import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import { silentErrors } from '../core/http-context';

// Wire types of the findings, handling decisions, rectification and dispute endpoints
// (docs/api/findings-and-disputes.md). Kept with the feature, as the contract is the source.

export interface InstitutionRef {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
}

export type FindingStatus = 'awaiting_confirmation' | 'confirmed' | 'deemed_confirmed' | 'appealed' | 'appeal_upheld' | 'decided';
export const FINDING_STATUSES: readonly FindingStatus[] = ['awaiting_confirmation', 'appealed', 'confirmed', 'deemed_confirmed', 'appeal_upheld', 'decided'];

export interface AppealReview {
  outcome: 'upheld' | 'rejected';
  comment: string;
  at: string;
  by: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  by: string;
  comment: string | null;
}

export interface Finding {
  id: string;
  source: 'spot_check' | 'agency_inspection';
  /** The inspection. */
  sourceId: string;
  institution: InstitutionRef;
  handlingAgencyId: string;
  type: string;
  description: string;
  amount: number;
  clinicianName: string | null;
  attachmentIds: string[];
  status: FindingStatus;
  /** 'YYYY-MM-DD': the inspection's sending + 5 working days (the server's calendar). */
  confirmationDue: string;
  confirmedAt: string | null;
  /** Confirmed by silence past the deadline. */
  deemed: boolean;
  appeal: { reasons: string; attachmentIds: string[]; at: string; review: AppealReview | null } | null;
  decisionId: string | null;
  history: HistoryEntry[];
}

export interface FindingQuery {
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

export const MEASURE_KINDS = [
  'talk',
  'refuse_payment',
  'suspend_settlement',
  'terminate_agreement',
  'clinician_admonition',
  'clinician_talk',
  'clinician_suspend_realtime',
  'clinician_refuse_payment',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export type Measure =
  | { kind: 'talk' }
  | { kind: 'refuse_payment'; amount: number }
  | { kind: 'suspend_settlement'; rectificationDue: string }
  | { kind: 'terminate_agreement' }
  | { kind: 'clinician_admonition'; clinicianName: string }
  | { kind: 'clinician_talk'; clinicianName: string }
  | { kind: 'clinician_suspend_realtime'; clinicianName: string; rectificationDue: string }
  | { kind: 'clinician_refuse_payment'; clinicianName: string; amount: number };

export type DecisionStatus = 'pending_legal_review' | 'effective' | 'rectifying' | 'rectification_submitted' | 'closed';
export const DECISION_STATUSES: readonly DecisionStatus[] = ['pending_legal_review', 'effective', 'rectifying', 'rectification_submitted', 'closed'];
export type Settlement = 'normal' | 'suspended' | 'restored';
export type DisputeLevelName = 'county' | 'city' | 'province';
/** open: before the current level; decided: the escalation window runs; final: the province decided; closed: the window passed. */
export type DisputeStatus = 'open' | 'decided' | 'final' | 'withdrawn' | 'closed';
export const DISPUTE_STATUSES: readonly DisputeStatus[] = ['open', 'decided', 'final', 'closed', 'withdrawn'];

export interface Rectification {
  due: string;
  report: string | null;
  attachmentIds: string[];
  submittedAt: string | null;
  confirmedAt: string | null;
  overdue: boolean;
}

export interface Decision {
  id: string;
  institution: InstitutionRef;
  agencyId: string;
  findingIds: string[];
  measures: Measure[];
  /** Agreement clause / reasoning. */
  basis: string;
  /** Termination, a suspension, or a total amount above the major threshold: needs a legal review. */
  major: boolean;
  status: DecisionStatus;
  decidedBy: string;
  legalReview: { by: string; approved: boolean; comment: string; at: string } | null;
  effectiveAt: string | null;
  /** (十四): the same-level bureau was notified. */
  reportedToBureauAt: string | null;
  settlement: Settlement;
  rectification: Rectification | null;
  dispute: { id: string; level: DisputeLevelName; status: DisputeStatus } | null;
  /** A termination not executed while a dispute is open. */
  terminationOnHold?: boolean;
  /** Includes the dispute steps (dispute_filed, dispute_decided_<outcome>, …). */
  history?: HistoryEntry[];
}

export interface NewDecisionRequest {
  findingIds: string[];
  measures: Measure[];
  basis: string;
}

export interface DisputeLevel {
  level: DisputeLevelName;
  bureauId: string;
  bureauName: string;
  regionPath: string;
  /** null until the dispute reaches the level. */
  dueDate: string | null;
  receivedAt: string | null;
  decision: { outcome: DisputeOutcome; reasoning: string; at: string; by: string } | null;
  overdue: boolean;
}

export type DisputeParty = 'institution' | 'clinician';
export type DisputeOutcome = 'upheld' | 'revised';

export interface Dispute {
  id: string;
  decisionId: string;
  institution: InstitutionRef;
  party: DisputeParty;
  clinicianName: string | null;
  reasons: string;
  attachmentIds: string[];
  /** From the deciding agency's level up to the province. */
  path: DisputeLevel[];
  /** Index into path. */
  current: number;
  currentLevel: DisputeLevelName;
  status: DisputeStatus;
  /** After a decision below the province: the party may escalate until then (inclusive). */
  escalationDue: string | null;
  /** The standing outcome once ended by a decision (final or closed). */
  outcome: DisputeOutcome | null;
  filedAt: string;
  filedBy: string;
  endedAt: string | null;
}

/** GET /disputes/:id and the answers of the actions: the decision under dispute and the full history. */
export interface DisputeDetail extends Dispute {
  decision: {
    id: string;
    agencyId: string;
    agencyName: string;
    status: DecisionStatus;
    measures: Measure[];
    basis: string;
    major: boolean;
    amounts: { refusedPayment: number; clinicianRefusedPayment: number; total: number };
    effectiveAt: string | null;
    settlement: string;
    terminationOnHold: boolean;
  };
  history: { at: string; action: string; level: number; levelName: DisputeLevelName | null; by: string; organizationId: string; comment: string | null }[];
}

export interface DisputeQuery {
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
    const params: Record<string, string | number> = {};
    const status = typeof query.status === 'string' ? query.status : query.status?.join(',');
    if (status) params['status'] = status;
    if (query.institutionId) params['institutionId'] = query.institutionId;
    if (query.sourceId) params['sourceId'] = query.sourceId;
    params['page'] = query.page;
    params['pageSize'] = query.pageSize;
    return this.http.get<Page<Finding>>('/api/findings', { params }).pipe(map(pageOf));
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

  decisions(query: { status?: DecisionStatus; page: number; pageSize: number }): Observable<Page<Decision>> {
    const params: Record<string, string | number> = {};
    if (query.status) params['status'] = query.status;
    params['page'] = query.page;
    params['pageSize'] = query.pageSize;
    return this.http.get<Page<Decision> | Decision[]>('/api/decisions', { params }).pipe(map(pageOf));
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
  confirmRectification(decisionId: string, accepted: boolean, comment: string, due?: string): Observable<Decision> {
    const body = accepted || !due ? { accepted, comment } : { accepted, comment, due };
    return this.http.post<Decision>(`/api/decisions/${id(decisionId)}/rectification/confirm`, body, { context: silentErrors() });
  }

  disputes(query: DisputeQuery): Observable<Page<Dispute>> {
    const params: Record<string, string | number> = {};
    if (query.status) params['status'] = query.status;
    if (query.level) params['level'] = query.level;
    if (query.decisionId) params['decisionId'] = query.decisionId;
    params['page'] = query.page;
    params['pageSize'] = query.pageSize;
    return this.http.get<Page<Dispute> | Dispute[]>('/api/disputes', { params }).pipe(map(pageOf));
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
