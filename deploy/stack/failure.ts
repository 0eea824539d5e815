import { StackError } from './errors.ts';

const HINTS: Record<string, string> = {
  EACCES: 'permission denied: run ./suite as a user who can read and run everything in the checkout (as root, PostgreSQL runs as the postgres user: see README "Requirements")',
  EPERM: 'operation not permitted: run ./suite as the owner of the checkout, or as root',
  ENOSPC: 'the disk is full: free some space (the stacks live under .data/ and .cache/)',
  EADDRINUSE: 'a port is taken: stop the other process, or set PG_PORT, TEMPORAL_PORT, KEYCLOAK_PORT',
  ENOENT: 'a file or program is missing: run ./suite up again (it installs what is missing), or see README "Requirements"',
};

/**
 * What the launcher prints when it fails. A StackError is the launcher's own message (it says what to
 * do). Anything else — a bug or an unexpected state of the machine — becomes one line with the error
 * and what to do, the stack trace only with FUNDSUP_DEBUG=1.
 */
export function failureLine(err: unknown, debug = process.env.FUNDSUP_DEBUG === '1'): string {
  if (err instanceof StackError) return `suite: ${err.message}`;
  const e = err instanceof Error ? (err as NodeJS.ErrnoException) : null;
  const message = (e ? e.message : String(err)).split('\n')[0].trim();
  const hint = (e?.code && HINTS[e.code]) ?? 'an unexpected launcher error: run again with FUNDSUP_DEBUG=1 for the stack trace, and the logs are under .data/<profile>/logs';
  const line = `suite: ${message} — ${hint}`;
  return debug && e?.stack ? `${line}\n${e.stack}` : line;
}
