import {
  DECISION_WORKFLOW_TYPE,
  FINDING_FEEDBACK_WORKFLOW_TYPE,
  decisionTransitionUpdate,
  decisionWorkflowId,
  findingFeedbackWorkflowId,
} from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { DECISION_EVENTS } from '../domain/decision.js';
import { FINDING_EVENTS } from '../domain/finding.js';

/**
 * How findings and decisions drive their workflows: an inspection's findings raised start its
 * feedback workflow (id = the inspection's business key), a decision created starts its decision
 * workflow, and each committed transition of the decision becomes a `decisionTransition` update
 * (the outbox message id is the update id, so a redelivery is applied once).
 */
export const findingWorkflowRoutes: WorkflowRoutes = {
  [FINDING_EVENTS.raised]: startWorkflow(FINDING_FEEDBACK_WORKFLOW_TYPE, findingFeedbackWorkflowId),
  [DECISION_EVENTS.created]: startWorkflow(DECISION_WORKFLOW_TYPE, decisionWorkflowId),
  [DECISION_EVENTS.transitioned]: transitionUpdate(decisionWorkflowId, decisionTransitionUpdate),
};
