import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';
import type { DeadlineClock, DeadlineState, DeadlineTransition } from './deadline-clock.js';

// A lead in a unit's ledger (线索台账, seed 003 二(二): 限时办结, issue 17). The database decides the
// transitions (ADR 0007); the workflow owns the lead's clock: reminders before its due day, the overdue
// flag (the backend tells the assigner) at the first instant after it. Every assignment, extension,
// close or return sends the workflow the lead's clock as it now stands; the end of the lead ends it.

export const LEAD_WORKFLOW_TYPE = 'leadWorkflow';
export const leadWorkflowId = (leadId: string) => `lead-${leadId}`;

/** The lead's clock: `dueAt` null while it is stopped (closed, reported, awaiting a second user's approval of dismissal). */
export type LeadClock = DeadlineClock;

export interface LeadWorkflowInput {
  leadId: string;
  /** Who registered the lead: the clock's steps run as them. */
  actor: ActorSnapshot;
  clock: LeadClock;
}

export type LeadTransition = DeadlineTransition;
export type LeadWorkflowState = DeadlineState;

export const leadTransitionUpdate = defineUpdate<LeadWorkflowState, [LeadTransition]>('leadTransition');
export const leadStateQuery = defineQuery<LeadWorkflowState>('leadState');

export interface LeadActivities {
  /** Reminds the holder that the lead is due on `dueDate`; nothing when the lead's due day is another one now. Idempotent. */
  remindLead(input: { actor: ActorSnapshot; leadId: string; dueDate: string; at: string }): Promise<void>;
  /** Flags the lead overdue and tells the assigner; nothing when the due day changed or the lead is closed. Idempotent. */
  markLeadOverdue(input: { actor: ActorSnapshot; leadId: string; dueDate: string; at: string }): Promise<void>;
}
