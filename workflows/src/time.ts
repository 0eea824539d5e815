import { ApplicationFailure, condition, sleep } from '@temporalio/workflow';

// Time in workflow code, once for every workflow: instants come from the backend as ISO strings
// (computed in China time there); Date.now() is the workflow's deterministic clock.

export const isInstant = (iso: unknown): iso is string => typeof iso === 'string' && Number.isFinite(Date.parse(iso));

/**
 * The instant `iso` as epoch milliseconds, or a non-retryable failure naming the input (`context`:
 * e.g. 'campaign input') and the failure type: a malformed input never becomes a workflow waiting forever.
 */
export function instantOf(iso: unknown, what: string, context: string, failureType: string): number {
  if (!isInstant(iso)) {
    throw ApplicationFailure.nonRetryable(`${context}: ${what} is not an instant: ${JSON.stringify(iso)}`, failureType);
  }
  return Date.parse(iso);
}

/** Waits for `done` until the instant `at` (workflow time); true when done came first (or already held). */
export async function waitUntil(done: () => boolean, at: number): Promise<boolean> {
  const ms = at - Date.now();
  if (ms <= 0) return done();
  return condition(done, ms);
}

/** Sleeps until the instant `at` (workflow time); returns at once when it has passed. */
export async function sleepUntil(at: number): Promise<void> {
  const ms = at - Date.now();
  if (ms > 0) await sleep(ms);
}

/** The workflow's "now" as an ISO string, for activity inputs. */
export const nowIso = (): string => new Date(Date.now()).toISOString();
