import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';

// Special campaigns (专项治理, seed 003 一(二)) and province spot-checks (抽查, seed 003 一(一)).
// Contract: docs/api/campaigns-and-spot-checks.md. As everywhere (ADR 0007) the database decides
// transitions and the workflows own the clock: they open and close the phases on their dates,
// remind, escalate, and mirror what the backend committed through updates.

export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';
export const CAMPAIGN_CITY_WORKFLOW_TYPE = 'campaignCityWorkflow';
export const SPOT_CHECK_WORKFLOW_TYPE = 'spotCheckWorkflow';

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;
export const campaignCityWorkflowId = (campaignId: string, cityCode: string) => `campaign-${campaignId}-city-${cityCode}`;
export const spotCheckWorkflowId = (spotCheckId: string) => `spot-check-${spotCheckId}`;

/** Phases the workflow moves the campaign through after assignment ('draft' is before it). */
export type CampaignWorkflowPhase = 'planning' | 'self_inspection' | 'spot_check' | 'summary' | 'closed';
/** Phases with a closing deadline that gets reminders. */
export type RemindedPhase = 'self_inspection' | 'spot_check' | 'summary';

/** Instants computed by the backend in China time (ISO strings), in calendar order. */
export interface CampaignInstants {
  selfInspectionOpensAt: string;
  selfInspectionClosesAt: string;
  spotCheckOpensAt: string;
  spotCheckClosesAt: string;
  /** The first instant after the summary deadline: not filed by then → overdue. */
  summaryDueAt: string;
  /** Reminders before each close (already-past ones are left out by the backend). */
  reminders: { phase: RemindedPhase; at: string }[];
}

export interface CampaignWorkflowInput {
  campaignId: string;
  /** The province official who assigned the campaign: every step runs as them. */
  actor: ActorSnapshot;
  cityCodes: string[];
  instants: CampaignInstants;
}

export interface CampaignCityCounters {
  tasksCreated: number;
  /** Keyset cursor of the task creation (last institution id done), null before the first page. */
  cursor: string | null;
  tasksComplete: boolean;
  submitted: number;
  late: number;
  /** Missing reports escalated at the self-inspection close (null until then). */
  missingAtClose: number | null;
}

export interface CampaignCityWorkflowInput {
  campaignId: string;
  actor: ActorSnapshot;
  cityCode: string;
  instants: CampaignInstants;
  /** Carried over continue-as-new; absent on the first run. */
  counters?: CampaignCityCounters;
  /**
   * Carried over continue-as-new (absent on the first run): the task ids of the latest submissions
   * (at most CAMPAIGN_CITY_RECENT_TASK_IDS), so that a relay retry of an update whose answer was
   * lost just before the run continued as new is not counted twice (Temporal deduplicates update
   * ids within one run only).
   */
  recentTaskIds?: string[];
  /**
   * Test knob, never set by the backend: the history length (events) at which a run continues as
   * new even when Temporal has not suggested it yet. Default CAMPAIGN_CITY_HISTORY_LIMIT.
   */
  historyLimit?: number;
}

/** Default history length at which a city run continues as new (Temporal warns at 10,240 events). */
export const CAMPAIGN_CITY_HISTORY_LIMIT = 10_000;
/** How many of the latest submitted task ids a city run carries over continue-as-new. */
export const CAMPAIGN_CITY_RECENT_TASK_IDS = 1_000;
/** Page size of createSelfInspectionTasks. */
export const SELF_INSPECTION_TASK_PAGE = 500;

export interface CampaignWorkflowState {
  phase: CampaignWorkflowPhase;
  summaryFiled: boolean;
  summaryOverdue: boolean;
  /** Child workflows started (one per city). */
  citiesStarted: number;
}

export interface CampaignCityState extends CampaignCityCounters {
  phase: CampaignWorkflowPhase;
}

/** Committed by the backend; the update id is the outbox message id. */
export type CampaignTransition = { action: 'summary_filed'; at: string };

/** A self-inspection report the backend accepted (late = accepted during the spot-check phase). */
export interface CampaignSubmission {
  taskId: string;
  at: string;
  late: boolean;
}

export const campaignTransitionUpdate = defineUpdate<CampaignWorkflowState, [CampaignTransition]>('campaignTransition');
export const campaignStateQuery = defineQuery<CampaignWorkflowState>('campaignState');
export const campaignSubmissionUpdate = defineUpdate<CampaignCityState, [CampaignSubmission]>('campaignSubmission');
export const campaignCityStateQuery = defineQuery<CampaignCityState>('campaignCityState');

export interface CampaignActivities {
  /** The campaign enters a phase (DB phase column; notifications to the covered cities). Idempotent. */
  openCampaignPhase(input: { actor: ActorSnapshot; campaignId: string; phase: CampaignWorkflowPhase }): Promise<void>;
  /** Reminder before a phase closes: institutions and agencies without a report, cities, or the province for the summary. */
  remindCampaignPhase(input: { actor: ActorSnapshot; campaignId: string; phase: RemindedPhase; at: string }): Promise<void>;
  /**
   * Creates up to `limit` self-inspection tasks of one city after `cursor` (institution id order);
   * the first page (cursor null) also creates the city's and its counties' agencies' own tasks (the
   * pooling regions' reports). `created` counts institutions. Idempotent.
   */
  createSelfInspectionTasks(input: {
    actor: ActorSnapshot; campaignId: string; cityCode: string; cursor: string | null; limit: number;
  }): Promise<{ created: number; cursor: string | null; done: boolean }>;
  /**
   * Self-inspection closed: unsubmitted tasks → missing (institutions' and agencies'), listed to the
   * city bureau and the province. `missing` counts institutions.
   */
  escalateMissingSelfInspections(input: { actor: ActorSnapshot; campaignId: string; cityCode: string }): Promise<{ missing: number }>;
  /** Summary deadline passed without the summary filed: flag it, tell the provincial bureau. */
  markCampaignSummaryOverdue(input: { actor: ActorSnapshot; campaignId: string }): Promise<void>;
}

export interface SpotCheckWorkflowInput {
  spotCheckId: string;
  actor: ActorSnapshot;
  inspections: number;
  /** Reminder instant (3 working days before the due date; absent if already past). */
  remindAt: string | null;
  /** The first instant after the due date. */
  dueAt: string;
}

export interface SpotCheckWorkflowState {
  sent: number;
  inspections: number;
  overdue: boolean;
  done: boolean;
}

export type SpotCheckTransition = { action: 'inspection_sent'; inspectionId: string; at: string };

export const spotCheckTransitionUpdate = defineUpdate<SpotCheckWorkflowState, [SpotCheckTransition]>('spotCheckTransition');
export const spotCheckStateQuery = defineQuery<SpotCheckWorkflowState>('spotCheckState');

export interface SpotCheckActivities {
  remindSpotCheckDue(input: { actor: ActorSnapshot; spotCheckId: string }): Promise<void>;
  /** Due date passed: inspections not sent are flagged overdue, the province is told. */
  markSpotCheckOverdue(input: { actor: ActorSnapshot; spotCheckId: string }): Promise<void>;
}
