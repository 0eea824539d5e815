import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';
import type { DeadlineClock, DeadlineState, DeadlineTransition } from './deadline-clock.js';

// An outward transfer's follow-up clock (移送跟踪, issue 18 part 2; seed 000 (十四), seed 004 五): the bureau
// follows up the recipient's result by a due day (30 calendar days after the notice by default,
// OUTWARD_FOLLOW_UP_DAYS), reminders before it, the overdue flag (the bureau and the province told) at the
// first instant after it. Sending the transfer starts it; recording the recipient's result ends it.

export const OUTWARD_FOLLOW_UP_WORKFLOW_TYPE = 'outwardFollowUpWorkflow';
export const outwardFollowUpWorkflowId = (outwardTransferId: string) => `outward-follow-up-${outwardTransferId}`;

export interface OutwardFollowUpWorkflowInput {
  outwardTransferId: string;
  /** The bureau user who sent the transfer: the clock's steps run as them. */
  actor: ActorSnapshot;
  clock: DeadlineClock;
}

export const outwardFollowUpTransitionUpdate = defineUpdate<DeadlineState, [DeadlineTransition]>('outwardFollowUpTransition');
export const outwardFollowUpStateQuery = defineQuery<DeadlineState>('outwardFollowUpState');

export interface OutwardFollowUpActivities {
  /** Reminds the bureau that the follow-up is due; nothing once the result is recorded. Idempotent. */
  remindOutwardFollowUp(input: { actor: ActorSnapshot; outwardTransferId: string; dueDate: string; at: string }): Promise<void>;
  /** Flags the transfer overdue and tells the bureau and the province; nothing once the result is recorded or flagged. Idempotent. */
  markOutwardFollowUpOverdue(input: { actor: ActorSnapshot; outwardTransferId: string; dueDate: string; at: string }): Promise<void>;
}
