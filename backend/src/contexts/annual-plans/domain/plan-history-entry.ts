export type PlanHistoryAction = 'opened' | 'draft' | 'submit' | 'forward' | 'file' | 'return' | 'overdue' | 'close';

/**
 * One step in a plan's life, kept for good: every submission, return (with its comment), filing.
 * Added by the plan (AnnualPlan.pullHistory) and appended by the repository; owned like its plan.
 * Plain TypeScript (ADR 0013).
 */
export interface PlanHistoryEntry {
  readonly id: string;
  readonly regionPath: string;
  readonly ownerOrgId: string;
  readonly planId: string;
  readonly at: Date;
  readonly action: PlanHistoryAction;
  readonly byUserId: string;
  readonly byName: string;
  readonly comment: string | null;
}
