/**
 * The alert engine: every feed item goes through here on its way to the alert store. It wires the parts:
 *  - the camera registry (camera-registry.ts) resolves the camera a feed names;
 *  - device clocks (device-clock.ts) place the alert on our clock; draft-to-alert.ts builds the record;
 *  - upserts are idempotent by (source, dedupe key) with the lifecycle of merge.ts, as a compare-and-set
 *    retried on conflict, one item per alert at a time (serial-by-key.ts: order of arrival kept);
 *  - times that cannot make a live event (an end before the start, a start in the future or, for a new
 *    alert, more than a day ago) are refused (sanity.ts);
 *  - the items of one batch enter their alerts' queues in batch order, all at once, so the copies of
 *    one alert (new → update → end) are applied in the order the source sent them, whatever other
 *    batch arrives meanwhile: the later `ended` copy wins, never an earlier version;
 *  - one open alert per level key (Hikvision/ONVIF/Dahua); the sweep closes alerts by idle timeout;
 *  - health samples and silence go through the camera-health state machine (health-tracker.ts);
 *  - every rejection is recorded (store dead-letter list + counters); input never makes it throw.
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Alert } from '../../contract/alerts.ts';
import type { CameraConfig, Config, FeedsConfig } from '../../contract/config.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import type { Store } from '../../store/store.ts';
import type { SnapshotCache } from '../../store/snapshot-cache.ts';
import { createCameraRegistry } from './camera-registry.ts';
import { createDeviceClocks } from './device-clock.ts';
import { alertFromDraft, placeAlert } from './draft-to-alert.ts';
import { createFeedMetrics } from './feed-metrics.ts';
import { createHealthTracker } from './health-tracker.ts';
import type { AlertDraft, AlertPatch, FeedItem } from './model.ts';
import { endAlert, mergeAlert } from './merge.ts';
import { DEFAULT_MAX_START_AGE_MS, type LiveWindow, checkDraftTimes, checkLiveTimes } from './sanity.ts';
import { createSerialByKey } from './serial-by-key.ts';
import { FeedReject, SEVERITY_ORDER, alertId } from './validate.ts';

export type Outcome = 'raised' | 'updated' | 'touched' | 'duplicate' | 'patched' | 'health' | 'ignored' | 'rejected';

export interface AlertEngineOptions {
  alertStore: AlertStore;
  /** For recordRejected (the dead-letter list staff see at GET /api/rejected). */
  store: Store;
  config: Config;
  log: Logger;
  registry?: Registry;
  snapshots?: SnapshotCache;
  now?: () => number;
  /** Sweep period for idle timeouts and missed heartbeats. */
  sweepIntervalMs?: number;
  /** A new alert that started longer ago than this is not a live event (default 24 h, sanity.ts). */
  maxStartAgeMs?: number;
}

export const EMPTY_FEEDS: FeedsConfig = {
  frigate: [],
  hikvision: [],
  onvif: [],
  webhook: [],
  clockSkewToleranceMs: 120_000,
  idleTimeoutMs: 10_000,
  offlineAfterMissed: 2,
};

export interface AlertEngine {
  /** Handles one parsed item (or several) of feed `feedId`. Never throws. */
  handle(
    feedId: string,
    item: FeedItem | FeedItem[],
    receivedAtMs?: number,
    extra?: { jpeg?: Buffer; onReject?: (reason: string) => void },
  ): Promise<Outcome[]>;
  /** Runs `parse` and handles its result; a FeedReject (or any error) is recorded as a rejection. */
  ingest(
    feedId: string,
    parse: () => FeedItem | FeedItem[],
    opts?: { key?: string; jpeg?: Buffer; receivedAtMs?: number; onReject?: (reason: string) => void },
  ): Promise<Outcome[]>;
  /** Records a rejection that happened before parsing (size, auth is not recorded). */
  recordReject(feedId: string, reason: string, detail: string, key?: string): Promise<void>;
  /** Marks a source's cameras as heard (expected health interval for missed-heartbeat checks). */
  expectHeartbeat(feedId: string, cameraRefs: string[], intervalMs: number): void;
  sweep(): Promise<void>;
  cameras(): CameraConfig[];
  start(): void;
  stop(): Promise<void>;
}

