import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CalendarDay, CalendarStatus, CalendarYear, CalendarYearSummary, LegalClock, ProvincialCalendarYear } from '../core/api-types.generated';

export type { CalendarDay, CalendarStatus, CalendarYear, CalendarYearSummary, LegalClock, ProvincialCalendarYear };

/** The body of PUT /api/calendar/years/:year (the State Council's notice) and of a province's additions. */
export interface CalendarYearRequest {
  documentNumber: string;
  publishedOn: string;
  days: { day: string; kind: 'holiday' | 'workday'; name?: string }[];
}

/** The working-day calendar the bureau maintains and the legal clocks (issue 16). */
@Injectable({ providedIn: 'root' })
export class CalendarApi {
  private readonly http = inject(HttpClient);

  years(page: number, pageSize: number): Observable<{ items: CalendarYearSummary[]; total: number }> {
    return this.http.get<{ items: CalendarYearSummary[]; total: number }>('/api/calendar/years', { params: { page, pageSize } });
  }

  year(year: number): Observable<CalendarYear> {
    return this.http.get<CalendarYear>(`/api/calendar/years/${year}`);
  }

  status(): Observable<CalendarStatus> {
    return this.http.get<CalendarStatus>('/api/calendar/status');
  }

  enter(year: number, body: CalendarYearRequest): Observable<CalendarYear> {
    return this.http.put<CalendarYear>(`/api/calendar/years/${year}`, body);
  }

  /** A province's own additions (its documents and days), newest year first. */
  provincial(province: string): Observable<{ items: ProvincialCalendarYear[]; total: number }> {
    return this.http.get<{ items: ProvincialCalendarYear[]; total: number }>(`/api/calendar/provinces/${province}/years`);
  }

  enterProvincial(province: string, year: number, body: CalendarYearRequest): Observable<ProvincialCalendarYear> {
    return this.http.put<ProvincialCalendarYear>(`/api/calendar/provinces/${province}/years/${year}`, body);
  }

  clocks(): Observable<{ items: LegalClock[]; total: number }> {
    return this.http.get<{ items: LegalClock[]; total: number }>('/api/legal-clocks', { params: { pageSize: 500 } });
  }
}
