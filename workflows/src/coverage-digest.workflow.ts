import { ApplicationFailure, continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { CoverageDigestActivities, CoverageDigestCycleInput } from './contracts/inspection.js';
import { instantOf, nowIso, sleepUntil } from './time.js';

const activities = proxyActivities<CoverageDigestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * The monthly coverage digest of one province (seed 002 一(四); docs/api/agency-inspections.md): asks the
 * backend when the month's digest is due (the 1st, China time), sleeps until then, has it sent (an
 * idempotent command: one notification per agency and month), and continues as new for the next month,
 * so its history stays one month long.
 */
export async function coverageDigestCycleWorkflow(input: CoverageDigestCycleInput): Promise<never> {
  if (!input || typeof input.provinceCode !== 'string' || !/^\d{2}$/.test(input.provinceCode)) {
    throw ApplicationFailure.nonRetryable(`coverage digest input: invalid provinceCode ${JSON.stringify(input?.provinceCode)}`, 'InvalidCoverageDigestInput');
  }
  const { provinceCode } = input;
  const schedule = await activities.coverageDigestSchedule({ provinceCode, ...(input.month ? { month: input.month } : {}), at: nowIso() });
  await sleepUntil(instantOf(schedule.sendAt, 'sendAt', 'coverage digest schedule', 'InvalidCoverageDigestSchedule'));
  await activities.sendCoverageDigests({ provinceCode, month: schedule.month, at: nowIso() });
  return continueAsNew<typeof coverageDigestCycleWorkflow>({ provinceCode, month: schedule.nextMonth });
}
