/**
 * Jobs that run again `ms` after each run has finished (a slow Frigate API never gets two calls at once).
 * Each job holds exactly one timer handle, replaced at every run: the Frigate source used to push every
 * handle into one array, emptied only on stop, so a long-running ingest kept one Timeout per poll
 * forever (≈ 1,000 an hour at the demo's intervals, found by the server soak's heap diff).
 */
export interface Repeater {
  /** Runs `job` after `firstMs`, then `ms` after each run settles; `onError` gets what it throws. */
  every(ms: number, job: () => Promise<void>, onError: (err: unknown) => void, firstMs?: number): void;
  /** Timer handles held (one per job while running; 0 after stop). */
  pending(): number;
  stop(): void;
}

export function createRepeater(): Repeater {
  /** The one pending timer of each job: at most one entry per `every` call. */
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  return {
    every(ms, job, onError, firstMs = 50) {
      let timer: NodeJS.Timeout | undefined;
      const arm = (delay: number) => {
        if (stopped) return;
        timer = setTimeout(run, delay);
        timers.add(timer);
      };
      const run = () => {
        timers.delete(timer!);
        if (stopped) return;
        job()
          .catch(onError)
          .finally(() => arm(ms));
      };
      arm(firstMs);
    },
    pending: () => timers.size,
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
