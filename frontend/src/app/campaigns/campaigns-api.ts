import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

// Wire types of the special-campaign and self-inspection endpoints
// (docs/api/campaigns-and-spot-checks.md). Kept with the feature, as the contract is the source.

export type InstitutionKind = 'hospital' | 'pharmacy' | 'clinic';
export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['hospital', 'pharmacy', 'clinic'];
export type InstitutionLevel = 'tertiary' | 'secondary' | 'primary' | 'none';
/** Scope restrictions (seed 003 一(四) 「二级及以上公立医疗机构」): ownership, and the lowest level admitted. */
export type InstitutionOwnership = 'public' | 'private';
export const OWNERSHIPS: readonly InstitutionOwnership[] = ['public', 'private'];
export type MinimumLevel = 'tertiary' | 'secondary' | 'primary';
export const MINIMUM_LEVELS: readonly MinimumLevel[] = ['tertiary', 'secondary', 'primary'];
export type CampaignStatus = 'draft' | 'assigned' | 'closed';
export type CampaignPhase = 'draft' | 'planning' | 'self_inspection' | 'spot_check' | 'summary' | 'closed';
export type FocusCode =
  | 'public_hospital_charging'
  | 'primary_care_bed_blocking'
  | 'private_hospital_fabrication'
  | 'pharmacy_card_misuse';

/** text = the label (zh) of a standard focus area, or the free text. */
export interface FocusArea {
  code: FocusCode | null;
  text: string;
}

export interface CampaignCalendar {
  planFiledBy: string;
  selfInspectionStart: string;
  selfInspectionEnd: string;
  spotCheckStart: string;
  spotCheckEnd: string;
  summaryDue: string;
}

/** In the order the calendar rule checks them (each strictly or loosely after the one before). */
export const CALENDAR_FIELDS: readonly (keyof CampaignCalendar)[] = [
  'planFiledBy',
  'selfInspectionStart',
  'selfInspectionEnd',
  'spotCheckStart',
  'spotCheckEnd',
  'summaryDue',
];

export type CalendarPolicy = 'statutory' | 'flexible';

export interface TaskCounts {
  total: number;
  submitted: number;
  late: number;
  missing: number;
}

export interface CampaignSummary {
  id: string;
  year: number;
  title: string;
  focusAreas: FocusArea[];
  cityCodes: string[];
  institutionKinds: InstitutionKind[];
  /** Only institutions of this ownership; null: any. */
  ownership: InstitutionOwnership | null;
  /** Only institutions of this level or above; null: any level. */
  minLevel: MinimumLevel | null;
  calendar: CampaignCalendar;
  status: CampaignStatus;
  phase: CampaignPhase;
  assignedAt: string | null;
  planFiledLate: boolean;
  summaryFiledAt: string | null;
  summaryOverdue: boolean;
  /** The institutions' tasks; verified by their handling agencies. */
  tasks: TaskCounts & { verified: number };
  /** The covered city and county agencies' own reports (the pooling regions). */
  agencyTasks: TaskCounts;
}

export interface CampaignHistoryEntry {
  at: string;
  action: string;
  by: string;
  comment: string | null;
}

export interface CampaignDetail extends CampaignSummary {
  cities: { code: string; name: string }[];
  history: CampaignHistoryEntry[];
}

export interface ProgressRow {
  key: string;
  name: string;
  tasks: number;
  submitted: number;
  late: number;
  missing: number;
  refundedAmount: number;
  issuesFound: number;
  issueAmount: number;
}

/** A progress row of a campaign's own view, with the handling agencies' verification. */
export interface CampaignProgressRow extends ProgressRow {
  /** Submitted reports verified by their handling agency, returned for correction; refunds it verified. */
  verified: number;
  returned: number;
  refundVerifiedAmount: number;
}

export type AgencyLevel = 'city' | 'county';

/** One covered agency: its own report, and its review of the institutions it handles. */
export interface AgencyProgressRow {
  taskId: string;
  agencyId: string;
  name: string;
  level: AgencyLevel;
  regionCode: string;
  regionName: string;
  cityCode: string;
  status: SelfInspectionStatus;
  late: boolean;
  submittedAt: string | null;
  handled: { tasks: number; submitted: number; verified: number; returned: number; refundVerifiedAmount: number };
}

export interface CampaignProgress {
  byCity: CampaignProgressRow[];
  byKind: CampaignProgressRow[];
  totals: CampaignProgressRow;
  agencies: AgencyProgressRow[];
}

export interface FocusOption {
  code: FocusCode;
  zh: string;
  en: string;
  kinds: InstitutionKind[];
}

/** An area of an agency's own issues (seed 003 一(四), 针对医保经办机构). */
export interface AgencyIssueArea {
  code: string;
  zh: string;
  en: string;
}

export interface CampaignDefaults {
  year: number;
  calendar: CampaignCalendar;
  calendarPolicy: CalendarPolicy;
  focusOptions: FocusOption[];
  cities: { code: string; name: string }[];
  agencyIssueAreas?: AgencyIssueArea[];
}

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

