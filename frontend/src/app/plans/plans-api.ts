import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  FilingBoard,
  OpenPlanCycleResult,
  PlanDetail,
  PlanProgressRequest,
  PlanSummaryList,
  PlanTargetUnit,
  SavePlanDraftRequest,
} from '../core/models';
import { type ListQuery, listQueryParams } from '../core/list-query';

/** Focus areas of seed 003 一(四); the labels are translated under `plans.focus.<code>`. */
export const FOCUS_AREAS = [
  'split_charging',
  'bed_blocking',
  'drug_swapping',
  'induced_admission',
  'fabricated_services',
  'card_misuse',
  'non_medical_goods',
  'agency_internal_control',
] as const;
export type FocusAreaCode = (typeof FOCUS_AREAS)[number];

export interface StandardTarget {
  readonly code: string;
  /** The official (Chinese) label sent to the backend and printed in the PDF. */
  readonly label: string;
  readonly unit: PlanTargetUnit;
  /** Filled in when the target is added. */
  readonly suggested: number | null;
  /** The regulatory floor, shown as a warning below it (the contract does not enforce it). */
  readonly minimum: number | null;
}

/** Suggested targets (STANDARD_TARGETS in the contract); shown translated under `plans.target.<code>`. */
export const STANDARD_TARGETS: readonly StandardTarget[] = [
  { code: 'provider_coverage', label: '定点医药机构现场检查覆盖率', unit: 'percent', suggested: 100, minimum: null },
  { code: 'onsite_checks', label: '现场检查家次', unit: 'count', suggested: null, minimum: null },
  // Seed 003 五(二): at least 5% of inpatient claims are re-reviewed.
  { code: 'claims_rereview', label: '住院费用复审比例', unit: 'percent', suggested: 5, minimum: 5 },
  // Seed 002 一(三): at least 20 medical records per hospital per month.
  { code: 'records_per_hospital', label: '每家医院每月抽查病历份数', unit: 'count', suggested: 20, minimum: 20 },
];

/** The backend's limits (docs/api/annual-plans.md); the editor checks the same ones before sending. */
export const PLAN_LIMITS = {
  percentMax: 100,
  countMax: 1_000_000,
  focusAreaMax: 100,
  textMax: 5000,
  taskTitleMax: 200,
  taskOwnerMax: 100,
  taskIdPattern: /^[A-Za-z0-9_-]{1,40}$/,
  returnCommentMax: 2000,
  // Not in the contract; generous bounds so that a typo does not end up in the official PDF.
  targetLabelMax: 200,
  personNameMax: 100,
  personTitleMax: 100,
  phonePattern: /^[0-9+\-() ]{3,30}$/,
} as const;


export type PlanExportFormat = 'xlsx' | 'pdf';

/** A plans list's query: the year, the shared filters, one status or several, a page. */
export interface PlanListQuery extends ListQuery {
  year: number;
}

@Injectable({ providedIn: 'root' })
export class PlansApi {
  private readonly http = inject(HttpClient);

  /** The plans visible to the user; `unitId`: the one unit's plan (the search matches a unit's code whole). */
  list(year: number, unitId?: string): Observable<PlanSummaryList> {
    return this.http.get<PlanSummaryList>('/api/plans', { params: unitId ? { year, q: unitId } : { year } });
  }

  /** 方案台账: the plans in the user's scope (issue 16 §2: the shared filters, status, a page). */
  plans(query: PlanListQuery): Observable<PlanSummaryList> {
    return this.http.get<PlanSummaryList>('/api/plans', { params: listQueryParams(query) });
  }

  /** The plans under the same filters (every page) as a workbook. */
  exportPlans(query: Omit<PlanListQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/plans/export.xlsx', { params: listQueryParams(query), responseType: 'blob', observe: 'response' });
  }

  /** The plans waiting for the user's step (issue 16 §2: the shared filters, a page). */
  reviewQueue(query: PlanListQuery): Observable<PlanSummaryList> {
    return this.http.get<PlanSummaryList>('/api/plans/review-queue', { params: listQueryParams(query) });
  }

  /** The review queue under the same filters (every page) as a workbook. */
  exportReviewQueue(query: Omit<PlanListQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/plans/review-queue/export.xlsx', { params: listQueryParams(query), responseType: 'blob', observe: 'response' });
  }

  /** The board of the user's region, or of `regionCode` below it. */
  board(year: number, regionCode: string | null): Observable<FilingBoard> {
    return this.http.get<FilingBoard>('/api/plans/board', {
      params: regionCode ? { year, regionCode } : { year },
    });
  }

  get(id: string): Observable<PlanDetail> {
    return this.http.get<PlanDetail>(`/api/plans/${encodeURIComponent(id)}`);
  }

  saveDraft(id: string, request: SavePlanDraftRequest): Observable<PlanDetail> {
    return this.http.put<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/draft`, request);
  }

  submit(id: string, version: number): Observable<PlanDetail> {
    return this.http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/submit`, { version });
  }

  /** 汇总上报: the city agency forwards a reviewed county plan to the city bureau. */
  forward(id: string, comment: string | null): Observable<PlanDetail> {
    return this.http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/forward`, comment ? { comment } : {});
  }

  /** 备案: the city bureau (a forwarded county plan) or the province (a city plan). */
  file(id: string, comment: string | null): Observable<PlanDetail> {
    return this.http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/file`, comment ? { comment } : {});
  }

  return(id: string, comment: string): Observable<PlanDetail> {
    return this.http.post<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/return`, { comment });
  }

  reportProgress(id: string, month: number, request: PlanProgressRequest): Observable<PlanDetail> {
    return this.http.put<PlanDetail>(`/api/plans/${encodeURIComponent(id)}/progress/${month}`, request);
  }

  openCycle(year: number): Observable<OpenPlanCycleResult> {
    return this.http.post<OpenPlanCycleResult>('/api/plan-cycles', { year });
  }

  /** The workbook or PDF as a blob; an authenticated download cannot be a plain link. */
  export(id: string, format: PlanExportFormat): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/plans/${encodeURIComponent(id)}/export.${format}`, {
      responseType: 'blob',
      observe: 'response',
    });
  }
}
