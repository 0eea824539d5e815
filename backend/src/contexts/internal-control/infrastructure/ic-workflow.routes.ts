import {
  IC_AUDIT_WORKFLOW_TYPE,
  IC_PLAN_WORKFLOW_TYPE,
  icAuditTransitionUpdate,
  icAuditWorkflowId,
  icPlanWorkflowId,
  type IcAuditWorkflowInput,
  type IcPlanWorkflowInput,
} from '@fundsup/workflows/contracts';
import { startWorkflow, transitionUpdate, type WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import type { ActorData } from '../../../kernel/actor.js';
import { IC_EVENTS } from '../domain/ic-audit.js';
import { IC_PLAN_EVENTS } from '../domain/ic-plan.js';

/**
 * How internal-control events drive the workflows: publishing starts the plan workflow (which
 * starts one child per audit), a follow-up audit starts its own audit workflow, and committed
 * transitions become updates of the audit workflow (the outbox message id is the update id).
 */
export const icWorkflowRoutes: WorkflowRoutes = {
  [IC_PLAN_EVENTS.published]: (event) => {
    const p = event.payload as { actor: ActorData; audits: IcAuditWorkflowInput[] };
    const input: IcPlanWorkflowInput = { planId: event.aggregateId, actor: p.actor, audits: p.audits };
    return { kind: 'start', workflowType: IC_PLAN_WORKFLOW_TYPE, workflowId: icPlanWorkflowId(event.aggregateId), args: [input] };
  },
  [IC_EVENTS.followUpScheduled]: startWorkflow(IC_AUDIT_WORKFLOW_TYPE, icAuditWorkflowId),
  [IC_EVENTS.transition]: transitionUpdate(icAuditWorkflowId, icAuditTransitionUpdate),
};
