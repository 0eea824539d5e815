import type * as Api from '../core/api-types.generated';
import type { InspectionMethod, InspectionType, InstitutionKind } from '../spot-checks/spot-check-models';

// The agencies' own inspections (issue 13): the month's worklist and the one-action scheduling
// (GET /api/inspections/worklist, POST /api/inspections/worklist/schedule), and the service
// agreements (GET /api/agreements). The inspections themselves are spot-check-models' Inspection
// with origin 'agency'. The answers' types are the generated ones (core/api-types.generated.ts, ADR 0014).

/** Why an institution is due: the coverage rules of seed 003 一(一) and 002 一(四). */
export type DueReason = Api.DueReason;
export const DUE_REASONS: readonly DueReason[] = ['not_on_site_this_year', 'monthly_share', 'key_short', 'high_credit_full'];

export type AgreementStatus = Api.AgreementStatus;
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['active', 'suspended', 'terminated'];

export type Worklist = Api.Worklist;
export type WorklistQuota = Worklist['quotas'][number];

export type WorklistItem = Api.WorklistItem;


export interface ScheduleWorklistRequest {
  institutionIds: string[];
  plannedOn: string;
  inspectionType: InspectionType;
  method: InspectionMethod;
  announced: boolean;
}

/** A service agreement (定点服务协议) between a handling agency and an institution. */
export type Agreement = Api.AgreementView;

export interface AgreementQuery {
  status?: AgreementStatus;
  kind?: InstitutionKind;
  q?: string;
  page: number;
  pageSize: number;
}

/** Why a candidate may not join the team for an institution: recusal (回避). */
export type RecusalReason = Api.RecusalReason;

/** One of the agency's inspectors, for a hand-picked team (GET /api/inspections/team-candidates). */
export type TeamCandidate = Api.TeamCandidateView;

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
