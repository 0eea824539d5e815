import { proxyActivities } from '@temporalio/workflow';
import type { DecisionActivities, DisputeActivities, FindingFeedbackActivities } from './contracts/findings.js';
import { instantOf } from './time.js';

// As for the other workflows (ADR 0007): the database decides, the workflows own the deadlines and
// mirror the committed transitions. The activities run the backend's commands, which are idempotent
// (keyed by inspection, decision, dispute and level), so retrying them is always safe. No attempt
// limit: each step must eventually happen; while one is being retried, transitions keep being
// applied. A step delayed past the next instant simply makes that instant fire at once afterwards.
export const activities = proxyActivities<FindingFeedbackActivities & DecisionActivities & DisputeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** An input instant of one of the three workflows (named in the failure). */
export const instant = (iso: string, what: string, workflow: string): number => instantOf(iso, what, `${workflow} input`, 'InvalidFindingsWorkflowInput');

export const actionOf = (t: unknown): unknown => (t as { action?: unknown } | null)?.action;
export const has = (table: object, key: unknown): boolean => typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);
