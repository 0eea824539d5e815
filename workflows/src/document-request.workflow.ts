import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  documentRequestStateQuery,
  documentRequestTransitionUpdate,
  type DocumentRequestActivities,
  type DocumentRequestWorkflowInput,
  type DocumentRequestWorkflowState,
} from './contracts/inspection.js';

// As for the other workflows: the activity runs the backend's idempotent command, retried with no
// attempt limit.
const activities = proxyActivities<DocumentRequestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One document request of an inspection (调取资料, docs/api/agency-inspections.md): at the first
 * instant after its due day, if the institution has not answered, flags it overdue (once, the
 * backend's command tells the agency); completes when the backend relays the answer. History is
 * bounded: one timer, one activity, one update.
 */
export async function documentRequestWorkflow(input: DocumentRequestWorkflowInput): Promise<DocumentRequestWorkflowState> {
  const state: DocumentRequestWorkflowState = { answered: false, overdue: false };
  const snapshot = (): DocumentRequestWorkflowState => ({ ...state });
  setHandler(documentRequestTransitionUpdate, () => {
    state.answered = true;
    return snapshot();
  }, {
    validator: (t) => {
      const action = (t as { action?: unknown } | null)?.action;
      if (action !== 'answered') throw new Error(`document request transition refused: unknown action '${String(action)}'`);
    },
  });
  setHandler(documentRequestStateQuery, snapshot);

  const dueAt = typeof input.dueAt === 'string' ? Date.parse(input.dueAt) : NaN;
  if (!Number.isFinite(dueAt)) {
    throw ApplicationFailure.nonRetryable(`document request input: dueAt is not an instant: ${JSON.stringify(input.dueAt)}`, 'InvalidDocumentRequestInput');
  }
  const answered = () => state.answered;
  const ms = dueAt - Date.now();
  const done = ms <= 0 ? answered() : await condition(answered, ms);
  if (!done) {
    await activities.markDocumentRequestOverdue({ actor: input.actor, requestId: input.requestId });
    state.overdue = true;
    await condition(answered);
  }
  return snapshot();
}
