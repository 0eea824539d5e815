import {
  MAJOR_CASE_REPORT_WORKFLOW_TYPE, majorCaseReportTransitionUpdate, majorCaseReportWorkflowId, OUTWARD_FOLLOW_UP_WORKFLOW_TYPE, outwardFollowUpTransitionUpdate,
  outwardFollowUpWorkflowId,
} from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { MAJOR_REPORT_EVENTS, OUTWARD_EVENTS } from '../domain/outward.js';

/**
 * A major-case report's opening starts its 7-day clock; the submission ends it (a `majorCaseReportTransition` update).
 * An outward transfer's sending starts its follow-up clock; its first result ends it (`outwardFollowUpTransition`).
 */
export const transferWorkflowRoutes: WorkflowRoutes = {
  [MAJOR_REPORT_EVENTS.opened]: startWorkflow(MAJOR_CASE_REPORT_WORKFLOW_TYPE, majorCaseReportWorkflowId),
  [MAJOR_REPORT_EVENTS.submitted]: transitionUpdate(majorCaseReportWorkflowId, majorCaseReportTransitionUpdate),
  [OUTWARD_EVENTS.sent]: startWorkflow(OUTWARD_FOLLOW_UP_WORKFLOW_TYPE, outwardFollowUpWorkflowId),
  [OUTWARD_EVENTS.resultRecorded]: transitionUpdate(outwardFollowUpWorkflowId, outwardFollowUpTransitionUpdate),
};
