import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type { MeasureKind } from '../findings/findings-api';

// Wire types of the monthly supervision report endpoints (医保基金监管月报表,
// docs/api/dashboards-and-monthly-reports.md §3). Kept with the feature, as the contract is the source.

export type MonthlyReportLevel = 'county' | 'city';
/**
 * County: draft → awaiting_signoff (提交审签) → submitted (分管局长审签后上报 to the city agency's
 * fund-audit section). City: compiled (汇总 by the city agency, waiting for the bureau) → filed (备案
 * by the city bureau, bulletin issued), or returned (the bureau sent it back to the agency).
 */
export type MonthlyReportStatus = 'draft' | 'awaiting_signoff' | 'submitted' | 'compiled' | 'filed' | 'returned';
/** Where a county stands in the city's bulletin (通报): on time, late, or not reported (未报). */
export type ReportStanding = 'on_time' | 'late' | 'missing';

/** Assembled by the suite from its own records of the month (read-only for the county). */
export interface MonthlyReportAuto {
  inspections: number;
  institutionsInspected: number;
  findings: number;
  findingAmount: number;
  recoveredAmount: number;
  refusedAmount: number;
  refundedAmount: number;
  decisions: number;
  measures: Partial<Record<MeasureKind, number>>;
  settlementSuspended: number;
  agreementsTerminated: number;
  disputesFiled: number;
  disputesDecided: number;
  rectificationOverdue: number;
}

/** What the county fills in: what the suite cannot know. */
export interface MonthlyReportManual {
  casesOpened: number;
  casesClosed: number;
  transferredToPolice: number;
  tipsReceived: number;
  tipsRewarded: number;
  /** Yuan, ≥ 0, at most 2 decimals. */
  otherRecovered: number;
  publicExposures: number;
  /** ≤ 2000 characters. */
  remarks: string;
}

export type ManualField = keyof MonthlyReportManual;
export type ManualNumberField = Exclude<ManualField, 'remarks'>;

/** The manual fields in form order. */
export const MANUAL_NUMBER_FIELDS: readonly ManualNumberField[] = [
  'casesOpened',
  'casesClosed',
  'transferredToPolice',
  'tipsReceived',
  'tipsRewarded',
  'otherRecovered',
  'publicExposures',
];
export const MANUAL_FIELDS: readonly ManualField[] = [...MANUAL_NUMBER_FIELDS, 'remarks'];

/**
 * What the reader may do with a report now (the backend's judgement; the pages also check the section).
 * On a city report: `compile` (the city agency may compile again), `file` and `return` (the city bureau).
 */
export type ReportAction = 'save' | 'submit' | 'sign' | 'return' | 'compile' | 'file';

export interface MonthlyReportSummary {
  id: string;
  level: MonthlyReportLevel;
  regionCode: string;
  regionName: string;
  cityCode: string;
  cityName: string;
  /** The owning bureau, e.g. bureau-320102; its leader signs the report off. */
  ownerOrgId: string;
  /** 'YYYY-MM', the reported month. */
  month: string;
  status: MonthlyReportStatus;
  /** ISO instant: the 10th of the next month, 24:00 China time. */
  dueAt: string;
  /** Signed off after the due instant (or after the cycle flagged it overdue). */
  late: boolean;
  /** Not submitted at the due instant (stays set after a late submission). */
  overdue: boolean;
  submittedAt: string | null;
  signedAt: string | null;
  /** City: when the city bureau filed the compilation (备案). */
  filedAt?: string | null;
  /** Headline figures of the report's auto part. */
  inspections: number;
  findings: number;
  recoveredAmount: number;
  /** Only on a single report (GET /:id). */
  submittedBy?: string | null;
  signedBy?: string | null;
}

/** One county in the city's compilation, in bulletin (通报) order. */
export interface CompiledCounty {
  rank: number;
  regionCode: string;
  name: string;
  bureauId: string;
  reportId: string | null;
  status: MonthlyReportStatus | null;
  standing: ReportStanding;
  signedAt: string | null;
  overdue: boolean;
  inspections: number;
  recoveredAmount: number;
  /** Null for a county that did not report (未报). */
  auto: MonthlyReportAuto | null;
  manual: MonthlyReportManual | null;
}

/** The city's compilation (市汇总 and 内部通报); the city report's auto/manual hold the totals of the filed reports. */
export interface CompiledCityReport {
  cityCode: string;
  cityName: string;
  month: string;
  compiledAt: string;
  /** The city agency's staff who compiled it. */
  compiledBy: string;
  /** Set once the city bureau has filed it (备案) and issued the bulletin. */
  filedAt?: string;
  filedBy?: string;
  /** Compiled after the due instant (missing counties listed as 未报). */
  afterDue: boolean;
  onTime: number;
  late: number;
  /** Names of the counties that did not report. */
  missing: string[];
  /** Ranked: on time before late before missing, then by inspections, then recovered amount. */
  counties: CompiledCounty[];
  /** The bulletin text (通报). */
  bulletin: string;
}

export interface MonthlyReportDetail extends MonthlyReportSummary {
  auto: MonthlyReportAuto;
  manual: MonthlyReportManual;
  /** When the auto figures were last assembled. */
  autoAt: string | null;
  submittedBy: string | null;
  signedBy: string | null;
  overdueAt: string | null;
  /** County: why the leader or the city agency sent it back; city: why the city bureau returned the compilation. */
  returnedComment: string | null;
  /** City: the city bureau's staff who filed it. */
  filedBy?: string | null;
  compiled: CompiledCityReport | null;
  version: number;
  actions: ReportAction[];
}

export interface MonthlyReportList {
  month: string;
  /** The month's due instant. */
  dueAt: string;
  items: MonthlyReportSummary[];
}

export type MonthlyReportFormat = 'xlsx' | 'pdf';

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

  /** The reports of a month the user may see (county: its own; city: its counties' and its own; province: all). */
  list(month: string): Observable<MonthlyReportList> {
    return this.http
      .get<MonthlyReportList>('/api/monthly-reports', { params: { month } })
      .pipe(map((list) => ({ ...list, month: monthKeyOf(list.month ?? month), items: (list.items ?? []).map(normalize) })));
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
    return this.http.get('/api/monthly-reports/export.xlsx', { params: { month }, responseType: 'blob', observe: 'response' });
  }
}
