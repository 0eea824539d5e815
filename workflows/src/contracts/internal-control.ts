import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';

// Internal control audits of handling agencies (内控检查, seed 003 五(三)). One workflow per audit
// (notice → self-assessment → fieldwork → findings → rectification → verification → closed), and
// one parent workflow per audit plan that starts the audits' workflows as children when the plan
// is published. As for annual plans (ADR 0007), the database decides transitions and the workflows
// own the clock: they mirror the status through updates and run the deadlines as durable timers.

export const IC_PLAN_WORKFLOW_TYPE = 'icPlanWorkflow';
export const IC_AUDIT_WORKFLOW_TYPE = 'icAuditWorkflow';

export const icPlanWorkflowId = (planId: string) => `ic-plan-${planId}`;
export const icAuditWorkflowId = (auditId: string) => `ic-audit-${auditId}`;

export type IcAuditStatus = 'scheduled' | 'self_assessment' | 'fieldwork' | 'rectification' | 'verification' | 'closed';

export interface IcAuditWorkflowInput {
  auditId: string;
  /** The province official who published the plan (or scheduled the follow-up): steps run as them. */
  actor: ActorSnapshot;
  /** Instants computed by the backend in China time (ISO strings). */
  noticeAt: string;
  selfAssessmentDueAt: string;
  fieldworkStartAt: string;
}

export interface IcPlanWorkflowInput {
  planId: string;
  actor: ActorSnapshot;
  audits: IcAuditWorkflowInput[];
}

export type IcAuditTransition =
  | { action: 'self_assessment_submitted'; at: string }
  | { action: 'findings_issued'; at: string; findings: { findingId: string; rectificationDueAt: string }[] }
  | { action: 'rectification_submitted'; at: string; findingId: string }
  | { action: 'finding_verified'; at: string; findingId: string; accepted: boolean; newRectificationDueAt?: string };

export interface IcAuditWorkflowState {
  status: IcAuditStatus;
  selfAssessmentOverdue: boolean;
  /** Open findings and whether each is overdue for rectification. */
  findings: { findingId: string; status: 'open' | 'rectification_submitted' | 'verified' | 'rejected'; overdue: boolean }[];
}

export const icAuditTransitionUpdate = defineUpdate<IcAuditWorkflowState, [IcAuditTransition]>('icAuditTransition');
export const icAuditStateQuery = defineQuery<IcAuditWorkflowState>('icAuditState');

export interface IcAuditActivities {
  /** Notice date: tells the agency the audit is coming and that its self-assessment is due. */
  sendAuditNotice(input: { actor: ActorSnapshot; auditId: string }): Promise<void>;
  /** Self-assessment deadline passed without submission: flag it and tell the province. */
  markSelfAssessmentOverdue(input: { actor: ActorSnapshot; auditId: string }): Promise<void>;
  /** Fieldwork start: the audit moves to fieldwork (with or without the self-assessment). */
  startFieldwork(input: { actor: ActorSnapshot; auditId: string }): Promise<void>;
  /** A finding's rectification deadline passed: flag it and escalate to the provincial bureau. */
  markRectificationOverdue(input: { actor: ActorSnapshot; auditId: string; findingId: string }): Promise<void>;
}
