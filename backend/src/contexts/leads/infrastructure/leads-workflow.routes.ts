import { LEAD_WORKFLOW_TYPE, leadTransitionUpdate, leadWorkflowId } from '@fundsup/workflows/contracts';
import { startWorkflow, type WorkflowRoute, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { LEAD_EVENTS } from '../domain/lead.js';

/**
 * How lead events drive the lead workflow: registration starts it (id = the lead's business key,
 * input = its clock); every event whose payload carries a `transition` (the clock as it now stands, or
 * the end) becomes a `leadTransition` update (the outbox message id is the update id). Events without
 * one (a report, a refused extension) leave the clock as it is: nothing is sent.
 */
const transition: WorkflowRoute = (event) => {
  const p = event.payload as { transition?: unknown };
  return p.transition ? { kind: 'update', workflowId: leadWorkflowId(event.aggregateId), update: leadTransitionUpdate.name, args: [p.transition] } : null;
};

export const leadWorkflowRoutes: WorkflowRoutes = {
  [LEAD_EVENTS.registered]: startWorkflow(LEAD_WORKFLOW_TYPE, leadWorkflowId),
  [LEAD_EVENTS.assessed]: transition,
  [LEAD_EVENTS.dismissalDecided]: transition,
  [LEAD_EVENTS.assigned]: transition,
  [LEAD_EVENTS.closed]: transition,
  [LEAD_EVENTS.accepted]: transition,
  [LEAD_EVENTS.returned]: transition,
  [LEAD_EVENTS.extensionDecided]: transition,
};
