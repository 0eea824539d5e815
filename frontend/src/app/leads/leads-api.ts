import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { forkJoin, map } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListFilters, listFilterParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';

// The leads' endpoints (线索台账, backend contexts/leads/README.md). Answers are the generated types
// (core/api-types.generated.ts, ADR 0014); the queries and request bodies are written here.

export type LeadView = Api.LeadView;
export type LeadDetail = Api.LeadDetail;
export type LeadStatus = Api.LeadStatus;
export type LeadSource = Api.LeadSource;
export type LeadResult = Api.LeadResult;
export type LeadPage = Api.ApiResponses['LeadsHttpController_list'];
export type UnitOption = Api.OrganizationView;
export type InspectionOption = Api.InspectionView;
export type AlertImportResult = Api.ApiResponses['LeadsHttpController_importAlerts'];

/** One problem of a refused alert import (the error's details.errors): the file's row, the column, the message. */
export interface AlertRowError { row: number; column: string | null; code: string; message: { zh: string; en: string } }

export const LEAD_STATUSES: readonly LeadStatus[] = ['registered', 'assessed', 'assigned', 'investigating', 'dismissal_proposed', 'dismissed', 'closed', 'reported', 'accepted'];
export const LEAD_SOURCES: readonly LeadSource[] = [
  'tip', 'national_assignment', 'provincial_assignment', 'flight_inspection', 'smart_monitoring', 'self_inspection', 'other_department', 'media', 'offsite_verification', 'other',
];
export const LEAD_RESULTS: readonly LeadResult[] = ['violation_confirmed', 'not_confirmed', 'transferred'];

/** held: the leads the reader's unit holds; assigned: those it assigned down (still in view). */
export type LeadViewFilter = 'held' | 'assigned';

export interface LeadQuery extends ListFilters {
  status?: LeadStatus;
  source?: LeadSource;
  view?: LeadViewFilter;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export interface NewLead {
  source: LeadSource;
  sourceRef?: string | null;
  regionCode: string;
  institutionOrgId?: string | null;
  subject: string;
  facts: string;
  amountInvolved?: string | null;
  dueDate?: string;
}

/** The query parameters of a ledger request (the list's filters and the ledger's own). */
export function leadParams(query: LeadQuery): Record<string, string> {
  const p: Record<string, string> = { ...listFilterParams(query) };
  if (query.status) p['status'] = query.status;
  if (query.source) p['source'] = query.source;
  if (query.view) p['view'] = query.view;
  if (query.overdue !== undefined) p['overdue'] = String(query.overdue);
  if (query.page) p['page'] = String(query.page);
  if (query.pageSize) p['pageSize'] = String(query.pageSize);
  return p;
}

@Injectable({ providedIn: 'root' })
export class LeadsApi {
  private readonly http = inject(HttpClient);

  list(query: LeadQuery): Observable<LeadPage> {
    return this.http.get<LeadPage>('/api/leads', { params: leadParams(query) });
  }

  export(query: LeadQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/leads/export.xlsx', { params: leadParams(query), observe: 'response', responseType: 'blob' });
  }

  get(id: string): Observable<LeadDetail> {
    return this.http.get<LeadDetail>(`/api/leads/${encodeURIComponent(id)}`, { context: silentErrors() });
  }

  register(lead: NewLead): Observable<LeadDetail> {
    return this.http.post<LeadDetail>('/api/leads', lead);
  }

  /** One action on a lead (assess, assign, investigate, close, report, accept, return, extension, …): the lead as it is after it. */
  act(id: string, action: string, body: object = {}): Observable<LeadDetail> {
    return this.http.post<LeadDetail>(`/api/leads/${encodeURIComponent(id)}/${action}`, body);
  }

  /** Imports a file of smart-monitoring alerts: all rows registered, or a 400 naming every row's problem (shown by the dialog, not as a toast). */
  importAlerts(file: File): Observable<AlertImportResult> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<AlertImportResult>('/api/leads/alert-import', form, { context: silentErrors() });
  }

  alertTemplate(): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/leads/alert-import/template.xlsx', { observe: 'response', responseType: 'blob' });
  }

  /** The bureaus and agencies of the reader's area, to assign a lead to. */
  units(): Observable<UnitOption[]> {
    const page = (kind: string) => this.http.get<Api.ApiResponses['DirectoryHttpController_organizations']>('/api/organizations', { params: { kind, limit: 500 } });
    return forkJoin([page('bureau'), page('agency')]).pipe(map(([b, a]) => [...b.items, ...a.items]));
  }

  /** The agency inspections of an institution, to investigate a lead by. */
  inspections(institutionId: string): Observable<InspectionOption[]> {
    return this.http.get<{ items: InspectionOption[]; total: number }>('/api/inspections', { params: { origin: 'agency', institutionId, pageSize: 50 } }).pipe(map((p) => p.items));
  }
}
