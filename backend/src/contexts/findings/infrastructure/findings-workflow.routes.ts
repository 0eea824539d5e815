import {
  DECISION_WORKFLOW_TYPE,
  FINDING_FEEDBACK_WORKFLOW_TYPE,
  decisionTransitionUpdate,
  decisionWorkflowId,
  findingFeedbackWorkflowId,
  type DecisionTransition,
  type DecisionWorkflowInput,
  type FindingFeedbackWorkflowInput,
} from '@fundsup/workflows/contracts';
import type { WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { DECISION_EVENTS } from '../domain/decision.js';
import { FINDING_EVENTS } from '../domain/finding.js';

/**
 * How findings and decisions drive their workflows: an inspection's findings raised start its
 * feedback workflow (id = the inspection's business key), a decision created starts its decision
 * workflow, and each committed transition of the decision becomes a `decisionTransition` update
 * (the outbox message id is the update id, so a redelivery is applied once).
 */
export const findingWorkflowRoutes: WorkflowRoutes = {
  [FINDING_EVENTS.raised]: (event) => {
    const p = event.payload as { input: FindingFeedbackWorkflowInput };
    return { kind: 'start', workflowType: FINDING_FEEDBACK_WORKFLOW_TYPE, workflowId: findingFeedbackWorkflowId(event.aggregateId), args: [p.input] };
  },
  [DECISION_EVENTS.created]: (event) => {
    const p = event.payload as { input: DecisionWorkflowInput };
    return { kind: 'start', workflowType: DECISION_WORKFLOW_TYPE, workflowId: decisionWorkflowId(event.aggregateId), args: [p.input] };
  },
  [DECISION_EVENTS.transitioned]: (event) => {
    const p = event.payload as { transition: DecisionTransition };
    return { kind: 'update', workflowId: decisionWorkflowId(event.aggregateId), update: decisionTransitionUpdate.name, args: [p.transition] };
  },
};
