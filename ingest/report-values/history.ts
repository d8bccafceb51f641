/**
 * The revision history the ingest keeps in the center's database (ARCHITECTURE.md "Revisions and
 * compliance"), behind an interface of its own so the ingest depends on no database module: bin/system.ts
 * passes center/value-history.ts. Writes never slow the live path: the ingest publishes to the store first,
 * then hands the changes to this bounded queue, which writes them in batches, one batch at a time, in
 * order. A center database that is down is counted and logged, and retried with backoff; past
 * `maxEntries` the oldest waiting entries are dropped (counted), never the publishing.
 */
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { backoffMs } from '../../contract/backoff.ts';
import type { ValueStatus } from '../../contract/messages.ts';

export interface ValueHistoryEntry {
  indicator: string;
  area: string;
  period: string;
  value: number | null;
  plan: number | null;
  status: ValueStatus;
  reporter: string | null;
  /** As the reporting database wrote it (ISO-8601, microseconds). */
  updatedAt: string;
  /** When the ingest saw the change (ISO-8601). */
  seenAt: string;
  /** The reporting system's own submission time, where its view has the optional column `submitted_at`. */
  submittedAt: string | null;
}

/** What a replay needs of an entry (the figure as it was), without the times of sighting. */
export type ReplayedEntry = Omit<ValueHistoryEntry, 'seenAt' | 'submittedAt'>;

/** What the ingest needs of the history's store (center/value-history.ts implements it). */
export interface ValueHistoryWriter {
  /** Appends to value_history; records first sightings per status in value_submissions (first one wins). */
  append(entries: readonly ValueHistoryEntry[]): Promise<void>;
  /** Every entry of periods from minPeriod on, by key and then in the order seen: seeds a new activation. */
  replay(minPeriod: string): Promise<ReplayedEntry[]>;
  /** Deletes what is older than the configured history; returns how many rows went. */
  prune(minPeriod: string): Promise<number>;
}

export interface HistoryQueueOptions {
  writer: ValueHistoryWriter;
  log: Logger;
  registry?: Registry;
  /** Entries waiting at most; the oldest go beyond it. */
  maxEntries?: number;
  batchSize?: number;
  /** How long a push waits for more before writing (batches the entries of one burst). */
  flushDelayMs?: number;
}

export interface HistoryQueue {
  push(entries: readonly ValueHistoryEntry[]): void;
  /** Resolves once everything queued so far is written, or when `timeoutMs` has passed (false then). */
  flush(timeoutMs?: number): Promise<boolean>;
  /** `held`: entries the queue still references, spent ones included: ≤ queued + max(SPENT_HELD_MAX_ENTRIES, queued). */
  stats(): { queued: number; held: number; written: number; failures: number; dropped: number };
  close(): void;
}

/**
 * Spent entries (written or dropped) the queue's array may still hold, unless more are waiting: then at
 * most as many as wait, since compacting copies the waiting ones and is done once the spent part is as
 * long, which keeps the cost per entry constant. Drained, the array is let go at once. The old rule
 * kept up to 10,000 written entries (≈ 3 MB), released only on a write — at the demo's pace it filled
 * for an hour, a sawtooth the server soak measured as heap growth, and while the center database was
 * down the dropped entries were never released at all.
 */
export const SPENT_HELD_MAX_ENTRIES = 1_000;

function metric<T>(registry: Registry | undefined, name: string, make: (registers: Registry[]) => T): T {
  const existing = registry?.getSingleMetric(name) as T | undefined;
  return existing ?? make(registry ? [registry] : []);
}

export function createHistoryQueue(opts: HistoryQueueOptions): HistoryQueue {
  const { writer, log, registry } = opts;
  const maxEntries = opts.maxEntries ?? 500_000;
  const batchSize = opts.batchSize ?? 2000;
  const flushDelayMs = opts.flushDelayMs ?? 20;
  const written = metric(
    registry,
    'ioc_value_history_written_total',
    (registers) =>
      new Counter({
        name: 'ioc_value_history_written_total',
        help: 'Value history entries written to the center database',
        registers,
      }),
  );
  const failures = metric(
    registry,
    'ioc_value_history_write_failures_total',
    (registers) =>
      new Counter({
        name: 'ioc_value_history_write_failures_total',
        help: 'Failed value history batch writes (retried)',
        registers,
      }),
  );
  const dropped = metric(
    registry,
    'ioc_value_history_dropped_total',
    (registers) =>
      new Counter({
        name: 'ioc_value_history_dropped_total',
        help: 'Value history entries dropped: queue full while the center database was down',
        registers,
      }),
  );
  const queuedGauge = metric(
    registry,
    'ioc_value_history_queued',
    (registers) =>
      new Gauge({ name: 'ioc_value_history_queued', help: 'Value history entries waiting to be written', registers }),
  );

  let items: ValueHistoryEntry[] = [];
  let head = 0;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let closed = false;
  let attempt = 0;
  const counts = { written: 0, failures: 0, dropped: 0 };
  let waiters: (() => void)[] = [];

  const queued = () => items.length - head;
  /** Lets go of the entries before `head` (written or dropped) within SPENT_HELD_MAX_ENTRIES. */
  const release = () => {
    if (head === items.length) {
      items = [];
      head = 0;
    } else if (head >= SPENT_HELD_MAX_ENTRIES && head * 2 >= items.length) {
      items = items.slice(head);
      head = 0;
    }
  };

  function schedule(delayMs: number): void {
    if (closed || timer || running) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, delayMs);
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (queued() > 0 && !closed) {
        const batch = items.slice(head, head + batchSize);
        try {
          await writer.append(batch);
        } catch (err) {
          attempt++;
          counts.failures++;
          failures.inc();
          // The first failure and then every tenth: a database down for an hour is not 3,600 log lines.
          if (attempt === 1 || attempt % 10 === 0)
            log.warn({ err, attempt, queued: queued() }, 'value history: center database write failed; will retry');
          running = false;
          schedule(backoffMs(attempt, { baseMs: 500, maxMs: 30_000 }));
          return;
        }
        if (attempt > 0) log.info({ attempts: attempt }, 'value history: center database writes resumed');
        attempt = 0;
        head += batch.length;
        counts.written += batch.length;
        written.inc(batch.length);
        release();
        queuedGauge.set(queued());
      }
    } finally {
      running = false;
    }
    if (queued() === 0) {
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    }
  }

  return {
    push(entries) {
      if (closed || entries.length === 0) return;
      for (const e of entries) items.push(e);
      const over = queued() - maxEntries;
      if (over > 0) {
        head += over;
        release();
        counts.dropped += over;
        dropped.inc(over);
        log.warn({ dropped: over, maxEntries }, 'value history: queue full, oldest entries dropped');
      }
      queuedGauge.set(queued());
      schedule(flushDelayMs);
    },
    async flush(timeoutMs = 5000) {
      if (queued() === 0 && !running) return true;
      let timeout: NodeJS.Timeout | undefined;
      const done = new Promise<boolean>((resolve) => {
        waiters.push(() => resolve(true));
        timeout = setTimeout(() => resolve(false), timeoutMs);
      });
      if (!running && !timer) void drain();
      const ok = await done;
      clearTimeout(timeout);
      return ok;
    },
    stats: () => ({ queued: queued(), held: items.length, ...counts }),
    close() {
      closed = true;
      clearTimeout(timer);
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    },
  };
}
