
import type { FindingFeedbackWorkflowInput } from './contracts/findings.js';
import { activities, instant } from './findings-common.js';
import { sleepUntil } from './time.js';

// ---------------------------------------------------------------------------------------------
// Feedback on the findings of one inspection (反馈确认)
// ---------------------------------------------------------------------------------------------

/**
 * The confirmation deadline of the findings of one sent inspection: at `confirmationDueAt` the
 * findings still awaiting confirmation are deemed confirmed (one idempotent activity), and the
 * workflow completes with how many were. Answers before the deadline are the database's business:
 * there is nothing to mirror, since the deeming only touches findings still awaiting.
 */
export async function findingFeedbackWorkflow(input: FindingFeedbackWorkflowInput): Promise<{ deemed: number }> {
  const dueAt = instant(input.confirmationDueAt, 'confirmationDueAt', 'finding feedback');
  await sleepUntil(dueAt);
  return activities.deemFindingsConfirmed({ actor: input.actor, inspectionId: input.inspectionId, at: new Date().toISOString() });
}
