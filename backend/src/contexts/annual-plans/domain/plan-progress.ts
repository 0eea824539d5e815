import type { ProgressEntry } from './annual-plan.js';

/**
 * What a unit reports it did for one task of its filed plan in one month (one per plan, task and
 * month: a new report of the same month replaces it). Owned like its plan. Plain TypeScript
 * (ADR 0013): the repository upserts it; the read side reads the table with SQL.
 */
export class PlanProgress {
  private constructor(
    readonly planId: string,
    readonly regionPath: string,
    readonly ownerOrgId: string,
    readonly taskId: string,
    readonly month: number,
    readonly doneQuantity: number,
    /** The task serves a count target, so its quantity adds up towards the plan's done-to-date. */
    readonly counted: boolean,
    readonly note: string | null,
    readonly attachmentIds: readonly string[],
    readonly reportedBy: string,
    readonly reportedAt: Date,
  ) {}

  /** The rows of a month's report, from the entries AnnualPlan.reportProgress validated. */
  static ofReport(
    plan: { id: string; regionPath: string; ownerOrgId: string },
    month: number,
    entries: readonly ProgressEntry[],
    reportedBy: string,
    reportedAt: Date,
  ): PlanProgress[] {
    return entries.map((e) => new PlanProgress(
      plan.id, plan.regionPath, plan.ownerOrgId, e.taskId, month, e.doneQuantity, e.counted, e.note, e.attachmentIds, reportedBy, reportedAt,
    ));
  }
}
