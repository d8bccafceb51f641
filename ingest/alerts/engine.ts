/**
 * The alert engine: every feed item goes through here on its way to the alert store.
 *  - resolves the camera (registry: feed id + the camera's name at the source);
 *  - checks device clocks: a skew estimate per camera, clockSuspect beyond the tolerance, absurd times
 *    repaired to our clock, times too far in the future refused;
 *  - upserts idempotently by (source, dedupe key) with the lifecycle of merge.ts, as a compare-and-set
 *    retried on conflict, one item per alert at a time (order of arrival kept);
 *  - keeps one open alert per level key (Hikvision/ONVIF/Dahua) and closes alerts by idle timeout;
 *  - turns health samples into camera states with hysteresis;
 *  - records every rejection (store dead-letter list + counters) and never throws on input.
 */
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Alert, CameraState, CameraStatus, SourceType } from '../../contract/alerts.ts';
import type { CameraConfig, Config, FeedsConfig } from '../../contract/config.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import type { Store } from '../../store/store.ts';
import type { SnapshotCache } from '../../store/snapshot-cache.ts';
import type { AlertDraft, AlertPatch, FeedItem, HealthSample } from './model.ts';
import { endAlert, mergeAlert } from './merge.ts';
import { FeedReject, LIMITS, SEVERITY_ORDER, alertId } from './validate.ts';

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
}

export const EMPTY_FEEDS: FeedsConfig = { frigate: [], hikvision: [], onvif: [], webhook: [], clockSkewToleranceMs: 120_000, idleTimeoutMs: 10_000, offlineAfterMissed: 2 };

interface CameraHealth {
  state: CameraState;
  since: number;
  lastHeardMs: number;
  /** Consecutive observations pointing to a worse state. */
  badRun: number;
  fps: number | null;
  expectedIntervalMs: number;
  source: SourceType;
}

export interface AlertEngine {
  /** Handles one parsed item (or several) of feed `feedId`. Never throws. */
  handle(feedId: string, item: FeedItem | FeedItem[], receivedAtMs?: number, extra?: { jpeg?: Buffer; onReject?: (reason: string) => void }): Promise<Outcome[]>;
  /** Runs `parse` and handles its result; a FeedReject (or any error) is recorded as a rejection. */
  ingest(feedId: string, parse: () => FeedItem | FeedItem[], opts?: { key?: string; jpeg?: Buffer; receivedAtMs?: number; onReject?: (reason: string) => void }): Promise<Outcome[]>;
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
  const cameras = config.cameras ?? [];
  const byRef = new Map<string, CameraConfig>();
  for (const c of cameras) byRef.set(`${c.feed}|${c.ref.toLowerCase()}`, c);
  const feedType = new Map<string, SourceType>();
  for (const f of feeds.frigate) feedType.set(f.id, 'frigate');
  for (const f of feeds.hikvision) feedType.set(f.id, 'hikvision');
  for (const f of feeds.onvif) feedType.set(f.id, 'onvif');
  for (const f of feeds.webhook) feedType.set(f.id, 'webhook');
  const idleOf = new Map<string, number>();
  for (const f of [...feeds.hikvision, ...feeds.onvif, ...feeds.webhook]) if (f.idleTimeoutMs) idleOf.set(f.id, f.idleTimeoutMs);
  const staleOf = new Map(feeds.frigate.map((f) => [f.id, f.staleAfterMs] as const));

  const reg = opts.registry;
  const m = reg
    ? {
        items: new Counter({ name: 'ioc_feed_items_total', help: 'Camera/AI feed items by source and outcome', labelNames: ['source', 'outcome'], registers: [reg] }),
        rejected: new Counter({ name: 'ioc_feed_rejected_total', help: 'Feed inputs rejected, by source and reason', labelNames: ['source', 'reason'], registers: [reg] }),
        repaired: new Counter({ name: 'ioc_feed_repaired_total', help: 'Feed inputs accepted after a repair, by source and reason', labelNames: ['source', 'reason'], registers: [reg] }),
        conflicts: new Counter({ name: 'ioc_alert_write_conflicts_total', help: 'Alert compare-and-set conflicts (another writer won; retried)', registers: [reg] }),
      }
    : null;

