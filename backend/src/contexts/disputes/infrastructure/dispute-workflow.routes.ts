import {
  DISPUTE_WORKFLOW_TYPE,
  disputeTransitionUpdate,
  disputeWorkflowId,
  type DisputeTransition,
  type DisputeWorkflowInput,
} from '@fundsup/workflows/contracts';
import type { WorkflowRoute, WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { DISPUTE_EVENTS } from '../domain/dispute.js';

/**
 * How dispute events drive the dispute workflow: filing starts it (id = the dispute's business key,
 * input = the path derived from the region tree and the first level's due instant); each decision,
 * escalation and withdrawal becomes a `disputeTransition` update (the outbox message id is the
 * update id). The overdue flag and the close come from the workflow itself: nothing to send back.
 */
const transition: WorkflowRoute = (event) => {
  const p = event.payload as { transition: DisputeTransition };
  return { kind: 'update', workflowId: disputeWorkflowId(event.aggregateId), update: disputeTransitionUpdate.name, args: [p.transition] };
};

export const disputeWorkflowRoutes: WorkflowRoutes = {
  [DISPUTE_EVENTS.filed]: (event) => {
    const p = event.payload as { input: DisputeWorkflowInput };
    return { kind: 'start', workflowType: DISPUTE_WORKFLOW_TYPE, workflowId: disputeWorkflowId(event.aggregateId), args: [p.input] };
  },
  [DISPUTE_EVENTS.decided]: transition,
  [DISPUTE_EVENTS.escalated]: transition,
  [DISPUTE_EVENTS.withdrawn]: transition,
};
