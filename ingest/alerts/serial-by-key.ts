/**
 * Jobs run one at a time per key, in the order they were queued (the copies of one alert must not race);
 * different keys run side by side. `drained()` waits for every queued job (shutdown).
 */
export interface SerialByKey {
  run<T>(key: string, job: () => Promise<T>): Promise<T>;
  drained(): Promise<void>;
}

export function createSerialByKey(): SerialByKey {
  const chains = new Map<string, Promise<unknown>>();
  return {
    run(key, job) {
      const prev = chains.get(key) ?? Promise.resolve();
      const run = prev.then(job, job);
      const tail = run.catch(() => {});
      chains.set(key, tail);
      void tail.then(() => {
        if (chains.get(key) === tail) chains.delete(key);
      });
      return run;
    },
    async drained() {
      await Promise.all([...chains.values()]);
    },
  };
}