  const skew = new Map<string, number>();
  const openByLevel = new Map<string, string>();
  const health = new Map<string, CameraHealth>();
  const chains = new Map<string, Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping = false;

  const iso = (ms: number) => new Date(ms).toISOString();

  const byId = new Map(cameras.map((c) => [c.id, c] as const));
  function resolve(feedId: string, refs: string[]): CameraConfig | undefined {
    for (const r of refs) {
      const c = byRef.get(`${feedId}|${r.toLowerCase()}`);
      if (c) return c;
    }
    // Partners posting to a generic webhook name our cameras by our registry id.
    if (feedType.get(feedId) === 'webhook') for (const r of refs) if (byId.has(r)) return byId.get(r);
    return undefined;
  }

  async function recordReject(feedId: string, reason: string, detail: string, key = ''): Promise<void> {
    m?.rejected.inc({ source: feedId, reason });
    log.warn({ source: feedId, reason, key }, `feed input rejected: ${detail}`);
    try {
      await store.recordRejected({ source: feedId, reason, key: key.slice(0, 200), detail: detail.slice(0, 500), at: iso(now()) });
    } catch (err) {
      log.error({ err }, 'could not record a rejected feed input');
    }
  }

  /** One item at a time per key, in arrival order. */
  function serial<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = chains.get(key) ?? Promise.resolve();
    const run = prev.then(job, job);
    const tail = run.catch(() => {});
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
    return run;
  }

  /** Compare-and-set loop: read, merge, write; another writer in between → read again. */
  async function upsert(id: string, build: (prev: Alert | null) => { next: Alert; publish: 'alert:raised' | 'alert:updated' | null } | null): Promise<Outcome> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const prev = await alertStore.get(id);
      const r = build(prev);
      if (!r) return 'duplicate';
      if (await alertStore.put(r.next, prev?.version ?? 0, r.publish)) return r.publish === 'alert:raised' ? 'raised' : r.publish ? 'updated' : 'touched';
      m?.conflicts.inc();
    }
    throw new Error(`alert ${id}: too many write conflicts`);
  }

  function clock(feedId: string, cameraId: string, d: AlertDraft, receivedMs: number): { startedMs: number; endedMs: number | null; suspect: boolean; skewMs: number | null } {
    const key = `${feedId}|${cameraId}`;
    const tol = feeds.clockSkewToleranceMs;
    const devNow = d.deviceTimeMs ?? d.startedAtMs;
    if (devNow !== null && devNow - receivedMs > LIMITS.futureMs && d.deviceTimeMs !== null) {
      throw new FeedReject('future-timestamp', `device time ${iso(devNow)} is ${Math.round((devNow - receivedMs) / 1000)} s ahead of ours`, d.dedupeKey);
    }
    if (d.startedAtMs !== null && d.startedAtMs - receivedMs > LIMITS.futureMs) {
      throw new FeedReject('future-timestamp', `start ${iso(d.startedAtMs)} is in the future`, d.dedupeKey);
    }
    const absurd = (t: number | null) => t !== null && t < LIMITS.absurdBeforeMs;
    if (absurd(d.deviceTimeMs) || absurd(d.startedAtMs)) {
      // The device clock is not set (1970, 2000): our clock is the only time we have.
      d.repairs.push('absurd-device-time');
      return { startedMs: receivedMs, endedMs: d.endedAtMs === null ? null : receivedMs, suspect: true, skewMs: d.deviceTimeMs === null ? null : receivedMs - d.deviceTimeMs };
    }
    let est = skew.get(key) ?? null;
    if (d.deviceTimeMs !== null) {
      const sample = receivedMs - d.deviceTimeMs;
      // Smooth network jitter; jump at once when the clock was changed.
      est = est === null || Math.abs(sample - est) > 10 * 60_000 ? sample : est + 0.2 * (sample - est);
      skew.set(key, est);
    }
    const suspect = est !== null && Math.abs(est) > tol;
    const fix = (t: number | null) => (t === null ? null : suspect ? t + est! : t);
    return { startedMs: fix(d.startedAtMs) ?? receivedMs, endedMs: fix(d.endedAtMs), suspect, skewMs: est === null ? null : Math.round(est) };
  }

  async function handleDraft(feedId: string, d: AlertDraft, receivedMs: number, jpeg?: Buffer): Promise<Outcome> {
    let cam = resolve(feedId, d.cameraRefs);
    let cameraId: string;
    let area: string | null = null;
    let location = d.location;
    if (cam) {
      cameraId = cam.id;
      area = cam.area;
      location = { lat: cam.lat, lon: cam.lon };
    } else if (d.location && d.source.type === 'webhook') {
      // An external alert with its own position (NGSI): accepted only inside the province.
      const { lat, lon } = d.location;
      if (!(lat >= 7 && lat <= 13.2 && lon >= 108.3 && lon <= 117)) throw new FeedReject('location-outside-province', `position ${lat}, ${lon} is outside the province`, d.dedupeKey);
      cameraId = `${feedId}:external`;
    } else {
      throw new FeedReject('unknown-camera', `camera ${d.cameraRefs.slice(0, 2).join(' / ') || '(none)'} is not in cameras.yaml for feed ${feedId}`, d.dedupeKey);
    }
    const c = clock(feedId, cameraId, d, receivedMs);
    for (const r of d.repairs) m?.repaired.inc({ source: feedId, reason: r });
    // The first ingest of an event names it; level-triggered repeats resolve to the open alert.
    const levelKey = d.levelKey ? `${feedId}|${d.levelKey}` : null;
    return serial(levelKey ?? d.dedupeKey, async () => {
      let id = alertId(d.source.type, d.source.instance, d.dedupeKey);
      if (levelKey) {
        const open = openByLevel.get(levelKey);
        const idle = idleTimeoutOf(feedId, d.source.type);
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
        } else if (d.snapshot?.kind === 'frigate-event') opts.snapshots.setLocator(id, { kind: 'frigate-event', instance: feedId, eventId: d.snapshot.eventId });
        else if (d.snapshot?.kind === 'url') opts.snapshots.setLocator(id, { kind: 'url', instance: feedId, url: d.snapshot.url });
      }
      const received = iso(receivedMs);
      const incoming: Alert = {
        id,
        source: d.source,
        sourceEventId: d.sourceEventId,
        dedupeKey: d.dedupeKey,
        cameraId,
        area,
        kind: d.kind,
        label: d.label,
        subLabel: d.subLabel,
        plate: d.plate,
        severity: d.severity,
        score: d.score,
        state: d.state,
        startedAt: iso(c.startedMs),
        endedAt: d.state === 'ended' ? iso(c.endedMs ?? receivedMs) : null,
        lastSeenAt: received,
        receivedAt: received,
        clockSuspect: c.suspect,
        skewMs: c.skewMs,
        location,
        zone: d.zone,
        bbox: d.bbox,
        snapshotUrl,
        version: 1,
      };
      const out = await upsert(id, (prev) => (prev ? mergeAlert(prev, incoming) : { next: incoming, publish: 'alert:raised' }));
      if (levelKey) {
        if (d.state === 'active') openByLevel.set(levelKey, id);
        else if (openByLevel.get(levelKey) === id) openByLevel.delete(levelKey);
      }
      noteHeard(feedId, cameraId, d.source.type, receivedMs);
      return out;
    });
  }

  async function handlePatch(p: AlertPatch): Promise<Outcome> {
    const id = alertId(p.source.type, p.source.instance, p.dedupeKey);
    return serial(p.dedupeKey, async () => {
      const out = await upsert(id, (prev) => {
        if (!prev) return null; // enrichments never create an alert
        const incoming: Alert = {
          ...prev,
          subLabel: p.subLabel ?? prev.subLabel,
          plate: p.plate ?? prev.plate,
          severity: p.severityBoost ? SEVERITY_ORDER[Math.min(4, SEVERITY_ORDER.indexOf(prev.severity) + p.severityBoost)]! : prev.severity,
        };
        // Enrichment is allowed after the end too: apply as "enrich" on a copy that looks active.
        const merged = mergeAlert({ ...prev, state: 'active' }, { ...incoming, state: 'active' });
        if (!merged) return null;
        return { next: { ...merged.next, state: prev.state, endedAt: prev.endedAt }, publish: merged.publish };
      });
      return out === 'duplicate' ? 'duplicate' : 'patched';
    });
  }

  function idleTimeoutOf(feedId: string, type: SourceType): number {
    if (type === 'frigate') return staleOf.get(feedId) ?? 1_800_000;
    if (type === 'webhook') return idleOf.get(feedId) ?? 15 * 60_000;
    return idleOf.get(feedId) ?? feeds.idleTimeoutMs;
  }

  // ---- camera health -----------------------------------------------------------------------------
  function noteHeard(feedId: string, cameraId: string, source: SourceType, at: number): void {
    const h = health.get(cameraId);
    if (h) h.lastHeardMs = Math.max(h.lastHeardMs, at);
    else if (feedId) health.set(cameraId, { state: 'unknown', since: at, lastHeardMs: at, badRun: 0, fps: null, expectedIntervalMs: 0, source });
  }

  async function setState(cameraId: string, h: CameraHealth, state: CameraState, at: number, reason: string | null): Promise<void> {
    if (h.state !== state) {
      h.state = state;
      h.since = at;
    }
    const status: CameraStatus = { cameraId, state: h.state, since: iso(h.since), fps: h.fps, reason, source: h.source };
    await alertStore.setCameraStatus(status);
  }

  async function handleHealth(feedId: string, s: HealthSample, receivedMs: number): Promise<Outcome> {
    const cam = resolve(feedId, s.cameraRefs);
    if (!cam) return 'ignored'; // cameras of the NVR we do not show
    let h = health.get(cam.id);
    if (!h) health.set(cam.id, (h = { state: 'unknown', since: receivedMs, lastHeardMs: receivedMs, badRun: 0, fps: null, expectedIntervalMs: 0, source: s.source.type }));
    h.lastHeardMs = receivedMs;
    h.fps = s.fps ?? h.fps;
    const need = feeds.offlineAfterMissed;
    switch (s.observation) {
      case 'ok':
        // Recovery is immediate: a good sample is proof; only bad news needs confirming.
        h.badRun = 0;
        await setState(cam.id, h, 'online', receivedMs, s.reason);
        break;
      case 'degraded':
        h.badRun = Math.max(1, h.badRun + 1);
        if (h.state !== 'online' || h.badRun >= need) await setState(cam.id, h, 'degraded', receivedMs, s.reason);
        break;
      case 'down':
        h.badRun = Math.max(1, h.badRun + 1);
        if (h.state === 'unknown' || h.badRun >= need) await setState(cam.id, h, 'offline', receivedMs, s.reason);
        else if (h.state === 'online') await setState(cam.id, h, 'degraded', receivedMs, `${s.reason ?? 'not delivering'} (unconfirmed)`);
        break;
      case 'disabled':
        h.badRun = 0;
        await setState(cam.id, h, 'disabled', receivedMs, s.reason);
        break;
    }
    return 'health';
  }

  async function handleOne(feedId: string, item: FeedItem, receivedMs: number, jpeg?: Buffer): Promise<Outcome> {
    switch (item.type) {
      case 'draft':
        return handleDraft(feedId, item, receivedMs, jpeg);
      case 'patch':
        return handlePatch(item);
      case 'health':
        return handleHealth(feedId, item, receivedMs);
      case 'ignored':
        return 'ignored';
    }
  }

  async function handle(feedId: string, items: FeedItem | FeedItem[], receivedAtMs = now(), extra: { jpeg?: Buffer; onReject?: (reason: string) => void } = {}): Promise<Outcome[]> {
    const list = Array.isArray(items) ? items : [items];
    const out: Outcome[] = [];
    for (const item of list) {
      let o: Outcome;
      try {
        o = await handleOne(feedId, item, receivedAtMs, extra.jpeg);
      } catch (err) {
        o = 'rejected';
        extra.onReject?.(err instanceof FeedReject ? err.reason : 'internal-error');
        if (err instanceof FeedReject) await recordReject(feedId, err.reason, err.detail, err.key);
        else {
          log.error({ err, source: feedId }, 'feed item failed');
          await recordReject(feedId, 'internal-error', (err as Error).message ?? 'error');
        }
      }
      m?.items.inc({ source: feedId, outcome: o });
      out.push(o);
    }
    return out;
  }

  return {
    handle,
    async ingest(feedId, parse, o = {}) {
      let items: FeedItem | FeedItem[];
      try {
        items = parse();
      } catch (err) {
        const r = err instanceof FeedReject ? err : new FeedReject('invalid-payload', String((err as Error)?.message ?? err).slice(0, 200));
        o.onReject?.(r.reason);
        await recordReject(feedId, r.reason, r.detail, r.key || o.key || '');
        m?.items.inc({ source: feedId, outcome: 'rejected' });
        return ['rejected'];
      }
      return handle(feedId, items, o.receivedAtMs ?? now(), { ...(o.jpeg ? { jpeg: o.jpeg } : {}), ...(o.onReject ? { onReject: o.onReject } : {}) });
    },
    recordReject,
    expectHeartbeat(feedId, refs, intervalMs) {
      const cam = resolve(feedId, refs);
      if (!cam) return;
      const h = health.get(cam.id);
      if (h) h.expectedIntervalMs = intervalMs;
      else health.set(cam.id, { state: 'unknown', since: now(), lastHeardMs: now(), badRun: 0, fps: null, expectedIntervalMs: intervalMs, source: feedType.get(feedId) ?? 'manual' });
    },
    async sweep() {
      if (sweeping) return;
      sweeping = true;
      try {
        const t = now();
        for (const a of await alertStore.listActive()) {
          const idle = idleTimeoutOf(a.source.instance, a.source.type);
          const last = Date.parse(a.lastSeenAt);
          if (t - last <= idle) continue;
          await serial(a.dedupeKey, () =>
            upsert(a.id, (prev) => {
              const ended = prev ? endAlert(prev, prev.lastSeenAt) : null;
              return ended && t - Date.parse(prev!.lastSeenAt) > idle ? { next: ended, publish: 'alert:updated' } : null;
            }),
          ).catch((err: unknown) => log.warn({ err, id: a.id }, 'idle close failed'));
        }
        // Missed heartbeats: offline after `offlineAfterMissed` intervals without a word (hysteresis).
        for (const [cameraId, h] of health) {
          if (!h.expectedIntervalMs || h.state === 'offline' || h.state === 'disabled') continue;
          if (t - h.lastHeardMs > h.expectedIntervalMs * feeds.offlineAfterMissed) {
            await setState(cameraId, h, 'offline', t, `no report for ${Math.round((t - h.lastHeardMs) / 1000)} s`).catch(() => {});
          }
        }
      } finally {
        sweeping = false;
      }
    },
    cameras: () => cameras,
    start() {
      if (timer) return;
      const every = opts.sweepIntervalMs ?? 1000;
      const tick = () => {
        timer = setTimeout(() => void this.sweep().catch((err: unknown) => log.warn({ err }, 'alert sweep failed')).finally(() => timer && tick()), every);
      };
      tick();
    },
    async stop() {
      const t = timer;
      timer = undefined;
      if (t) clearTimeout(t);
      await Promise.all([...chains.values()]);
    },
  };
}
