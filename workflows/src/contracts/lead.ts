import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';

// A lead in a unit's ledger (线索台账, seed 003 二(二): 限时办结, issue 17). The database decides the
// transitions (ADR 0007); the workflow owns the lead's clock: reminders before its due day, the overdue
// flag (the backend tells the assigner) at the first instant after it. Every assignment, extension,
// close or return sends the workflow the lead's clock as it now stands; the end of the lead ends it.

export const LEAD_WORKFLOW_TYPE = 'leadWorkflow';
export const leadWorkflowId = (leadId: string) => `lead-${leadId}`;

/** The lead's clock: `dueAt` null while it is stopped (closed, reported, awaiting a second user's approval of dismissal). */
export interface LeadClock {
  /** The first instant after the due day (China time): not closed by then → overdue. */
  dueAt: string | null;
  /** The due day itself (YYYY-MM-DD): the activities name it so a step for a superseded due day does nothing. */
  dueDate: string | null;
  /** Reminder instants before dueAt (those in the past when the clock is set are skipped by the backend). */
  remindAt: string[];
}

export interface LeadWorkflowInput {
  leadId: string;
  /** Who registered the lead: the clock's steps run as them. */
  actor: ActorSnapshot;
  clock: LeadClock;
}

export type LeadTransition =
  | { action: 'clock'; at: string; clock: LeadClock }
  | { action: 'ended'; at: string };

export interface LeadWorkflowState {
  ended: boolean;
  dueAt: string | null;
  /** Reminders sent (instants), and the due days flagged overdue, in order. */
  reminded: string[];
  overdue: string[];
}

export const leadTransitionUpdate = defineUpdate<LeadWorkflowState, [LeadTransition]>('leadTransition');
export const leadStateQuery = defineQuery<LeadWorkflowState>('leadState');

export interface LeadActivities {
  /** Reminds the holder that the lead is due on `dueDate`; nothing when the lead's due day is another one now. Idempotent. */
  remindLead(input: { actor: ActorSnapshot; leadId: string; dueDate: string; at: string }): Promise<void>;
  /** Flags the lead overdue and tells the assigner; nothing when the due day changed or the lead is closed. Idempotent. */
  markLeadOverdue(input: { actor: ActorSnapshot; leadId: string; dueDate: string; at: string }): Promise<void>;
}
