/**
 * Does the store still hold the state this node has been serving? The store's generation (store.ts
 * StateInfo) is a random id set once when the state is initialised and gone with it: a FLUSHDB, or Redis
 * restarted empty, leaves no generation (or, once someone initialised it again, another one). This node
 * checks it every `intervalMs`; on a change it reads every cached group again and resyncs their sockets
 * (GroupCache.storeReset), so clients never take the restarted versions as a continuation of the old ones.
 *
 * readiness() answers for /readyz at request time: not ready while the state is missing or changed, and —
 * on a node of a system with an ingest (`waitForLoad`) — until the ingest has published its whole window
 * into the current generation (StateInfo.loaded), i.e. while the state is being rebuilt.
 */
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Store } from '../store/store.ts';
import type { GroupCache } from './group-cache.ts';

export interface StateWatchOptions {
  store: Store;
  cache: Pick<GroupCache, 'storeReset'>;
  log: Logger;
  /** How often the generation is read (default 1000 ms: a lost state is noticed within about a second). */
  intervalMs?: number;
  /** Ready only once the ingest has published into the current generation. */
  waitForLoad?: boolean;
  registry?: Registry;
}

export interface StateWatch {
  start(): Promise<void>;
  stop(): void;
  /** Why this node is not ready as far as the state goes, or null. */
  readiness(): Promise<string | null>;
}

export function createStateWatch(opts: StateWatchOptions): StateWatch {
  const { store, cache, log } = opts;
  let known: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | null = null;
  let stopped = false;
  const resets = opts.registry
    ? new Counter({
        name: 'ioc_store_resets_total',
        help: 'Times the store was found to have lost its state',
        registers: [opts.registry],
      })
    : null;

  async function check(): Promise<void> {
    const { generation } = await store.stateInfo();
    if (generation !== null && generation === known) return;
    const was = known;
    // Missing: initialise it (SET NX; the ingest may be doing the same), so the next loss is seen too.
    known = generation ?? (await store.ensureGeneration());
    if (was === null) return; // the first reading
    log.warn({ was, now: known }, 'the store lost its state (generation changed): groups read again, clients resync');
    resets?.inc();
    cache.storeReset();
  }
  /** One check at a time, whoever asks (the timer, /readyz). */
  const checkOnce = () =>
    (checking ??= check()
      .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'store generation check failed'))
      .finally(() => (checking = null)));

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void checkOnce().finally(schedule), opts.intervalMs ?? 1000);
    timer.unref();
  };

  return {
    async start() {
      known = await store.ensureGeneration();
      schedule();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    async readiness() {
      const info = await store.stateInfo();
      if (info.generation === null) return 'the store holds no state (emptied or restarted empty): rebuilding';
      if (info.generation !== known) {
        void checkOnce();
        return 'the store was reset: groups are being read again';
      }
      if (opts.waitForLoad && info.loaded !== info.generation)
        return 'the state is being rebuilt: the ingest has not yet published its whole window';
      return null;
    },
  };
}
