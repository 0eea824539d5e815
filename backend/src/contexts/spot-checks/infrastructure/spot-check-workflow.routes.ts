import {
  AGENCY_INSPECTION_WORKFLOW_TYPE,
  agencyInspectionTransitionUpdate,
  agencyInspectionWorkflowId,
  DOCUMENT_REQUEST_WORKFLOW_TYPE,
  documentRequestTransitionUpdate,
  documentRequestWorkflowId,
  SPOT_CHECK_WORKFLOW_TYPE,
  spotCheckTransitionUpdate,
  spotCheckWorkflowId,
  type SpotCheckTransition,
} from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { DOCUMENT_REQUEST_EVENTS } from '../domain/document-request.js';
import { INSPECTION_EVENTS } from '../domain/inspection.js';
import { SPOT_CHECK_EVENTS } from '../domain/spot-check.js';

/**
 * How spot-check events drive the spot-check workflow: the draw starts it (id = the spot-check's
 * business key), every inspection sent becomes a `spotCheckTransition` update (the outbox message
 * id is the update id). An agency's inspection drives its own workflow the same way, and so does
 * each document request of an inspection (its deadline, done when answered).
 */
export const spotCheckWorkflowRoutes: WorkflowRoutes = {
  [SPOT_CHECK_EVENTS.drawn]: startWorkflow(SPOT_CHECK_WORKFLOW_TYPE, spotCheckWorkflowId),
  [INSPECTION_EVENTS.sent]: (event) => {
    const p = event.payload as { origin?: string; spotCheckId: string | null; transition: SpotCheckTransition };
    if (p.origin === 'agency') {
      return { kind: 'update', workflowId: agencyInspectionWorkflowId(event.aggregateId), update: agencyInspectionTransitionUpdate.name, args: [{ action: 'sent', at: p.transition.at }] };
    }
    return { kind: 'update', workflowId: spotCheckWorkflowId(p.spotCheckId!), update: spotCheckTransitionUpdate.name, args: [p.transition] };
  },
  // An agency's inspection: its own workflow (reminder before the planned date, overdue after it).
  [INSPECTION_EVENTS.scheduled]: startWorkflow(AGENCY_INSPECTION_WORKFLOW_TYPE, agencyInspectionWorkflowId),
  // A document request (调取资料): its own clock, done when the institution's answer is relayed.
  [DOCUMENT_REQUEST_EVENTS.requested]: startWorkflow(DOCUMENT_REQUEST_WORKFLOW_TYPE, documentRequestWorkflowId),
  [DOCUMENT_REQUEST_EVENTS.answered]: transitionUpdate(documentRequestWorkflowId, documentRequestTransitionUpdate),
};
