import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type * as Api from '../core/api-types.generated';
import type { ApiResponses } from '../core/api-types.generated';
import { type ListFilters, type ListQuery, listQueryParams } from '../core/list-query';

// The special-campaign and self-inspection endpoints (docs/api/campaigns-and-spot-checks.md).
// The answers' types are the generated ones (core/api-types.generated.ts, ADR 0014); the request
// bodies, queries and the UI's constants are written here.

export type InstitutionKind = Api.InstitutionKind;
export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['hospital', 'pharmacy', 'clinic'];
export type InstitutionLevel = Api.InstitutionLevel;
/** Scope restrictions (seed 003 一(四) 「二级及以上公立医疗机构」): ownership, and the lowest level admitted. */
export type InstitutionOwnership = Api.InstitutionOwnership;
export const OWNERSHIPS: readonly InstitutionOwnership[] = ['public', 'private'];
export type MinimumLevel = Api.MinimumLevel;
export const MINIMUM_LEVELS: readonly MinimumLevel[] = ['tertiary', 'secondary', 'primary'];
export type CampaignStatus = Api.CampaignStatus;
export type CampaignPhase = Api.CampaignPhase;
export type FocusCode = Api.FocusCode;
export type FocusArea = Api.FocusArea;
export type CampaignCalendar = Api.CampaignCalendar;

export const CALENDAR_FIELDS: readonly (keyof CampaignCalendar)[] = [
  'planFiledBy',
  'selfInspectionStart',
  'selfInspectionEnd',
  'spotCheckStart',
  'spotCheckEnd',
  'summaryDue',
];

export type CalendarPolicy = Api.CalendarPolicy;

export type TaskCounts = Api.TaskCounts;

export type CampaignSummary = Api.CampaignSummary;

export type CampaignDetail = Api.CampaignDetail;
export type CampaignHistoryEntry = CampaignDetail['history'][number];


export type CampaignProgressRow = Api.ProgressRow;
/** A progress row without the review's figures (the dashboard's campaign table). */
export type ProgressRow = Omit<CampaignProgressRow, 'verified' | 'returned' | 'refundVerifiedAmount'>;

/** A progress row of a campaign's own view, with the handling agencies' verification. */

export type AgencyLevel = Api.AgencySelfInspectionTask['agency']['level'];

/** One covered agency: its own report, and its review of the institutions it handles. */
export type AgencyProgressRow = Api.AgencyProgressRow;

export type CampaignProgress = Api.CampaignProgress;

export type CampaignDefaults = Api.CampaignDefaults;
export type FocusOption = CampaignDefaults['focusOptions'][number];

/** An area of an agency's own issues (seed 003 一(四), 针对医保经办机构). */
/** An area of an agency's own issues (seed 003 一(四), 针对医保经办机构). */
export type AgencyIssueArea = CampaignDefaults['agencyIssueAreas'][number];


export interface CampaignRequest {
  year: number;
  title: string;
  focusAreas: ({ code: FocusCode } | { text: string })[];
  cityCodes?: string[];
  institutionKinds: InstitutionKind[];
  ownership: InstitutionOwnership | null;
  minLevel: MinimumLevel | null;
  calendar?: Partial<CampaignCalendar>;
}

export type MissingReport = ApiResponses['CampaignsHttpController_missing'][number];

export type SelfInspectionStatus = Api.SelfInspectionStatus;
export const SELF_INSPECTION_STATUSES: readonly SelfInspectionStatus[] = ['pending', 'draft', 'submitted', 'missing'];

export type SelfInspectionIssue = Api.SelfInspectionIssue;

/** The handling agency's review (核实) of a submitted report. */
export type ReviewStatus = Api.ReviewStatus;
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['awaiting', 'returned', 'verified'];
export type ReviewAction = Api.ReviewAction;

export type SelfInspectionReview = Api.SelfInspectionReviewState;

export type SelfInspectionTask = Api.SelfInspectionTask;

export type SelfInspectionPage = ApiResponses['CampaignsHttpController_list_tasks'];

/** The tasks' list query (issue 16 §2: the shared filters, and the list's own). */
export interface SelfInspectionQuery extends ListFilters {
  campaignId?: string;
  cityCode?: string;
  /** One status or several, comma-separated. */
  status?: SelfInspectionStatus | string;
  kind?: InstitutionKind | string;
  review?: ReviewStatus | string;
  /** Only the institutions the calling agency handles (its review list). */
  handledByMe?: boolean;
  page?: number;
  pageSize?: number;
}

export interface SelfInspectionRequest {
  report: string;
  refundedAmount: number;
  issues: SelfInspectionIssue[];
  attachmentIds: string[];
}

export interface RefundVerification {
  /** The refund reached the fund (退回资金已核实到账). */
  confirmed: boolean;
  /** Yuan verified; only when confirmed. */
  amount?: number;
}

export interface VerifyRequest {
  comment?: string;
  refund?: RefundVerification;
}

/** One of the agency's own issues (经办机构自身问题). */
export type AgencyIssue = Api.AgencyIssue;

/** The institutions' figures of the agency's region, to inform its own report. */
export type RegionFigures = Api.RegionFigures;

/** A covered agency's own self-inspection task: the pooling region's report. */
export type AgencySelfInspectionTask = Api.AgencySelfInspectionTask;

export interface AgencySelfInspectionRequest {
  report: string;
  institutionsChecked: number;
  problemsFound: number;
  problemAmount: number;
  refundedAmount: number;
  issues: AgencyIssue[];
  attachmentIds: string[];
}

export type SummaryFormat = 'pdf' | 'xlsx';

