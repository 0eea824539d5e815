import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

// Wire types of the special-campaign and self-inspection endpoints
// (docs/api/campaigns-and-spot-checks.md). Kept with the feature, as the contract is the source.

export type InstitutionKind = 'hospital' | 'pharmacy' | 'clinic';
export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['hospital', 'pharmacy', 'clinic'];
export type InstitutionLevel = 'tertiary' | 'secondary' | 'primary' | 'none';
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
  calendar: CampaignCalendar;
  status: CampaignStatus;
  phase: CampaignPhase;
  assignedAt: string | null;
  planFiledLate: boolean;
  summaryFiledAt: string | null;
  summaryOverdue: boolean;
  tasks: TaskCounts;
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

export interface CampaignProgress {
  byCity: ProgressRow[];
  byKind: ProgressRow[];
  totals: ProgressRow;
}

export interface FocusOption {
  code: FocusCode;
  zh: string;
  en: string;
  kinds: InstitutionKind[];
}

export interface CampaignDefaults {
  year: number;
  calendar: CampaignCalendar;
  calendarPolicy: CalendarPolicy;
  focusOptions: FocusOption[];
  cities: { code: string; name: string }[];
}

export interface CampaignRequest {
  year: number;
  title: string;
  focusAreas: ({ code: FocusCode } | { text: string })[];
  cityCodes?: string[];
  institutionKinds: InstitutionKind[];
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
  page?: number;
  pageSize?: number;
}

export interface SelfInspectionRequest {
  report: string;
  refundedAmount: number;
  issues: SelfInspectionIssue[];
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
}
