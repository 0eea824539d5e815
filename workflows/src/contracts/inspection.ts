import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';

// An agency's own inspection (日常稽核 / 现场检查, seed 003 一(一), 002 一(四)): docs/api/agency-inspections.md.
// The database decides transitions; the workflow owns the clock (ADR 0007): a reminder to the team
// before the planned date, the overdue flag after it when the result was not sent, then done.

export const AGENCY_INSPECTION_WORKFLOW_TYPE = 'agencyInspectionWorkflow';
export const agencyInspectionWorkflowId = (inspectionId: string) => `inspection-${inspectionId}`;

export interface AgencyInspectionWorkflowInput {
  inspectionId: string;
  /** Who scheduled it: the clock's steps run as them. */
  actor: ActorSnapshot;
  /** Reminder instant (null when already past at scheduling). */
  remindAt: string | null;
  /** The first instant after the planned date: not sent by then → overdue. */
  dueAt: string;
}

export interface AgencyInspectionWorkflowState {
  sent: boolean;
  reminded: boolean;
  overdue: boolean;
}

export type AgencyInspectionTransition = { action: 'sent'; at: string };

export const agencyInspectionTransitionUpdate = defineUpdate<AgencyInspectionWorkflowState, [AgencyInspectionTransition]>('agencyInspectionTransition');
export const agencyInspectionStateQuery = defineQuery<AgencyInspectionWorkflowState>('agencyInspectionState');

export interface AgencyInspectionActivities {
  /** Reminds the team; idempotent. */
  remindInspection(input: { actor: ActorSnapshot; inspectionId: string; at?: string }): Promise<void>;
  /** Flags the inspection overdue and tells the agency; idempotent. */
  /** `at`: the workflow's time, by which the deadline is judged (ADR 0007). */
  markInspectionOverdue(input: { actor: ActorSnapshot; inspectionId: string; at?: string }): Promise<void>;
}

// A document request of an inspection (调取资料, issue 13 §3): the inspecting agency asks the institution
// for documents with their own deadline. The backend decides (ADR 0007); the workflow owns the clock:
// at the first instant after the due day, if not answered, the overdue flag (once); done when answered.

export const DOCUMENT_REQUEST_WORKFLOW_TYPE = 'documentRequestWorkflow';
export const documentRequestWorkflowId = (requestId: string) => `inspection-document-request-${requestId}`;

export interface DocumentRequestWorkflowInput {
  requestId: string;
  inspectionId: string;
  /** Who asked: the clock's step runs as them. */
  actor: ActorSnapshot;
  /** The first instant after the due day (China time): not answered by then → overdue. */
  dueAt: string;
}

export interface DocumentRequestWorkflowState {
  answered: boolean;
  overdue: boolean;
}

export type DocumentRequestTransition = { action: 'answered'; at: string };

export const documentRequestTransitionUpdate = defineUpdate<DocumentRequestWorkflowState, [DocumentRequestTransition]>('documentRequestTransition');
export const documentRequestStateQuery = defineQuery<DocumentRequestWorkflowState>('documentRequestState');

export interface DocumentRequestActivities {
  /** Flags the request overdue and tells the agency; idempotent (false when answered or flagged already). */
  markDocumentRequestOverdue(input: { actor: ActorSnapshot; requestId: string }): Promise<void>;
}

// The coverage digest (issue 13 §4): on the 1st of each month every handling agency of the province
// gets last month's coverage result and the month's worklist (in Q4 also what is still missing).
// One workflow per province, started by the API at boot, continued as new every month.

export const COVERAGE_DIGEST_CYCLE_WORKFLOW_TYPE = 'coverageDigestCycleWorkflow';
export const coverageDigestCycleWorkflowId = (provinceCode: string) => `coverage-digest-${provinceCode}`;

export interface CoverageDigestCycleInput {
  provinceCode: string;
  /** The month whose digest to send ('YYYY-MM'); absent: the next one due. */
  month?: string;
}

export interface CoverageDigestSchedule {
  month: string;
  /** When to send it (the 1st, 08:00 China time), ISO. */
  sendAt: string;
  nextMonth: string;
}

export interface CoverageDigestActivities {
  coverageDigestSchedule(input: { provinceCode: string; month?: string; at: string }): Promise<CoverageDigestSchedule>;
  sendCoverageDigests(input: { provinceCode: string; month: string; at: string }): Promise<{ sent: number; agencies: number }>;
}
