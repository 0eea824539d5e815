import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListFilters, listFilterParams } from '../core/list-query';
import type {
  CampaignDefaults,
  CampaignOption,
  Coverage,
  DrawRecord,
  Inspection,
  InspectionQuery,
  InspectionRecordRequest,
  JurisdictionCoverage,
  NewSpotCheckRequest,
  SpotCheckDetail,
  SpotCheckQuery,
  Verification,
} from './spot-check-models';
import type { ApiResponses } from '../core/api-types.generated';

const id = (value: string) => encodeURIComponent(value);

type Params = Record<string, string | number>;
/** Paging (when asked for), the list's own parameters, then the shared ones (issue 16 §2: q, regionCode, from, to, sort). */
function listParams(query: ListFilters & { page?: number; pageSize?: number }, own: Params): Params {
  const paging: Params = query.page === undefined || query.pageSize === undefined ? {} : { page: query.page, pageSize: query.pageSize };
  return { ...paging, ...own, ...listFilterParams(query) };
}
const spotCheckParams = (query: Partial<SpotCheckQuery>): Params =>
  listParams(query, { ...(query.year ? { year: query.year } : {}), ...(query.status ? { status: query.status } : {}) });
function inspectionParams(query: Partial<InspectionQuery>): Params {
  const own: Params = {};
  if (query.spotCheckId) own['spotCheckId'] = query.spotCheckId;
  if (query.cityCode) own['cityCode'] = query.cityCode;
  if (query.status) own['status'] = query.status;
  if (query.origin) own['origin'] = query.origin;
  if (query.agencyId) own['agencyId'] = query.agencyId;
  if (query.institutionId) own['institutionId'] = query.institutionId;
  if (query.overdue) own['overdue'] = 'true';
  return listParams(query, own);
}

/**
 * Spot-checks, the verifiable draw, inspections and coverage (docs/api/campaigns-and-spot-checks.md).
 * The pages show the failures of actions (create, commit, draw, verify, save, send) next to the
 * button, with the backend's reason, so those requests skip the error toast.
 */
@Injectable({ providedIn: 'root' })
export class SpotChecksApi {
  private readonly http = inject(HttpClient);

  spotChecks(query: SpotCheckQuery): Observable<ApiResponses['SpotChecksHttpController_list']> {
    return this.http.get<ApiResponses['SpotChecksHttpController_list']>('/api/spot-checks', { params: spotCheckParams(query) });
  }

  /** GET /api/spot-checks/export.xlsx: the filtered spot-checks (the list's parameters, no paging) as a workbook. */
  exportSpotChecks(query: Omit<SpotCheckQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/spot-checks/export.xlsx', { params: spotCheckParams(query), responseType: 'blob', observe: 'response' });
  }

  create(request: NewSpotCheckRequest): Observable<ApiResponses['SpotChecksHttpController_create']> {
    return this.http.post<ApiResponses['SpotChecksHttpController_create']>('/api/spot-checks', request, { context: silentErrors() });
  }

  spotCheck(spotCheckId: string): Observable<SpotCheckDetail> {
    return this.http.get<SpotCheckDetail>(`/api/spot-checks/${id(spotCheckId)}`);
  }

  /** Publishes the commitment: only the sha256 hex of each witness's secret goes up, in witness order. */
  commit(spotCheckId: string, witnessCommitments: string[]): Observable<SpotCheckDetail> {
    return this.http.post<SpotCheckDetail>(`/api/spot-checks/${id(spotCheckId)}/commit`, { witnessCommitments }, { context: silentErrors() });
  }

  draw(spotCheckId: string, witnessSecrets: string[], beacon: string | null): Observable<SpotCheckDetail> {
    const body = beacon ? { witnessSecrets, beacon } : { witnessSecrets };
    return this.http.post<SpotCheckDetail>(`/api/spot-checks/${id(spotCheckId)}/draw`, body, { context: silentErrors() });
  }

  /** Read for the witnesses' commitments (a ✓ per re-typed secret); the page does without it. */
  record(spotCheckId: string): Observable<DrawRecord> {
    return this.http.get<DrawRecord>(`/api/spot-checks/${id(spotCheckId)}/record.json`, { context: silentErrors() });
  }

  /** The record as a file (an authenticated download cannot be a plain link). */
  downloadRecord(spotCheckId: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/spot-checks/${id(spotCheckId)}/record.json`, { responseType: 'blob', observe: 'response' });
  }

  verifyStored(spotCheckId: string): Observable<Verification> {
    return this.http.get<Verification>(`/api/spot-checks/${id(spotCheckId)}/verify`, { context: silentErrors() });
  }

  /** Replays an uploaded record; nothing is stored. */
  verifyRecord(record: unknown): Observable<Verification> {
    return this.http.post<Verification>('/api/spot-checks/verify', record, { context: silentErrors() });
  }

  inspections(query: InspectionQuery): Observable<{ items: Inspection[]; total: number }> {
    return this.http.get<{ items: Inspection[]; total: number }>('/api/inspections', { params: inspectionParams(query) });
  }

  /** GET /api/inspections/export.xlsx: the filtered inspections (the list's parameters, no paging) as a workbook (检查台账). */
  exportInspections(query: Omit<InspectionQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/inspections/export.xlsx', { params: inspectionParams(query), responseType: 'blob', observe: 'response' });
  }

  inspection(inspectionId: string): Observable<Inspection> {
    return this.http.get<Inspection>(`/api/inspections/${id(inspectionId)}`);
  }

  saveInspection(inspectionId: string, request: InspectionRecordRequest): Observable<Inspection> {
    return this.http.put<Inspection>(`/api/inspections/${id(inspectionId)}`, request, { context: silentErrors() });
  }

  sendInspection(inspectionId: string): Observable<Inspection> {
    return this.http.post<Inspection>(`/api/inspections/${id(inspectionId)}/send`, {}, { context: silentErrors() });
  }

  coverage(year: number, month: number): Observable<Coverage> {
    return this.http.get<Coverage>('/api/coverage', { params: { year, month } });
  }

  /** Coverage per jurisdiction (each agency's agreement holders) and the province's sample per city; `month` is 'YYYY-MM'. */
  jurisdictionCoverage(month: string): Observable<JurisdictionCoverage> {
    return this.http.get<JurisdictionCoverage>('/api/coverage/jurisdictions', { params: { month } });
  }

  campaigns(year: number): Observable<CampaignOption[]> {
    return this.http.get<CampaignOption[]>('/api/campaigns', { params: { year } });
  }

  /** The province's cities; `silent` where they only name city codes (the codes show otherwise). */
  campaignDefaults(year: number, silent = false): Observable<CampaignDefaults> {
    return this.http.get<CampaignDefaults>('/api/campaigns/defaults', { params: { year }, ...(silent ? { context: silentErrors() } : {}) });
  }
}
