import {
  DISPUTE_WORKFLOW_TYPE,
  disputeTransitionUpdate,
  disputeWorkflowId,
} from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { DISPUTE_EVENTS } from '../domain/dispute.js';

/**
 * How dispute events drive the dispute workflow: filing starts it (id = the dispute's business key,
 * input = the path derived from the region tree and the first level's due instant); each decision,
 * escalation and withdrawal becomes a `disputeTransition` update (the outbox message id is the
 * update id). The overdue flag and the close come from the workflow itself: nothing to send back.
 */
const transition = transitionUpdate(disputeWorkflowId, disputeTransitionUpdate);

export const disputeWorkflowRoutes: WorkflowRoutes = {
  [DISPUTE_EVENTS.filed]: startWorkflow(DISPUTE_WORKFLOW_TYPE, disputeWorkflowId),
  [DISPUTE_EVENTS.decided]: transition,
  [DISPUTE_EVENTS.escalated]: transition,
  [DISPUTE_EVENTS.withdrawn]: transition,
};
