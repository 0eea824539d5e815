import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type * as Api from '../core/api-types.generated';
import type { ApiResponses } from '../core/api-types.generated';
import { type ListFilters, listFilterParams } from '../core/list-query';

// The monthly supervision report endpoints (医保基金监管月报表, docs/api/dashboards-and-monthly-reports.md §3).
// The answers' types are the generated ones (core/api-types.generated.ts, ADR 0014).

export type MonthlyReportLevel = Api.ReportLevel;
/**
 * County: draft → awaiting_signoff (提交审签) → submitted (分管局长审签后上报 to the city agency's
 * fund-audit section). City: compiled (汇总 by the city agency, waiting for the bureau) → filed (备案
 * by the city bureau, bulletin issued), or returned (the bureau sent it back to the agency).
 */
export type MonthlyReportStatus = Api.ReportStatus;
/** Where a county stands in the city's bulletin (通报): on time, late, or not reported (未报). */
export type ReportStanding = Api.Standing;

/** Assembled by the suite from its own records of the month (read-only for the county). */
export type MonthlyReportAuto = Api.AutoFigures;
/** What the county fills in: what the suite cannot know. */
export type MonthlyReportManual = Api.ManualFigures;

export type ManualField = keyof MonthlyReportManual;
export type ManualNumberField = Exclude<ManualField, 'remarks'>;

/**
 * The manual fields in form order. 立案/结案 and 受理举报/举报奖励 are no longer typed: the backend counts
 * them from the leads ledger and the tips intake (issue 17) into `auto`.
 */
export const MANUAL_NUMBER_FIELDS: readonly ManualNumberField[] = ['transferredToPolice', 'otherRecovered', 'publicExposures'];
export const MANUAL_FIELDS: readonly ManualField[] = [...MANUAL_NUMBER_FIELDS, 'remarks'];

/**
 * What the reader may do with a report now (the backend's judgement; the pages also check the section).
 * On a city report: `compile` (the city agency may compile again), `file` and `return` (the city bureau).
 */
export type ReportAction = Api.ReportAction;
export type MonthlyReportSummary = Api.ReportSummary;
/** One county in the city's compilation, in bulletin (通报) order. */
export type CompiledCounty = Api.CompiledCounty;
/** The city's compilation (市汇总 and 内部通报); the city report's auto/manual hold the totals of the filed reports. */
export type CompiledCityReport = Api.Compiled;
export type MonthlyReportDetail = Api.ReportView;
export type MonthlyReportList = ApiResponses['MonthlyReportsHttpController_list'];

export type MonthlyReportFormat = 'xlsx' | 'pdf';

/** The searchable list's question (issue 16 §2): a month, or the period from/to; the shared filters; a status; paging. */
export interface MonthlyReportQuery extends ListFilters {
  month?: string;
  status?: string;
  /** county or city */
  level?: MonthlyReportLevel;
  page?: number;
  pageSize?: number;
}

/** The province overview needs every report of a month at once (a province has fewer than 500 counties). */
const WHOLE_MONTH = 500;

function queryParams(query: MonthlyReportQuery): Record<string, string> {
  const params = listFilterParams(query);
  // A period replaces the month.
  if (query.month && !query.from && !query.to) params['month'] = query.month;
  if (query.status) params['status'] = query.status;
  if (query.level) params['level'] = query.level;
  if (query.page) params['page'] = String(query.page);
  if (query.pageSize) params['pageSize'] = String(query.pageSize);
  return params;
}

const id = (value: string) => encodeURIComponent(value);

/** 'YYYY-MM' of a month the API answered as 'YYYY-MM' or as its first day 'YYYY-MM-DD'. */
export function monthKeyOf(month: string): string {
  return month.slice(0, 7);
}

function normalize<T extends MonthlyReportSummary>(report: T): T {
  return { ...report, month: monthKeyOf(report.month) };
}

/** The monthly report endpoints (/api/monthly-reports). */
@Injectable({ providedIn: 'root' })
export class MonthlyReportsApi {
  private readonly http = inject(HttpClient);

  /** Every report of a month the user may see (county: its own; city: its counties' and its own; province: all). */
  list(month: string): Observable<MonthlyReportList> {
    return this.search({ month, pageSize: WHOLE_MONTH });
  }

  /** A page of the reports under the list's filters (the month, or the period). */
  search(query: MonthlyReportQuery): Observable<MonthlyReportList> {
    return this.http
      .get<MonthlyReportList>('/api/monthly-reports', { params: queryParams(query) })
      .pipe(map((list) => ({ ...list, month: list.month ? monthKeyOf(list.month) : null, items: (list.items ?? []).map(normalize) })));
  }

  /** The list's rows under the same filters, every page, as an Excel workbook. */
  exportList(query: Omit<MonthlyReportQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/monthly-reports/export.xlsx', { params: queryParams(query), responseType: 'blob', observe: 'response' });
  }

  get(reportId: string): Observable<MonthlyReportDetail> {
    return this.http.get<MonthlyReportDetail>(`/api/monthly-reports/${id(reportId)}`).pipe(map(normalize));
  }

  /** Saves the county's figures (draft only); the backend refreshes the auto figures too. */
  save(reportId: string, manual: MonthlyReportManual): Observable<MonthlyReportDetail> {
    return this.http.put<MonthlyReportDetail>(`/api/monthly-reports/${id(reportId)}`, { manual }).pipe(map(normalize));
  }

  /** 提交审签: to the bureau's leader. */
  submit(reportId: string): Observable<MonthlyReportDetail> {
    return this.http.post<MonthlyReportDetail>(`/api/monthly-reports/${id(reportId)}/submit`, {}).pipe(map(normalize));
  }

  /** 审签: the owning bureau's leader signs off, which reports it to the city. */
  sign(reportId: string): Observable<MonthlyReportDetail> {
    return this.http.post<MonthlyReportDetail>(`/api/monthly-reports/${id(reportId)}/sign`, {}).pipe(map(normalize));
  }

  /**
   * 退回 with a comment: a county report back to draft (the leader before sign-off, the city agency
   * after submission); the city's compilation back to the city agency (the city bureau).
   */
  return(reportId: string, comment: string): Observable<MonthlyReportDetail> {
    return this.http.post<MonthlyReportDetail>(`/api/monthly-reports/${id(reportId)}/return`, { comment }).pipe(map(normalize));
  }

  /** 备案: the city bureau files the city agency's compilation and issues the bulletin. */
  file(reportId: string): Observable<MonthlyReportDetail> {
    return this.http.post<MonthlyReportDetail>(`/api/monthly-reports/${id(reportId)}/file`, {}).pipe(map(normalize));
  }

  /** 汇总 (the city agency): creates or refreshes the city report of the month, until the bureau has filed it. */
  compile(cityCode: string, month: string): Observable<MonthlyReportDetail> {
    return this.http
      .post<MonthlyReportDetail>(`/api/monthly-reports/cities/${id(cityCode)}/${id(month)}/compile`, {})
      .pipe(map(normalize));
  }

  /** One report as Excel or PDF (for a city, with the bulletin); authenticated, so fetched as a blob. */
  export(reportId: string, format: MonthlyReportFormat): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/monthly-reports/${id(reportId)}/export.${format}`, { responseType: 'blob', observe: 'response' });
  }

  /** The province workbook of a month (省汇总 / 市 / 区县). */
  exportProvince(month: string): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/monthly-reports/province.xlsx', { params: { month }, responseType: 'blob', observe: 'response' });
  }
}
