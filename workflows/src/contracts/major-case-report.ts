import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorSnapshot } from './actor.js';
import type { DeadlineClock, DeadlineState, DeadlineTransition } from './deadline-clock.js';

// A major-case report's clock (重大案件报告, issue 18 part 2; seed 003 九(二)): due 7 calendar days after the
// closure or transfer, a reminder on day 5, the overdue flag (told to the province, visible to the national
// bureau) at the first instant after the due day. Opening the report starts it; the bureau's submission ends it.

export const MAJOR_CASE_REPORT_WORKFLOW_TYPE = 'majorCaseReportWorkflow';
export const majorCaseReportWorkflowId = (reportId: string) => `major-case-report-${reportId}`;

export interface MajorCaseReportWorkflowInput {
  reportId: string;
  /** The bureau user whose action opened the report: the clock's steps run as them. */
  actor: ActorSnapshot;
  clock: DeadlineClock;
}

export const majorCaseReportTransitionUpdate = defineUpdate<DeadlineState, [DeadlineTransition]>('majorCaseReportTransition');
export const majorCaseReportStateQuery = defineQuery<DeadlineState>('majorCaseReportState');

export interface MajorCaseReportActivities {
  /** Reminds the bureau (day 5); nothing once submitted or reminded. Idempotent. */
  remindMajorCaseReport(input: { actor: ActorSnapshot; reportId: string; dueDate: string; at: string }): Promise<void>;
  /** Flags the report overdue and tells the province; nothing once submitted or flagged. Idempotent. */
  markMajorCaseReportOverdue(input: { actor: ActorSnapshot; reportId: string; dueDate: string; at: string }): Promise<void>;
}
