import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AuditDetail,
  AuditPlan,
  AuditSchedule,
  AuditSummary,
  Checklist,
  ChecklistItem,
  IcProgramme,
  ItemResult,
  NewAuditRequest,
  NewFinding,
  OrganizationPage,
  StaffPost,
} from '../core/models';
import type { ApiResponses } from '../core/api-types.generated';
import { type ListQuery, listQueryParams } from '../core/list-query';

/** The audits' list query: the year, the shared filters, one status or several, a page. */
export interface AuditListQuery extends ListQuery {
  year: number;
}

export interface AnswerRequest {
  itemCode: string;
  answer: ItemResult;
  note?: string;
  attachmentIds?: string[];
}

export interface ResultRequest {
  itemCode: string;
  result: ItemResult;
  note?: string;
  attachmentIds?: string[];
}

const id = (value: string) => encodeURIComponent(value);

/** The internal control audit endpoints (docs/api/internal-control-audits.md). */
@Injectable({ providedIn: 'root' })
export class IcApi {
  private readonly http = inject(HttpClient);

  programme(year: number): Observable<IcProgramme> {
    return this.http.get<IcProgramme>('/api/ic/programme', { params: { year } });
  }

  /** The workbook (审计计划, 发现问题) as a blob; an authenticated download cannot be a plain link. */
  exportProgramme(year: number): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/ic/programme/export.xlsx', { params: { year }, responseType: 'blob', observe: 'response' });
  }

  checklist(): Observable<Checklist> {
    return this.http.get<Checklist>('/api/ic/checklist');
  }

  /** Saves a new checklist version; audits already planned keep theirs. */
  saveChecklist(items: ChecklistItem[]): Observable<Checklist> {
    return this.http.put<Checklist>('/api/ic/checklist', { items });
  }

  plans(year: number): Observable<ApiResponses['IcHttpController_plans']> {
    return this.http.get<ApiResponses['IcHttpController_plans']>('/api/ic/plans', { params: { year } });
  }

  createPlan(request: { year: number; title: string; periodStart: string; periodEnd: string }): Observable<AuditPlan> {
    return this.http.post<AuditPlan>('/api/ic/plans', request);
  }

  addAudit(planId: string, request: NewAuditRequest): Observable<AuditSummary> {
    return this.http.post<AuditSummary>(`/api/ic/plans/${id(planId)}/audits`, request);
  }

  drawTeams(planId: string, teamSize: number): Observable<AuditPlan> {
    return this.http.post<AuditPlan>(`/api/ic/plans/${id(planId)}/draw-teams`, { teamSize });
  }

  publish(planId: string): Observable<AuditPlan> {
    return this.http.post<AuditPlan>(`/api/ic/plans/${id(planId)}/publish`, {});
  }

  /** City and county agencies of the user's scope, for the audit's agency select. */
  agencies(): Observable<OrganizationPage> {
    return this.http.get<OrganizationPage>('/api/organizations', { params: { kind: 'agency', limit: 500 } });
  }

  /** The audits of a year in the user's scope (issue 16 §2: the shared filters, status, a page). */
  audits(query: AuditListQuery): Observable<ApiResponses['IcHttpController_audits']> {
    return this.http.get<ApiResponses['IcHttpController_audits']>('/api/ic/audits', { params: listQueryParams(query) });
  }

  /** The audits under the same filters (every page) as a workbook. */
  exportAudits(query: Omit<AuditListQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/ic/audits/export.xlsx', { params: listQueryParams(query), responseType: 'blob', observe: 'response' });
  }

  audit(auditId: string): Observable<AuditDetail> {
    return this.http.get<AuditDetail>(`/api/ic/audits/${id(auditId)}`);
  }

  saveSelfAssessment(auditId: string, answers: AnswerRequest[], submit: boolean): Observable<AuditDetail> {
    return this.http.put<AuditDetail>(`/api/ic/audits/${id(auditId)}/self-assessment`, { answers, submit });
  }

  saveStaffPosts(auditId: string, staff: StaffPost[]): Observable<AuditDetail> {
    return this.http.put<AuditDetail>(`/api/ic/audits/${id(auditId)}/staff-posts`, { staff });
  }

  saveResults(auditId: string, results: ResultRequest[]): Observable<AuditDetail> {
    return this.http.put<AuditDetail>(`/api/ic/audits/${id(auditId)}/results`, { results });
  }

  issueFindings(auditId: string, findings: NewFinding[]): Observable<AuditDetail> {
    return this.http.post<AuditDetail>(`/api/ic/audits/${id(auditId)}/findings`, { findings });
  }

  submitRectification(auditId: string, findingId: string, plan: string, evidenceAttachmentIds: string[]): Observable<AuditDetail> {
    return this.http.put<AuditDetail>(`/api/ic/audits/${id(auditId)}/findings/${id(findingId)}/rectification`, {
      plan,
      evidenceAttachmentIds,
    });
  }

  verify(auditId: string, findingId: string, accepted: boolean, comment: string): Observable<AuditDetail> {
    return this.http.post<AuditDetail>(
      `/api/ic/audits/${id(auditId)}/findings/${id(findingId)}/verify`,
      comment ? { accepted, comment } : { accepted },
    );
  }

  followUp(auditId: string, schedule: AuditSchedule): Observable<AuditSummary> {
    return this.http.post<AuditSummary>(`/api/ic/audits/${id(auditId)}/follow-up`, schedule);
  }

  report(auditId: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/ic/audits/${id(auditId)}/report.pdf`, { responseType: 'blob', observe: 'response' });
  }
}
