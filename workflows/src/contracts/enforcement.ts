import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';
import type { DeadlineClock, DeadlineState, DeadlineTransition } from './deadline-clock.js';

// An administrative enforcement case's closure limit (行政执法办案期限, issue 18): from 立案 the bureau
// has the configured days (default 90) to decide; a leader may extend it. The database decides the
// transitions (ADR 0007); the workflow owns the clock: reminders before the due day, the overdue flag at
// the first instant after it. Filing starts it, an extension sends the new clock, the decision (or
// a refusal) ends it.

export const ENFORCEMENT_CASE_WORKFLOW_TYPE = 'enforcementCaseWorkflow';
export const enforcementCaseWorkflowId = (caseId: string) => `enforcement-case-${caseId}`;

export interface EnforcementCaseWorkflowInput {
  caseId: string;
  /** The leader who approved filing: the clock's steps run as them. */
  actor: ActorSnapshot;
  clock: DeadlineClock;
}

export const enforcementCaseTransitionUpdate = defineUpdate<DeadlineState, [DeadlineTransition]>('enforcementCaseTransition');
export const enforcementCaseStateQuery = defineQuery<DeadlineState>('enforcementCaseState');

export interface EnforcementCaseActivities {
  /** Reminds the bureau that the case is to be decided by `dueDate`; nothing when the due day changed or the case was decided. Idempotent. */
  remindEnforcementCase(input: { actor: ActorSnapshot; caseId: string; dueDate: string; at: string }): Promise<void>;
  /** Flags the case overdue and tells the bureau; nothing when the due day changed or the case was decided. Idempotent. */
  markEnforcementCaseOverdue(input: { actor: ActorSnapshot; caseId: string; dueDate: string; at: string }): Promise<void>;
}
