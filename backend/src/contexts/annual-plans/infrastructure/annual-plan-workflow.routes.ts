import {
  ANNUAL_PLAN_WORKFLOW_TYPE,
  annualPlanWorkflowId,
  planTransitionUpdate,
  type AnnualPlanWorkflowInput,
  type PlanStatus,
  type PlanTransition,
} from '@fundsup/workflows/contracts';
import type { WorkflowRoute, WorkflowRoutes } from '../../../platform/outbox/workflow-action.js';
import type { ActorData } from '../../../kernel/actor.js';
import { PLAN_EVENTS, TRANSITION_EVENTS } from '../domain/annual-plan.js';

/** A committed transition becomes an update of the plan workflow; the relay uses the outbox id as its update id. */
const transitionUpdate: WorkflowRoute = (event) => {
  const p = event.payload as { unitOrgId: string; year: number; transition: PlanTransition };
  return { kind: 'update', workflowId: annualPlanWorkflowId(p.unitOrgId, p.year), update: planTransitionUpdate.name, args: [p.transition] };
};

/** How plan events drive the plan workflow, keyed by (unit, year). */
export const annualPlanWorkflowRoutes: WorkflowRoutes = {
  [PLAN_EVENTS.opened]: (event) => {
    const p = event.payload as { opener: ActorData; unitOrgId: string; year: number; status: PlanStatus; deadline: AnnualPlanWorkflowInput['deadline'] };
    const input: AnnualPlanWorkflowInput = {
      planId: event.aggregateId,
      unitOrgId: p.unitOrgId,
      year: p.year,
      actor: p.opener,
      deadline: p.deadline,
      status: p.status,
    };
    return { kind: 'start', workflowType: ANNUAL_PLAN_WORKFLOW_TYPE, workflowId: annualPlanWorkflowId(p.unitOrgId, p.year), args: [input] };
  },
  ...Object.fromEntries(Object.values(TRANSITION_EVENTS).map((type) => [type, transitionUpdate])),
};
