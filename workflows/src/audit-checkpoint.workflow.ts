import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { AuditCheckpointActivities } from './contracts/audit.js';
import { instantOf, nowIso, sleepUntil } from './time.js';

const activities = proxyActivities<AuditCheckpointActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * The audit trail's outside anchor (issue 15 §7): asks the backend when the next checkpoint is due
 * (daily), sleeps until then, has the chain's head signed and written to the store, and continues as
 * new, so its history stays one day long. One for the whole suite (id audit-checkpoint-cycle).
 */
export async function auditCheckpointCycleWorkflow(): Promise<never> {
  const schedule = await activities.auditCheckpointSchedule({ at: nowIso() });
  await sleepUntil(instantOf(schedule.publishAt, 'publishAt', 'audit checkpoint schedule', 'InvalidAuditCheckpointSchedule'));
  await activities.publishAuditCheckpoint({ at: nowIso() });
  return continueAsNew<typeof auditCheckpointCycleWorkflow>();
}
