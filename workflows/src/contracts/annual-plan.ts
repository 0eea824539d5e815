import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';

// The life of one unit's annual supervision plan (年度监管方案) for one year, seed 002 一(一):
// draft → submitted (by 15 May, to the level above) → filed (备案) or returned (退回) → revised and
// resubmitted … → in execution → year closed. A county plan has two city steps (seed 002 一(一):
// 上报市医保处基金稽核科汇总后报市局备案): the city agency reviews it and forwards it (汇总上报,
// `forwarded`) or returns it; the city bureau then files it or returns it. One workflow per (unit, year); the database
// aggregate is the source of truth for content, the workflow owns the clock (reminders before
// 15 May, overdue escalation on 16 May, year close) and mirrors the status to validate transitions.

export const ANNUAL_PLAN_WORKFLOW_TYPE = 'annualPlanWorkflow';

export function annualPlanWorkflowId(unitOrgId: string, year: number): string {
  return `annual-plan-${unitOrgId}-${year}`;
}

export type PlanStatus = 'not_started' | 'draft' | 'submitted' | 'forwarded' | 'returned' | 'filed' | 'closed';

export interface AnnualPlanWorkflowInput {
  planId: string;
  unitOrgId: string;
  year: number;
  /** Who opened the planning cycle (a province official): reminders and escalations run as them. */
  actor: ActorSnapshot;
  /** Instants computed by the backend in China time (ISO strings). */
  deadline: {
    /** Reminders to the drafting unit, e.g. 15 and 3 days before the deadline (30 Apr, 12 May 09:00). */
    remindAt: string[];
    /** The first instant after the deadline (16 May 00:00 China time): unsubmitted → overdue. */
    overdueAt: string;
    /** When the plan year closes (1 Jan of the next year, 00:00 China time). */
    closeAt: string;
  };
  /** Status at start (a cycle reopened for a unit that already drafted starts from 'draft'). */
  status: PlanStatus;
}

/** The transitions the backend has already committed; the update id is the outbox message id. */
export interface PlanTransition {
  action: 'draft' | 'submit' | 'forward' | 'file' | 'return';
  at: string;
  by: string;
  comment?: string;
}

export const planTransitionUpdate = defineUpdate<AnnualPlanWorkflowState, [PlanTransition]>('planTransition');

/** Lets tests and operators end a plan early (e.g. a unit merged away). */
export const planWithdrawnSignal = defineSignal<[{ reason: string }]>('planWithdrawn');

export interface AnnualPlanWorkflowState {
  status: PlanStatus;
  overdue: boolean;
  remindersSent: number;
  submissions: number;
  returns: number;
  closed: boolean;
}

export const annualPlanStateQuery = defineQuery<AnnualPlanWorkflowState>('annualPlanState');

/**
 * Which transitions are allowed from which status (shared by the workflow's update validator and the
 * backend aggregate). Which level may take them (a county plan is filed only once forwarded, a city
 * plan is never forwarded) is the backend aggregate's rule on top.
 */
export const PLAN_TRANSITIONS: Record<PlanTransition['action'], readonly PlanStatus[]> = {
  draft: ['not_started', 'draft', 'returned'],
  submit: ['draft', 'returned'],
  forward: ['submitted'],
  file: ['submitted', 'forwarded'],
  return: ['submitted', 'forwarded'],
};

export const PLAN_STATUS_AFTER: Record<PlanTransition['action'], PlanStatus> = {
  draft: 'draft',
  submit: 'submitted',
  forward: 'forwarded',
  file: 'filed',
  return: 'returned',
};

export interface AnnualPlanActivities {
  /** Reminds the drafting unit that the plan is due on 15 May (index = which reminder). */
  remindPlanDue(input: { actor: ActorSnapshot; planId: string; reminder: number }): Promise<void>;
  /** 16 May with no submission: flags the plan overdue and tells the level above. */
  markPlanOverdue(input: { actor: ActorSnapshot; planId: string }): Promise<void>;
  /** 1 January: the plan year is over (filed plans close; unfiled ones close as not filed). */
  closePlanYear(input: { actor: ActorSnapshot; planId: string }): Promise<void>;
}
