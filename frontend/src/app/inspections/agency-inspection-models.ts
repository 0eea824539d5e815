import type { InspectionMethod, InspectionStatus, InspectionType, InstitutionKind, InstitutionLevel } from '../spot-checks/spot-check-models';

// The agencies' own inspections (issue 13): the month's worklist and the one-action scheduling
// (GET /api/inspections/worklist, POST /api/inspections/worklist/schedule), and the service
// agreements (GET /api/agreements). The inspections themselves are spot-check-models' Inspection
// with origin 'agency'.

/** Why an institution is due: the coverage rules of seed 003 一(一) and 002 一(四). */
export type DueReason = 'not_on_site_this_year' | 'monthly_share' | 'key_short' | 'high_credit_full';
export const DUE_REASONS: readonly DueReason[] = ['not_on_site_this_year', 'monthly_share', 'key_short', 'high_credit_full'];

export type AgreementStatus = 'active' | 'suspended' | 'terminated';
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['active', 'suspended', 'terminated'];

export interface WorklistQuota {
  kind: InstitutionKind;
  /** The jurisdiction's institutions of this kind. */
  providers: number;
  /** ⌈10%⌉ for pharmacies and clinics; null for hospitals. */
  monthlyRequired: number | null;
  inspectedThisMonth: number;
  scheduledThisMonth: number;
  notYetThisYear: number;
}

export interface WorklistItem {
  institutionId: string;
  name: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  ownership: 'public' | 'private' | null;
  regionCode: string;
  regionName: string;
  keySupervision: boolean;
  creditRating: string | null;
  priorViolations: number;
  inspectionsThisYear: number;
  onSiteThisYear: number;
  inspectedThisMonth: boolean;
  /** An inspection is scheduled and not sent yet. */
  scheduled: boolean;
  scheduledThisMonth: boolean;
  dueReasons: DueReason[];
  suggested: boolean;
  risk: number;
  agreementStatus: AgreementStatus;
  lastInspectedOn: string | null;
  /** The institution's inspection scheduled and not sent yet. */
  open: { id: string; plannedOn: string | null; status: InspectionStatus; overdue: boolean } | null;
}

export interface Worklist {
  agencyId: string;
  /** 'YYYY-MM'. */
  month: string;
  year: number;
  quotas: WorklistQuota[];
  /** Suggested first, then by risk. */
  items: WorklistItem[];
}

export interface ScheduleWorklistRequest {
  institutionIds: string[];
  plannedOn: string;
  inspectionType: InspectionType;
  method: InspectionMethod;
  announced: boolean;
}

/** A service agreement (定点服务协议) between a handling agency and an institution. */
export interface Agreement {
  id: string;
  number: string;
  status: AgreementStatus;
  validFrom: string;
  validTo: string;
  institution: {
    id: string;
    name: string;
    kind: InstitutionKind;
    level: InstitutionLevel | null;
    ownership: 'public' | 'private' | null;
    regionCode: string;
    regionName: string;
    keySupervision: boolean;
    creditRating: string | null;
  };
  agency: { id: string; name: string; regionCode: string; level: 'province' | 'city' | 'county' };
  history: { at: string; fromStatus: AgreementStatus; toStatus: AgreementStatus; decisionId: string | null; reason: string }[];
}

export interface AgreementQuery {
  status?: AgreementStatus;
  kind?: InstitutionKind;
  q?: string;
  page: number;
  pageSize: number;
}

/** Why a candidate may not join the team for an institution: recusal (回避). */
export type RecusalReason = 'linked_institution' | 'inspected_last_year';

/** One of the agency's inspectors, for a hand-picked team (GET /api/inspections/team-candidates). */
export interface TeamCandidate {
  inspectorId: string;
  name: string;
  organizationName: string;
  eligible: boolean;
  reason: RecusalReason | null;
}

/** POST /api/inspections: an inspection of one institution with a hand-picked team of 2–6. */
export interface CreateInspectionRequest {
  institutionId: string;
  plannedOn: string;
  teamInspectorIds: string[];
  inspectionType: InspectionType;
  method: InspectionMethod;
  announced: boolean;
  focusItems?: string[];
  basis?: string;
}
