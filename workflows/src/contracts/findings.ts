import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';

// Findings, handling decisions and disputes (issue 5). Contract: docs/api/findings-and-disputes.md.
// The database decides (ADR 0007); the workflows own the deadlines and mirror committed transitions.

export const FINDING_FEEDBACK_WORKFLOW_TYPE = 'findingFeedbackWorkflow';
export const DECISION_WORKFLOW_TYPE = 'decisionWorkflow';
export const DISPUTE_WORKFLOW_TYPE = 'disputeWorkflow';

export const findingFeedbackWorkflowId = (inspectionId: string) => `finding-feedback-${inspectionId}`;
export const decisionWorkflowId = (decisionId: string) => `decision-${decisionId}`;
export const disputeWorkflowId = (disputeId: string) => `dispute-${disputeId}`;

export interface FindingFeedbackWorkflowInput {
  inspectionId: string;
  /** Who sent the results (the province official): the deeming runs as them. */
  actor: ActorSnapshot;
  findingIds: string[];
  /** The first instant after the confirmation deadline (00:00 China time of the next day). */
  confirmationDueAt: string;
}

/**
 * `at` on a clock step is the workflow's time when the step runs: the backend judges "the deadline
 * has passed" against it (the workflow owns the clock, ADR 0007), falling back to its own clock.
 */
export interface FindingFeedbackActivities {
  /** Deadline passed: findings still awaiting confirmation become deemed confirmed. Idempotent. */
  deemFindingsConfirmed(input: { actor: ActorSnapshot; inspectionId: string; at?: string }): Promise<{ deemed: number }>;
}

export type DecisionWorkflowStatus = 'pending_legal_review' | 'effective' | 'rectifying' | 'rectification_submitted' | 'closed';

export interface DecisionWorkflowInput {
  decisionId: string;
  /** The agency user who decided: the clock's steps run as them. */
  actor: ActorSnapshot;
  status: DecisionWorkflowStatus;
  /** First instant after the rectification deadline, when the decision has one. */
  rectificationDueAt: string | null;
}

export type DecisionTransition =
  | { action: 'legal_review'; at: string; approved: boolean; status: DecisionWorkflowStatus }
  | { action: 'rectification_submitted'; at: string }
  | { action: 'rectification_reviewed'; at: string; accepted: boolean; newRectificationDueAt?: string | null };

export interface DecisionWorkflowState {
  status: DecisionWorkflowStatus;
  rectificationOverdue: boolean;
}

export const decisionTransitionUpdate = defineUpdate<DecisionWorkflowState, [DecisionTransition]>('decisionTransition');
export const decisionStateQuery = defineQuery<DecisionWorkflowState>('decisionState');

export interface DecisionActivities {
  /** The rectification deadline passed without confirmed rectification: flag, tell the same-level bureau. */
  markDecisionRectificationOverdue(input: { actor: ActorSnapshot; decisionId: string; at?: string }): Promise<void>;
}

export type DisputeLevelName = 'county' | 'city' | 'province';

export interface DisputePathLevel {
  level: DisputeLevelName;
  bureauId: string;
  regionPath: string;
}

export interface DisputeWorkflowInput {
  disputeId: string;
  /** The party's user (the institution clerk who filed it): the clock's steps run as them. */
  actor: ActorSnapshot;
  /** From the agency's level up to the province, derived from the region tree by the backend. */
  path: DisputePathLevel[];
  /** First instant after the first level's time limit. */
  firstDueAt: string;
}

export type DisputeTransition =
  | { action: 'decided'; at: string; level: number; final: boolean; escalationDueAt: string | null }
  | { action: 'escalated'; at: string; toLevel: number; dueAt: string }
  | { action: 'withdrawn'; at: string };

export interface DisputeWorkflowState {
  current: number;
  status: 'open' | 'decided' | 'final' | 'withdrawn' | 'closed';
  overdueLevels: number[];
}

export const disputeTransitionUpdate = defineUpdate<DisputeWorkflowState, [DisputeTransition]>('disputeTransition');
export const disputeStateQuery = defineQuery<DisputeWorkflowState>('disputeState');

export interface DisputeActivities {
  /** A level let its time limit pass: flag it and tell the level above (the province: itself). */
  markDisputeLevelOverdue(input: { actor: ActorSnapshot; disputeId: string; level: number }): Promise<void>;
  /** The escalation window after a decision closed without escalation: the dispute ends (decision stands). */
  closeDispute(input: { actor: ActorSnapshot; disputeId: string }): Promise<void>;
}