export function createAlertEngine(opts: AlertEngineOptions): AlertEngine {
  const { alertStore, store, config, log } = opts;
  const now = opts.now ?? Date.now;
  const feeds = config.sources.feeds ?? EMPTY_FEEDS;
  const registry = createCameraRegistry(config.cameras ?? [], feeds);
  const clocks = createDeviceClocks(feeds.clockSkewToleranceMs);
  const m = createFeedMetrics(opts.registry);
  const health = createHealthTracker(alertStore, registry, feeds.offlineAfterMissed);
  const live: LiveWindow = {
    maxStartAgeMs: opts.maxStartAgeMs ?? DEFAULT_MAX_START_AGE_MS,
    toleranceMs: feeds.clockSkewToleranceMs,
  };

  const openByLevel = new Map<string, string>();
  /** One item at a time per alert, in arrival order. */
  const serial = createSerialByKey();
  let timer: NodeJS.Timeout | undefined;
  let sweeping = false;

  const iso = (ms: number) => new Date(ms).toISOString();

  async function recordReject(feedId: string, reason: string, detail: string, key = ''): Promise<void> {
    m?.rejected.inc({ source: feedId, reason });
    log.warn({ source: feedId, reason, key }, `feed input rejected: ${detail}`);
    try {
      await store.recordRejected({
        source: feedId,
        reason,
        key: key.slice(0, 200),
        detail: detail.slice(0, 500),
        at: iso(now()),
      });
    } catch (err) {
      log.error({ err }, 'could not record a rejected feed input');
    }
  }

  /** Compare-and-set loop: read, merge, write; another writer in between → read again. */
  async function upsert(
    id: string,
    build: (prev: Alert | null) => { next: Alert; publish: 'alert:raised' | 'alert:updated' | null } | null,
  ): Promise<Outcome> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const prev = await alertStore.get(id);
      const r = build(prev);
      if (!r) return 'duplicate';
      if (await alertStore.put(r.next, prev?.version ?? 0, r.publish))
        return r.publish === 'alert:raised' ? 'raised' : r.publish ? 'updated' : 'touched';
      m?.conflicts.inc();
    }
    throw new Error(`alert ${id}: too many write conflicts`);
  }

  async function handleDraft(feedId: string, d: AlertDraft, receivedMs: number, jpeg?: Buffer): Promise<Outcome> {
    const place = placeAlert(feedId, d, registry.resolve(feedId, d.cameraRefs));
    const { cameraId } = place;
    const c = clocks.read(`${feedId}|${cameraId}`, d, receivedMs);
    checkDraftTimes(d);
    if (c.repair) d.repairs.push(c.repair);
    for (const r of d.repairs) m?.repaired.inc({ source: feedId, reason: r });
    // The first ingest of an event names it; level-triggered repeats resolve to the open alert.
    const levelKey = d.levelKey ? `${feedId}|${d.levelKey}` : null;
    return serial.run(levelKey ?? d.dedupeKey, async () => {
      let id = alertId(d.source.type, d.source.instance, d.dedupeKey);
      if (levelKey) {
        const open = openByLevel.get(levelKey);
        const idle = registry.idleTimeoutMs(feedId, d.source.type);
        if (open) {
          const prev = await alertStore.get(open);
          if (prev && prev.state === 'active' && receivedMs - Date.parse(prev.lastSeenAt) <= idle) id = open;
          else openByLevel.delete(levelKey);
        }
        if (id !== openByLevel.get(levelKey) && d.state === 'ended') {
          // An `inactive`/false without an open alert: nothing to close (or a retransmitted end).
          const existing = await alertStore.get(id);
          if (!existing) return 'ignored';
        }
      }
      const snapshotUrl = d.snapshot || jpeg ? `/api/alerts/${id}/snapshot.jpg` : null;
      if (opts.snapshots) {
        if (jpeg) {
          opts.snapshots.putImage(id, jpeg);
          opts.snapshots.setLocator(id, { kind: 'inline' });
        } else if (d.snapshot?.kind === 'frigate-event')
          opts.snapshots.setLocator(id, { kind: 'frigate-event', instance: feedId, eventId: d.snapshot.eventId });
        else if (d.snapshot?.kind === 'url')
          opts.snapshots.setLocator(id, { kind: 'url', instance: feedId, url: d.snapshot.url });
      }
      const incoming = alertFromDraft(d, { id, place, clock: c, receivedMs, snapshotUrl });
      const out = await upsert(id, (prev) => {
        const r = prev ? mergeAlert(prev, incoming) : { next: incoming, publish: 'alert:raised' as const };
        return r && { ...r, next: checkLiveTimes(r.next, prev, receivedMs, live) };
      });
      if (levelKey) {
        if (d.state === 'active') openByLevel.set(levelKey, id);
        else if (openByLevel.get(levelKey) === id) openByLevel.delete(levelKey);
      }
      health.heard(feedId, cameraId, d.source.type, receivedMs);
      return out;
    });
  }

  async function handlePatch(p: AlertPatch): Promise<Outcome> {
    const id = alertId(p.source.type, p.source.instance, p.dedupeKey);
    return serial.run(p.dedupeKey, async () => {
      const out = await upsert(id, (prev) => {
        if (!prev) return null; // enrichments never create an alert
        const incoming: Alert = {
          ...prev,
          subLabel: p.subLabel ?? prev.subLabel,
          plate: p.plate ?? prev.plate,
          severity: p.severityBoost
            ? SEVERITY_ORDER[Math.min(4, SEVERITY_ORDER.indexOf(prev.severity) + p.severityBoost)]!
            : prev.severity,
        };
        // Enrichment is allowed after the end too: apply as "enrich" on a copy that looks active.
        const merged = mergeAlert({ ...prev, state: 'active' }, { ...incoming, state: 'active' });
        if (!merged) return null;
        return { next: { ...merged.next, state: prev.state, endedAt: prev.endedAt }, publish: merged.publish };
      });
      return out === 'duplicate' ? 'duplicate' : 'patched';
    });
  }

  async function handleOne(feedId: string, item: FeedItem, receivedMs: number, jpeg?: Buffer): Promise<Outcome> {
    switch (item.type) {
      case 'draft':
        return handleDraft(feedId, item, receivedMs, jpeg);
      case 'patch':
        return handlePatch(item);
      case 'health':
        return health.observe(feedId, item, receivedMs);
      case 'ignored':
        return 'ignored';
    }
  }

  async function handle(
    feedId: string,
    items: FeedItem | FeedItem[],
    receivedAtMs = now(),
    extra: { jpeg?: Buffer; onReject?: (reason: string) => void } = {},
  ): Promise<Outcome[]> {
    const list = Array.isArray(items) ? items : [items];
    // Every item starts now, in batch order: each enters its alert's queue (serial-by-key.ts) before any
    // later item or batch can, so the copies of one alert apply in the order sent, whatever arrives
    // meanwhile; items of different alerts proceed side by side.
    const runs = list.map((item) =>
      handleOne(feedId, item, receivedAtMs, extra.jpeg).catch(async (err: unknown): Promise<Outcome> => {
        extra.onReject?.(err instanceof FeedReject ? err.reason : 'internal-error');
        if (err instanceof FeedReject) await recordReject(feedId, err.reason, err.detail, err.key);
        else {
          log.error({ err, source: feedId }, 'feed item failed');
          await recordReject(feedId, 'internal-error', (err as Error).message ?? 'error');
        }
        return 'rejected';
      }),
    );
    const out = await Promise.all(runs);
    for (const o of out) m?.items.inc({ source: feedId, outcome: o });
    return out;
  }

  return {
    handle,
    async ingest(feedId, parse, o = {}) {
      let items: FeedItem | FeedItem[];
      try {
        items = parse();
      } catch (err) {
        const r =
          err instanceof FeedReject
            ? err
            : new FeedReject('invalid-payload', String((err as Error)?.message ?? err).slice(0, 200));
        o.onReject?.(r.reason);
        await recordReject(feedId, r.reason, r.detail, r.key || o.key || '');
        m?.items.inc({ source: feedId, outcome: 'rejected' });
        return ['rejected'];
      }
      return handle(feedId, items, o.receivedAtMs ?? now(), {
        ...(o.jpeg ? { jpeg: o.jpeg } : {}),
        ...(o.onReject ? { onReject: o.onReject } : {}),
      });
    },
    recordReject,
    expectHeartbeat: (feedId, refs, intervalMs) => health.expect(feedId, refs, intervalMs, now()),
    async sweep() {
      if (sweeping) return;
      sweeping = true;
      try {
        const t = now();
        for (const a of await alertStore.listActive()) {
          const idle = registry.idleTimeoutMs(a.source.instance, a.source.type);
          const last = Date.parse(a.lastSeenAt);
          if (t - last <= idle) continue;
          await serial
            .run(a.dedupeKey, () =>
              upsert(a.id, (prev) => {
                const ended = prev ? endAlert(prev, prev.lastSeenAt) : null;
                return ended && t - Date.parse(prev!.lastSeenAt) > idle ? { next: ended, publish: 'alert:updated' } : null;
              }),
            )
            .catch((err: unknown) => log.warn({ err, id: a.id }, 'idle close failed'));
        }
        // Missed heartbeats: offline after `offlineAfterMissed` intervals without a word (hysteresis).
        await health.checkSilence(t);
      } finally {
        sweeping = false;
      }
    },
    cameras: () => registry.cameras,
    start() {
      if (timer) return;
      const every = opts.sweepIntervalMs ?? 1000;
      const tick = () => {
        timer = setTimeout(
          () =>
            void this.sweep()
              .catch((err: unknown) => log.warn({ err }, 'alert sweep failed'))
              .finally(() => timer && tick()),
          every,
        );
      };
      tick();
    },
    async stop() {
      const t = timer;
      timer = undefined;
      if (t) clearTimeout(t);
      await serial.drained();
    },
  };
}
