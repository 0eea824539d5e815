import {
  AGENCY_INSPECTION_WORKFLOW_TYPE,
  CAMPAIGN_WORKFLOW_TYPE,
  DECISION_WORKFLOW_TYPE,
  DISPUTE_WORKFLOW_TYPE,
  DOCUMENT_REQUEST_WORKFLOW_TYPE,
  FINDING_FEEDBACK_WORKFLOW_TYPE,
  IC_AUDIT_WORKFLOW_TYPE,
  SPOT_CHECK_WORKFLOW_TYPE,
  agencyInspectionWorkflowId,
  campaignTransitionUpdate,
  campaignWorkflowId,
  decisionTransitionUpdate,
  decisionWorkflowId,
  disputeTransitionUpdate,
  disputeWorkflowId,
  documentRequestTransitionUpdate,
  documentRequestWorkflowId,
  findingFeedbackWorkflowId,
  icAuditTransitionUpdate,
  icAuditWorkflowId,
  spotCheckWorkflowId,
} from '@fundsup/workflows/contracts';
import { CAMPAIGN_EVENTS } from '../../src/contexts/campaigns/domain/campaign.js';
import { campaignWorkflowRoutes } from '../../src/contexts/campaigns/infrastructure/campaign-workflow.routes.js';
import { DISPUTE_EVENTS } from '../../src/contexts/disputes/domain/dispute.js';
import { disputeWorkflowRoutes } from '../../src/contexts/disputes/infrastructure/dispute-workflow.routes.js';
import { DECISION_EVENTS } from '../../src/contexts/findings/domain/decision.js';
import { FINDING_EVENTS } from '../../src/contexts/findings/domain/finding.js';
import { findingWorkflowRoutes } from '../../src/contexts/findings/infrastructure/findings-workflow.routes.js';
import { IC_EVENTS } from '../../src/contexts/internal-control/domain/ic-audit.js';
import { icWorkflowRoutes } from '../../src/contexts/internal-control/infrastructure/ic-workflow.routes.js';
import { DOCUMENT_REQUEST_EVENTS } from '../../src/contexts/spot-checks/domain/document-request.js';
import { INSPECTION_EVENTS } from '../../src/contexts/spot-checks/domain/inspection.js';
import { SPOT_CHECK_EVENTS } from '../../src/contexts/spot-checks/domain/spot-check.js';
import { spotCheckWorkflowRoutes } from '../../src/contexts/spot-checks/infrastructure/spot-check-workflow.routes.js';
import type { WorkflowRoutes } from '../../src/platform/outbox/workflow-action.js';

// The routes built with startWorkflow / transitionUpdate: the aggregate id is the business key, the
// payload's `input` is the start argument and its `transition` the update argument.
const input = { some: 'input' };
const transition = { action: 'x', at: '2026-05-01T00:00:00.000Z' };

function route(routes: WorkflowRoutes, type: string) {
  const fn = routes[type];
  expect(fn).toBeDefined();
  return fn!({ type, aggregateType: 'A', aggregateId: 'agg-1', regionPath: '/32/', ownerOrgId: 'o', payload: { input, transition } }, 'msg-1');
}

describe('workflow routes', () => {
  it.each([
    ['campaign assigned', campaignWorkflowRoutes, CAMPAIGN_EVENTS.assigned, CAMPAIGN_WORKFLOW_TYPE, campaignWorkflowId],
    ['IC follow-up', icWorkflowRoutes, IC_EVENTS.followUpScheduled, IC_AUDIT_WORKFLOW_TYPE, icAuditWorkflowId],
    ['findings raised', findingWorkflowRoutes, FINDING_EVENTS.raised, FINDING_FEEDBACK_WORKFLOW_TYPE, findingFeedbackWorkflowId],
    ['decision created', findingWorkflowRoutes, DECISION_EVENTS.created, DECISION_WORKFLOW_TYPE, decisionWorkflowId],
    ['spot check drawn', spotCheckWorkflowRoutes, SPOT_CHECK_EVENTS.drawn, SPOT_CHECK_WORKFLOW_TYPE, spotCheckWorkflowId],
    ['agency inspection', spotCheckWorkflowRoutes, INSPECTION_EVENTS.scheduled, AGENCY_INSPECTION_WORKFLOW_TYPE, agencyInspectionWorkflowId],
    ['document request', spotCheckWorkflowRoutes, DOCUMENT_REQUEST_EVENTS.requested, DOCUMENT_REQUEST_WORKFLOW_TYPE, documentRequestWorkflowId],
    ['dispute filed', disputeWorkflowRoutes, DISPUTE_EVENTS.filed, DISPUTE_WORKFLOW_TYPE, disputeWorkflowId],
  ] as const)('%s starts its workflow with the payload input', (_name, routes, type, workflowType, idOf) => {
    expect(route(routes, type)).toEqual({ kind: 'start', workflowType, workflowId: idOf('agg-1'), args: [input] });
  });

  it.each([
    ['campaign summary', campaignWorkflowRoutes, CAMPAIGN_EVENTS.summaryFiled, campaignWorkflowId, campaignTransitionUpdate.name],
    ['IC transition', icWorkflowRoutes, IC_EVENTS.transition, icAuditWorkflowId, icAuditTransitionUpdate.name],
    ['decision transition', findingWorkflowRoutes, DECISION_EVENTS.transitioned, decisionWorkflowId, decisionTransitionUpdate.name],
    ['document answered', spotCheckWorkflowRoutes, DOCUMENT_REQUEST_EVENTS.answered, documentRequestWorkflowId, documentRequestTransitionUpdate.name],
    ['dispute decided', disputeWorkflowRoutes, DISPUTE_EVENTS.decided, disputeWorkflowId, disputeTransitionUpdate.name],
    ['dispute escalated', disputeWorkflowRoutes, DISPUTE_EVENTS.escalated, disputeWorkflowId, disputeTransitionUpdate.name],
    ['dispute withdrawn', disputeWorkflowRoutes, DISPUTE_EVENTS.withdrawn, disputeWorkflowId, disputeTransitionUpdate.name],
  ] as const)('%s becomes an update of its workflow carrying the transition', (_name, routes, type, idOf, update) => {
    expect(typeof update).toBe('string');
    expect(route(routes, type)).toEqual({ kind: 'update', workflowId: idOf('agg-1'), update, args: [transition] });
  });
});
