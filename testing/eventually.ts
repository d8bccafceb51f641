/**
 * The one polling helper of the test suites: waits until a probe returns something truthy (and returns
 * it), or fails naming what it waited for. Probes may be async. Tests assert on what a user would see;
 * this only bounds how long they wait for it, so a hang fails instead of stalling the run.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<NonNullable<T>> {
  // Monotonic: a step of the wall clock (NTP) must not end a wait early (a full run saw one time out
  // after 6,000 ms by Date.now in under 3 s of the test's own duration).
  const started = performance.now();
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (performance.now() - started > timeoutMs) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
