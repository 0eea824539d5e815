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

export interface Inspection {
  id: string;
  spotCheckId: string;
  spotCheckTitle: string;
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
  checklist: InspectionChecklistEntry[];
  findings: InspectionFinding[];
  attachmentIds: string[];
}

export interface InspectionQuery {
  spotCheckId?: string;
  cityCode?: string;
  status?: InspectionStatus;
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
