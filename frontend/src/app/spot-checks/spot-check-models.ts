// Province spot-checks (抽查 · 双随机一公开), inspections and coverage: docs/api/campaigns-and-spot-checks.md.

export type InstitutionKind = 'hospital' | 'pharmacy' | 'clinic';
export type InstitutionLevel = 'tertiary' | 'secondary' | 'primary' | 'none';
export const INSTITUTION_KINDS: readonly InstitutionKind[] = ['hospital', 'clinic', 'pharmacy'];

export type SpotCheckStatus = 'draft' | 'committed' | 'drawn' | 'closed';

export interface SpotCheckParameters {
  /** ≥ 0.10, ≤ 1. */
  defaultRatio: number;
  /** Per stratum `${kind}/${level}`, each ≥ 0.10, ≤ 1 (raise only). */
  ratios: Record<string, number>;
  /** 2–5. */
  teamSize: number;
  riskWeighted: boolean;
}

export interface SpotCheckSummary {
  id: string;
  year: number;
  title: string;
  campaignId: string | null;
  campaignTitle: string | null;
  cityCodes: string[];
  institutionKinds: InstitutionKind[];
  parameters: SpotCheckParameters;
  dueDate: string;
  witnesses: { name: string }[];
  beaconRequired: boolean;
  status: SpotCheckStatus;
  /** sha256 hex, published before the draw. */
  commitment: string | null;
  committedAt: string | null;
  drawnAt: string | null;
  resultHash: string | null;
  population: number;
  drawn: number;
  inspections: { total: number; recorded: number; sent: number; overdue: number };
}

export interface SpotCheckStratum {
  cityCode: string;
  cityName: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  population: number;
  ratio: number;
  drawn: number;
}

export interface SpotCheckDetail extends SpotCheckSummary {
  strata: SpotCheckStratum[];
  exclusions: { sameCity: number; linked: number; inspectedLastYear: number };
  history: { at: string; action: string; by: string; comment: string | null }[];
}

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

export type VerificationCheckName = 'directories' | 'commitment' | 'reveal' | 'seed' | 'result';
export interface Verification {
  ok: boolean;
  checks: { name: VerificationCheckName; ok: boolean; detail: string }[];
}

export type InspectionStatus = 'assigned' | 'recorded' | 'sent';
export type ChecklistResult = 'compliant' | 'deficient' | 'not_applicable';
export const CHECKLIST_RESULTS: readonly ChecklistResult[] = ['compliant', 'deficient', 'not_applicable'];

export interface InspectionFinding {
  type: string;
  description: string;
  /** Yuan, ≥ 0, at most 2 decimals. */
  amount: number;
  clinicianName: string | null;
  attachmentIds: string[];
}

export interface InspectionChecklistEntry {
  item: string;
  result: ChecklistResult;
  note: string | null;
}

/** 'spot_check': drawn by a province spot-check; 'agency': an agency's own inspection (issue 13). */
export type InspectionOrigin = 'spot_check' | 'agency';
export type InspectionType = 'routine' | 'targeted' | 'follow_up' | 'lead' | 'complaint';
export const INSPECTION_TYPES: readonly InspectionType[] = ['routine', 'targeted', 'follow_up', 'lead', 'complaint'];
export type InspectionMethod = 'on_site' | 'data_review';
export const INSPECTION_METHODS: readonly InspectionMethod[] = ['on_site', 'data_review'];

/** 询问笔录: who was interviewed, in what role, when, what was said, with evidence. */
export interface InspectionInterview {
  person: string;
  role: string;
  /** 'YYYY-MM-DD', not after today. */
  heldOn: string;
  content: string;
  attachmentIds: string[];
}

