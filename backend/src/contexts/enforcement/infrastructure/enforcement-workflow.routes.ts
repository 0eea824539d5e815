import { ENFORCEMENT_CASE_WORKFLOW_TYPE, enforcementCaseTransitionUpdate, enforcementCaseWorkflowId } from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { CASE_EVENTS } from '../domain/enforcement-case.js';

/**
 * How case events drive the closure clock's workflow: filing starts it (id = the case's business key,
 * input = its clock); an approved extension sends the new clock, the decision ends it (each a
 * `enforcementCaseTransition` update; the outbox message id is the update id).
 */
export const enforcementWorkflowRoutes: WorkflowRoutes = {
  [CASE_EVENTS.filed]: startWorkflow(ENFORCEMENT_CASE_WORKFLOW_TYPE, enforcementCaseWorkflowId),
  [CASE_EVENTS.extended]: transitionUpdate(enforcementCaseWorkflowId, enforcementCaseTransitionUpdate),
  [CASE_EVENTS.decided]: transitionUpdate(enforcementCaseWorkflowId, enforcementCaseTransitionUpdate),
};
