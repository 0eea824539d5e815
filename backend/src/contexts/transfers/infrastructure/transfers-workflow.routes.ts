import { MAJOR_CASE_REPORT_WORKFLOW_TYPE, majorCaseReportTransitionUpdate, majorCaseReportWorkflowId } from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { MAJOR_REPORT_EVENTS } from '../domain/outward.js';

/** A major-case report's opening starts its 7-day clock; the submission ends it (a `majorCaseReportTransition` update). */
export const transferWorkflowRoutes: WorkflowRoutes = {
  [MAJOR_REPORT_EVENTS.opened]: startWorkflow(MAJOR_CASE_REPORT_WORKFLOW_TYPE, majorCaseReportWorkflowId),
  [MAJOR_REPORT_EVENTS.submitted]: transitionUpdate(majorCaseReportWorkflowId, majorCaseReportTransitionUpdate),
};