export interface Inspection {
  id: string;
  origin: InspectionOrigin;
  /** Null for an agency's own inspection. */
  spotCheckId: string | null;
  /** The spot-check's title, or the agency inspection's (e.g. 「…管理中心日常稽核」). */
  spotCheckTitle: string;
  /** The inspecting agency (origin 'agency'), else null. */
  agency: { id: string; name: string } | null;
  /** The agency inspection's kind, method, notice and planned date; null for spot-check inspections. */
  inspectionType: InspectionType | null;
  method: InspectionMethod | null;
  /** false: unannounced (不预先告知). */
  announced: boolean | null;
  plannedOn: string | null;
  /** A city agency inspecting an institution whose agreement a county agency holds (交叉检查). */
  crossInspection: boolean;
  basis: string | null;
  interviews: InspectionInterview[];
  campaignId: string | null;
  institution: {
    id: string;
    name: string;
    kind: InstitutionKind;
    level: InstitutionLevel;
    regionCode: string;
    regionName: string;
    cityCode: string;
  };
  team: { inspectorId: string; name: string; organizationName: string }[];
  status: InspectionStatus;
  dueDate: string;
  overdue: boolean;
  inspectedOn: string | null;
  /** The items the checklist must answer, in order (the spot-check's focus items). */
  checklistItems: string[];
  /** The answered items: empty until the inspection is recorded. */
  checklist: InspectionChecklistEntry[];
  findings: InspectionFinding[];
  attachmentIds: string[];
  sentAt: string | null;
}

export interface InspectionRecordRequest {
  inspectedOn: string;
  interviews: InspectionInterview[];
  checklist: InspectionChecklistEntry[];
  findings: InspectionFinding[];
  attachmentIds: string[];
}

export interface InspectionQuery {
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

export interface CoverageKindRow {
  kind: InstitutionKind;
  providers: number;
  inspectedThisYear: number;
  shareThisYear: number;
  inspectedThisMonth: number;
  shareThisMonth: number;
  /** Monthly ≥ 10% for pharmacies and clinics; null for hospitals. */
  monthlyRuleMet: boolean | null;
}

export interface CoverageCity {
  cityCode: string;
  cityName: string;
  kinds: CoverageKindRow[];
  notYetInspected: number;
  keySupervision: { units: number; inspectedTwice: number };
}

export interface Coverage {
  year: number;
  month: number;
  byCity: CoverageCity[];
}

/** The few campaign fields a spot-check's form reads (`GET /campaigns?year=`). */
export interface CampaignOption {
  id: string;
  year: number;
  title: string;
  cityCodes: string[];
  institutionKinds: InstitutionKind[];
  calendar: { spotCheckStart: string; spotCheckEnd: string };
  status: string;
  phase: string;
}

export interface CampaignDefaults {
  year: number;
  cities: { code: string; name: string }[];
}

// Coverage per jurisdiction (本辖区: the institutions whose service agreement an agency holds), each
// rule of seed 002 一(四) / 003 一(一) against its own basis, and the province's ≥10% sample per city
// (GET /api/coverage/jurisdictions?month=YYYY-MM).

export type CoverageRuleName = 'full_coverage' | 'pharmacy_monthly' | 'clinic_monthly' | 'pharmacy_yearly' | 'clinic_yearly' | 'key_twice' | 'high_credit_full';
export const COVERAGE_RULES: readonly CoverageRuleName[] = [
  'full_coverage',
  'pharmacy_monthly',
  'clinic_monthly',
  'pharmacy_yearly',
  'clinic_yearly',
  'key_twice',
  'high_credit_full',
];

export interface CoverageRule {
  rule: CoverageRuleName;
  /** The seed paragraph, e.g. '002 一(四)'. */
  source: string;
  /** The units the rule is measured against. */
  basis: number;
  required: number;
  done: number;
  met: boolean;
}

export interface CoverageJurisdiction {
  agencyId: string;
  agencyName: string;
  level: 'province' | 'city' | 'county';
  regionCode: string;
  regionName: string;
  cityCode: string;
  institutions: number;
  onSiteThisYear: number;
  kinds: { kind: InstitutionKind; providers: number; inspectedThisYear: number; onSiteThisYear: number; inspectedThisMonth: number }[];
  keySupervision: { units: number; inspectedTwice: number };
  highCredit: { hospitals: number; fullyInspected: number };
  rules: CoverageRule[];
}

export interface ProvinceSampleRow {
  cityCode: string;
  cityName: string;
  providers: number;
  sampled: number;
  /** 0–1. */
  share: number;
  ruleMet: boolean;
}

export interface JurisdictionCoverage {
  year: number;
  month: number;
  jurisdictions: CoverageJurisdiction[];
  provinceSample: ProvinceSampleRow[];
}