const id = (value: string) => encodeURIComponent(value);

/** Only the parameters that are set, so the URL carries no empty filters. */
const paramsOf = listQueryParams;

/** The special-campaign (专项治理) and self-inspection (自查自纠) endpoints. */
@Injectable({ providedIn: 'root' })
export class CampaignsApi {
  private readonly http = inject(HttpClient);

  defaults(year: number): Observable<CampaignDefaults> {
    return this.http.get<CampaignDefaults>('/api/campaigns/defaults', { params: { year } });
  }

  list(year: number): Observable<CampaignSummary[]> {
    return this.http.get<CampaignSummary[]>('/api/campaigns', { params: { year } });
  }

  get(campaignId: string): Observable<CampaignDetail> {
    return this.http.get<CampaignDetail>(`/api/campaigns/${id(campaignId)}`);
  }

  create(request: CampaignRequest): Observable<ApiResponses['CampaignsHttpController_create']> {
    return this.http.post<ApiResponses['CampaignsHttpController_create']>('/api/campaigns', request);
  }

  update(campaignId: string, request: CampaignRequest): Observable<ApiResponses['CampaignsHttpController_update']> {
    return this.http.put<ApiResponses['CampaignsHttpController_update']>(`/api/campaigns/${id(campaignId)}`, request);
  }

  /** 下发: files the plan and starts the workflow that fans out the tasks. */
  assign(campaignId: string): Observable<ApiResponses['CampaignsHttpController_assign']> {
    return this.http.post<ApiResponses['CampaignsHttpController_assign']>(`/api/campaigns/${id(campaignId)}/assign`, {});
  }

  progress(campaignId: string): Observable<CampaignProgress> {
    return this.http.get<CampaignProgress>(`/api/campaigns/${id(campaignId)}/progress`);
  }

  missing(campaignId: string, cityCode: string | null): Observable<MissingReport[]> {
    return this.http.get<MissingReport[]>(`/api/campaigns/${id(campaignId)}/missing`, {
      params: paramsOf({ cityCode: cityCode ?? undefined }),
    });
  }

  /** 报送总结 (phase `summary`): closes the campaign. */
  fileSummary(campaignId: string, comment: string): Observable<ApiResponses['CampaignsHttpController_fileSummary']> {
    return this.http.post<ApiResponses['CampaignsHttpController_fileSummary']>(`/api/campaigns/${id(campaignId)}/summary`, comment ? { comment } : {});
  }

  /** The summary report as a blob; an authenticated download cannot be a plain link. */
  summaryFile(campaignId: string, format: SummaryFormat): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/campaigns/${id(campaignId)}/summary.${format}`, { responseType: 'blob', observe: 'response' });
  }

  tasks(query: SelfInspectionQuery): Observable<SelfInspectionPage> {
    return this.http.get<SelfInspectionPage>('/api/self-inspections', { params: paramsOf(query) });
  }

  /** The tasks' list under the same filters (every page) as a workbook. */
  exportTasks(query: Omit<SelfInspectionQuery, 'page' | 'pageSize'>): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/self-inspections/export.xlsx', { params: paramsOf(query), responseType: 'blob', observe: 'response' });
  }

  task(taskId: string): Observable<SelfInspectionTask> {
    return this.http.get<SelfInspectionTask>(`/api/self-inspections/${id(taskId)}`);
  }

  saveTask(taskId: string, request: SelfInspectionRequest): Observable<SelfInspectionTask> {
    return this.http.put<SelfInspectionTask>(`/api/self-inspections/${id(taskId)}`, request);
  }

  submitTask(taskId: string): Observable<SelfInspectionTask> {
    return this.http.post<SelfInspectionTask>(`/api/self-inspections/${id(taskId)}/submit`, {});
  }

  /** 核实: the handling agency verifies a submitted report, with the refund it verified if known. */
  verifyTask(taskId: string, request: VerifyRequest): Observable<SelfInspectionTask> {
    return this.http.post<SelfInspectionTask>(`/api/self-inspections/${id(taskId)}/verify`, request);
  }

  /** 退回修改: back to the institution with what to correct. */
  returnTask(taskId: string, comment: string): Observable<SelfInspectionTask> {
    return this.http.post<SelfInspectionTask>(`/api/self-inspections/${id(taskId)}/return`, { comment });
  }

  /** The refund verified after the report (the money reached the fund later). */
  recordRefund(taskId: string, refund: RefundVerification): Observable<SelfInspectionTask> {
    return this.http.put<SelfInspectionTask>(`/api/self-inspections/${id(taskId)}/refund`, refund);
  }

  /** The agencies' own tasks of a campaign in the user's scope, a page (the list convention). */
  agencyTasks(query: ListQuery & { campaignId?: string }): Observable<ApiResponses['CampaignsHttpController_agencyTasks']> {
    return this.http.get<ApiResponses['CampaignsHttpController_agencyTasks']>('/api/agency-self-inspections', { params: paramsOf(query) });
  }

  agencyTask(taskId: string): Observable<AgencySelfInspectionTask> {
    return this.http.get<AgencySelfInspectionTask>(`/api/agency-self-inspections/${id(taskId)}`);
  }

  saveAgencyTask(taskId: string, request: AgencySelfInspectionRequest): Observable<AgencySelfInspectionTask> {
    return this.http.put<AgencySelfInspectionTask>(`/api/agency-self-inspections/${id(taskId)}`, request);
  }

  submitAgencyTask(taskId: string): Observable<AgencySelfInspectionTask> {
    return this.http.post<AgencySelfInspectionTask>(`/api/agency-self-inspections/${id(taskId)}/submit`, {});
  }
}
