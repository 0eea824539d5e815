import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
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
  SpotCheckSummary,
  Verification,
} from './spot-check-models';
import type { ApiResponses } from '../core/api-types.generated';

const id = (value: string) => encodeURIComponent(value);

/**
 * Spot-checks, the verifiable draw, inspections and coverage (docs/api/campaigns-and-spot-checks.md).
 * The pages show the failures of actions (create, commit, draw, verify, save, send) next to the
 * button, with the backend's reason, so those requests skip the error toast.
 */
@Injectable({ providedIn: 'root' })
export class SpotChecksApi {
  private readonly http = inject(HttpClient);

  spotChecks(year: number): Observable<SpotCheckSummary[]> {
    return this.http.get<SpotCheckSummary[]>('/api/spot-checks', { params: { year } });
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
    const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize };
    if (query.spotCheckId) params['spotCheckId'] = query.spotCheckId;
    if (query.cityCode) params['cityCode'] = query.cityCode;
    if (query.status) params['status'] = query.status;
    if (query.origin) params['origin'] = query.origin;
    if (query.agencyId) params['agencyId'] = query.agencyId;
    if (query.institutionId) params['institutionId'] = query.institutionId;
    if (query.overdue) params['overdue'] = 'true';
    return this.http.get<{ items: Inspection[]; total: number }>('/api/inspections', { params });
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