export interface MissingReport {
  institutionId: string;
  name: string;
  regionCode: string;
  regionName: string;
  kind: InstitutionKind;
}

export type SelfInspectionStatus = 'pending' | 'draft' | 'submitted' | 'missing';
export const SELF_INSPECTION_STATUSES: readonly SelfInspectionStatus[] = ['pending', 'draft', 'submitted', 'missing'];

export interface SelfInspectionIssue {
  focus: string;
  description: string;
  amount: number;
}

/** The handling agency's review (核实) of a submitted report. */
export type ReviewStatus = 'awaiting' | 'verified' | 'returned';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['awaiting', 'returned', 'verified'];
export type ReviewAction = 'verified' | 'returned' | 'corrected' | 'refund_verified';

export interface SelfInspectionReview {
  status: ReviewStatus | null;
  comment: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  /** Times the institution resubmitted after a return. */
  corrections: number;
  refundConfirmed: boolean | null;
  refundVerifiedAmount: number | null;
  refundVerifiedAt: string | null;
  /** Steps of the review, on the task itself (not in lists). */
  history: { at: string; action: ReviewAction; by: string; comment: string | null; refundConfirmed: boolean | null; refundAmount: number | null }[];
}

export interface SelfInspectionTask {
  id: string;
  campaignId: string;
  campaignTitle: string;
  campaignPhase: CampaignPhase;
  selfInspectionStart: string;
  selfInspectionEnd: string;
  institution: {
    id: string;
    name: string;
    kind: InstitutionKind;
    level: InstitutionLevel;
    regionCode: string;
    regionName: string;
    cityCode: string;
  };
  status: SelfInspectionStatus;
  report: string;
  refundedAmount: number;
  issues: SelfInspectionIssue[];
  attachmentIds: string[];
  submittedAt: string | null;
  late: boolean;
  escalatedAt: string | null;
  /** The agency that holds the institution's service agreement and reviews its report. */
  handlingAgency: { id: string; name: string } | null;
  review: SelfInspectionReview;
}

export interface SelfInspectionPage {
  items: SelfInspectionTask[];
  total: number;
}

export interface SelfInspectionQuery {
  campaignId?: string;
  cityCode?: string;
  status?: SelfInspectionStatus;
  kind?: InstitutionKind;
  review?: ReviewStatus;
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
export interface AgencyIssue {
  area: string;
  description: string;
  rectification: string;
}

/** The institutions' figures of the agency's region, to inform its own report. */
export interface RegionFigures {
  tasks: number;
  submitted: number;
  verified: number;
  returned: number;
  refundedAmount: number;
  refundVerifiedAmount: number;
  issuesFound: number;
  issueAmount: number;
}

/** A covered agency's own self-inspection task: the pooling region's report. */
export interface AgencySelfInspectionTask {
  id: string;
  campaignId: string;
  campaignTitle: string;
  campaignPhase: CampaignPhase;
  selfInspectionStart: string;
  selfInspectionEnd: string;
  agency: { id: string; name: string; level: AgencyLevel; regionCode: string; regionName: string; cityCode: string };
  status: SelfInspectionStatus;
  report: string;
  institutionsChecked: number;
  problemsFound: number;
  problemAmount: number;
  refundedAmount: number;
  issues: AgencyIssue[];
  attachmentIds: string[];
  submittedAt: string | null;
  late: boolean;
  escalatedAt: string | null;
  regionFigures: RegionFigures;
}

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
function paramsOf(query: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Record<string, string | number>;
}

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

  create(request: CampaignRequest): Observable<{ id: string }> {
    return this.http.post<{ id: string }>('/api/campaigns', request);
  }

  update(campaignId: string, request: CampaignRequest): Observable<{ id: string }> {
    return this.http.put<{ id: string }>(`/api/campaigns/${id(campaignId)}`, request);
  }

  /** 下发: files the plan and starts the workflow that fans out the tasks. */
  assign(campaignId: string): Observable<{ id: string }> {
    return this.http.post<{ id: string }>(`/api/campaigns/${id(campaignId)}/assign`, {});
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
  fileSummary(campaignId: string, comment: string): Observable<{ id: string }> {
    return this.http.post<{ id: string }>(`/api/campaigns/${id(campaignId)}/summary`, comment ? { comment } : {});
  }

  /** The summary report as a blob; an authenticated download cannot be a plain link. */
  summaryFile(campaignId: string, format: SummaryFormat): Observable<HttpResponse<Blob>> {
    return this.http.get(`/api/campaigns/${id(campaignId)}/summary.${format}`, { responseType: 'blob', observe: 'response' });
  }

  tasks(query: SelfInspectionQuery): Observable<SelfInspectionPage> {
    return this.http.get<SelfInspectionPage>('/api/self-inspections', { params: paramsOf(query) });
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

  agencyTasks(campaignId: string): Observable<AgencySelfInspectionTask[]> {
    return this.http.get<AgencySelfInspectionTask[]>('/api/agency-self-inspections', { params: { campaignId } });
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
