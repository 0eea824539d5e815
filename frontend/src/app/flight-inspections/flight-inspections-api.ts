import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { silentErrors } from '../core/http-context';
import { type ListQuery, listQueryParams } from '../core/list-query';
import type * as Api from '../core/api-types.generated';

// The flight inspections' endpoints (飞行检查, backend contexts/spot-checks/README.md "Flight inspections").
// Answers are the generated types (core/api-types.generated.ts, ADR 0014); the request bodies are written here.

export type FlightInspectionSummary = Api.FlightInspectionSummary;
export type FlightInspectionView = Api.FlightInspectionView;
export type FlightInspectionStatus = Api.FlightInspectionStatus;
export type FlightInspectionPage = Api.FlightInspectionsHttpController_list;
export type OrganizationPage = Api.DirectoryHttpController_organizations;

export const FLIGHT_INSPECTION_STATUSES: readonly FlightInspectionStatus[] = ['drawn', 'started', 'handed_over'];

export interface NewFlightInspection {
  title: string;
  provinceCode: string;
  institutionIds: string[];
  startDate: string;
  endDate: string;
  teamSize: number;
  witnessSecrets: string[];
  beacon?: string;
}

const enc = encodeURIComponent;

@Injectable({ providedIn: 'root' })
export class FlightInspectionsApi {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<FlightInspectionPage> {
    return this.http.get<FlightInspectionPage>('/api/flight-inspections', { params: listQueryParams(query) });
  }

  export(query: ListQuery): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/flight-inspections/export.xlsx', { params: listQueryParams(query), observe: 'response', responseType: 'blob' });
  }

  get(id: string): Observable<FlightInspectionView> {
    return this.http.get<FlightInspectionView>(`/api/flight-inspections/${enc(id)}`, { context: silentErrors() });
  }

  organize(body: NewFlightInspection): Observable<FlightInspectionView> {
    return this.http.post<FlightInspectionView>('/api/flight-inspections', body);
  }

  /** The draw record (canonical JSON): anyone replays it with the spot-checks' verification page. */
  record(id: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/flight-inspections/${enc(id)}/record.json`, { observe: 'response', responseType: 'blob' });
  }

  start(id: string): Observable<FlightInspectionView> {
    return this.http.post<FlightInspectionView>(`/api/flight-inspections/${enc(id)}/start`, {});
  }

  handOver(id: string): Observable<FlightInspectionView> {
    return this.http.post<FlightInspectionView>(`/api/flight-inspections/${enc(id)}/hand-over`, {});
  }

  /**
   * The designated institutions the national overseer reads (the directory's first 500, in region
   * order; the directory filters a region by its exact code only, so the form keeps a province's own).
   */
  institutions(): Observable<OrganizationPage> {
    return this.http.get<OrganizationPage>('/api/organizations', { params: { kind: 'institution', limit: 500 } });
  }
}
