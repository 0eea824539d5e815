import type { DomainEvent } from '../../kernel/aggregate.js';

/**
 * What an event asks of Temporal. The workflow id is always the business key, so a relay that
 * delivers the same message twice starts nothing new: a start finds the running workflow, a signal
 * carries the message id for the workflow to ignore, an update uses it as the update id.
 */
export type WorkflowAction =
  | { kind: 'start'; workflowType: string; workflowId: string; args: unknown[] }
  | { kind: 'signal'; workflowId: string; signal: string; args: unknown[] }
  | { kind: 'update'; workflowId: string; update: string; args: unknown[] };

/** Maps an event to its workflow action; the message id is the idempotency key. */
export type WorkflowRoute = (event: DomainEvent, messageId: string) => WorkflowAction | null;

export const WORKFLOW_ROUTES = Symbol('WORKFLOW_ROUTES');
export type WorkflowRoutes = Record<string, WorkflowRoute>;

/**
 * The usual start: the event's aggregate id is the workflow's business key and the payload carries
 * the workflow's input as `input`.
 */
export function startWorkflow(workflowType: string, workflowId: (aggregateId: string) => string): WorkflowRoute {
  return (event) => {
    const p = event.payload as { input: unknown };
    return { kind: 'start', workflowType, workflowId: workflowId(event.aggregateId), args: [p.input] };
  };
}

/**
 * The usual update: the payload's committed `transition` becomes an update of the aggregate's
 * workflow (the relay uses the outbox message id as the update id, so a redelivery is applied once).
 */
export function transitionUpdate(workflowId: (aggregateId: string) => string, update: { name: string }): WorkflowRoute {
  return (event) => {
    const p = event.payload as { transition: unknown };
    return { kind: 'update', workflowId: workflowId(event.aggregateId), update: update.name, args: [p.transition] };
  };
}
