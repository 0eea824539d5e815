import {
  CAMPAIGN_WORKFLOW_TYPE,
  campaignCityWorkflowId,
  campaignSubmissionUpdate,
  campaignTransitionUpdate,
  campaignWorkflowId,
  type CampaignSubmission,
} from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import { CAMPAIGN_EVENTS } from '../domain/campaign.js';
import { SELF_INSPECTION_EVENTS } from '../domain/self-inspection.js';

/**
 * How campaign events drive the workflows: assignment starts the campaign workflow (which starts
 * one child per city), the summary filing and each accepted self-inspection report become updates
 * (the outbox message id is the update id, so a redelivery is applied once).
 */
export const campaignWorkflowRoutes: WorkflowRoutes = {
  [CAMPAIGN_EVENTS.assigned]: startWorkflow(CAMPAIGN_WORKFLOW_TYPE, campaignWorkflowId),
  [CAMPAIGN_EVENTS.summaryFiled]: transitionUpdate(campaignWorkflowId, campaignTransitionUpdate),
  [SELF_INSPECTION_EVENTS.submitted]: (event) => {
    const p = event.payload as { campaignId: string; cityCode: string; submission: CampaignSubmission };
    return { kind: 'update', workflowId: campaignCityWorkflowId(p.campaignId, p.cityCode), update: campaignSubmissionUpdate.name, args: [p.submission] };
  },
};
