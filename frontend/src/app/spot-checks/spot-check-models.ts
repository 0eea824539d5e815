// Province spot-checks (抽查 · 双随机一公开), inspections and coverage: docs/api/campaigns-and-spot-checks.md.
// The answers' types are the generated ones (core/api-types.generated.ts, ADR 0014); the request
// bodies, the draw record (a downloaded file) and the UI's constants are written here.
import type * as Api from '../core/api-types.generated';
import type { ListFilters } from '../core/list-query';

export type InstitutionKind = Api.InstitutionKind;
export type InstitutionLevel = Api.InstitutionLevel;
export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['hospital', 'clinic', 'pharmacy'];

export type SpotCheckStatus = Api.SpotCheckStatus;
export type SpotCheckParameters = Api.SpotCheckParameters;
export type SpotCheckSummary = Api.SpotCheckSummary;
export type SpotCheckDetail = Api.SpotCheckDetail;
export type SpotCheckStratum = SpotCheckDetail['strata'][number];

export interface NewSpotCheckRequest {
  year: number;
  title: string;
  campaignId?: string;
  cityCodes?: string[];
  institutionKinds?: InstitutionKind[];
  parameters?: Partial<SpotCheckParameters>;
  dueDate?: string;
  witnesses: { name: string }[];
  beaconRequired?: boolean;
}

/** The published draw record (algorithm `fundsup-draw/1`); only the fields the page reads are typed. */
export interface DrawRecord {
  algorithm: string;
  spotCheckId: string;
  witnessCommitments: string[];
  beaconRequired: boolean;
  committedAt: string;
  commitment: string;
  resultHash: string | null;
  [field: string]: unknown;
}

export type VerificationCheckName = Api.VerificationCheckName;
export type Verification = Api.Verification;

export type InspectionStatus = Api.InspectionStatus;
export const INSPECTION_STATUSES: readonly InspectionStatus[] = ['assigned', 'recorded', 'sent'];
export type ChecklistResult = Api.ChecklistResult;
export const CHECKLIST_RESULTS: readonly ChecklistResult[] = ['compliant', 'deficient', 'not_applicable'];

export type InspectionFinding = Api.InspectionFinding;
export type InspectionChecklistEntry = Api.ChecklistEntry;

/** 'spot_check': drawn by a province spot-check; 'agency': an agency's own inspection (issue 13). */
export type InspectionOrigin = Inspection['origin'];
export type InspectionType = NonNullable<Inspection['inspectionType']>;
export const INSPECTION_TYPES: readonly InspectionType[] = ['routine', 'targeted', 'follow_up', 'lead', 'complaint'];
export type InspectionMethod = NonNullable<Inspection['method']>;
export const INSPECTION_METHODS: readonly InspectionMethod[] = ['on_site', 'data_review'];

export type Inspection = Api.InspectionView;
/** 询问笔录: who was interviewed, in what role, when, what was said, with evidence. */
export type InspectionInterview = Inspection['interviews'][number];

export interface InspectionRecordRequest {
  inspectedOn: string;
  interviews: InspectionInterview[];
  checklist: InspectionChecklistEntry[];
  findings: InspectionFinding[];
  attachmentIds: string[];
}

/** The spot-checks' list: the shared filters (q: the spot-checks that drew the institution, regionCode: those covering the region), the year, the status. */
export interface SpotCheckQuery extends ListFilters {
  year?: number;
  status?: SpotCheckStatus;
  page: number;
  pageSize: number;
}
export const SPOT_CHECK_STATUSES: readonly SpotCheckStatus[] = ['draft', 'committed', 'drawn', 'closed'];

export interface InspectionQuery extends ListFilters {
  spotCheckId?: string;
  cityCode?: string;
  status?: InspectionStatus;
  origin?: InspectionOrigin;
  /** The inspecting agency. */
  agencyId?: string;
  institutionId?: string;
  /** Only those flagged overdue and not sent. */
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export type Coverage = Api.Coverage;
export type CoverageCity = Coverage['byCity'][number];
export type CoverageKindRow = Api.CoverageKind;

/** The few campaign fields a spot-check's form reads (`GET /campaigns?year=`). */
export type CampaignOption = Pick<Api.CampaignSummary, 'id' | 'year' | 'title' | 'cityCodes' | 'institutionKinds' | 'calendar' | 'status' | 'phase'>;
export type CampaignDefaults = Pick<Api.CampaignDefaults, 'year' | 'cities'>;

export type CoverageRuleName = Api.CoverageRuleName;
export const COVERAGE_RULES: readonly CoverageRuleName[] = [
  'full_coverage',
  'pharmacy_monthly',
  'clinic_monthly',
  'pharmacy_yearly',
  'clinic_yearly',
  'key_twice',
  'high_credit_full',
];

export type CoverageRule = Api.CoverageRule;
export type CoverageJurisdiction = Api.CoverageJurisdiction;
export type JurisdictionCoverage = Api.JurisdictionCoverage;
export type ProvinceSampleRow = JurisdictionCoverage['provinceSample'][number];
