/** Polls until `fn` yields something truthy; errors while polling count as "not yet". */
export async function eventually<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let lastError: unknown = null;
  for (;;) {
    const v = await fn().catch((err) => {
      lastError = err;
      return null;
    });
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last error: ${String(lastError)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
