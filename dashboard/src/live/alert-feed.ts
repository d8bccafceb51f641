/**
 * Camera and AI alerts on the page: the `alerts` group of the page's one socket (see client.ts), kept
 * in an AlertFeed (pure, testable; no React). alerts.ts reads it for React:
 *
 *   useAlerts(): Alert[]     active alerts first, then recent ended ones; newest first by receivedAt;
 *                            bounded (MAX_ALERTS).
 *   useCameras(): (CameraInfo & { status: CameraStatus | null })[]
 *                            the camera registry (GET /api/cameras, our origin) joined with live status.
 *
 * Rules: a snapshot (subscribe ack) replaces the state but never an alert we already hold at a higher
 * version (an `alert:updated` may overtake the ack); an event with a version ≤ the one held is ignored,
 * so an `ended` alert never turns active again on screen. Text is data: panels render it as text.
 */
import type { Alert, CameraInfo, CameraStatus } from '../../../contract/alerts.ts';
import type { AlertsSnapshot } from '../../../contract/messages.ts';

/** Upper bound of alerts kept on a page: a hostile or runaway feed cannot grow the wall's memory. */
export const MAX_ALERTS = 200;
/** Ended alerts kept for the "recent" part of the feed. */
export const MAX_RECENT_ENDED = 50;

export type CameraView = CameraInfo & { status: CameraStatus | null };

type Listener = () => void;

const EMPTY_ALERTS: Alert[] = [];
const EMPTY_CAMERAS: CameraView[] = [];

function isAlert(a: unknown): a is Alert {
  const x = a as Alert | null;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.id === 'string' &&
    typeof x.version === 'number' &&
    (x.state === 'active' || x.state === 'ended') &&
    typeof x.receivedAt === 'string'
  );
}

function isStatus(s: unknown): s is CameraStatus {
  const x = s as CameraStatus | null;
  return !!x && typeof x === 'object' && typeof x.cameraId === 'string' && typeof x.state === 'string';
}

/** Sort: active first, then newest received first (ISO strings compare in time order). */
export function orderAlerts(list: Iterable<Alert>, max = MAX_ALERTS, maxEnded = MAX_RECENT_ENDED): Alert[] {
  const active: Alert[] = [];
  const ended: Alert[] = [];
  for (const a of list) (a.state === 'active' ? active : ended).push(a);
  const byNewest = (x: Alert, y: Alert) => (x.receivedAt < y.receivedAt ? 1 : x.receivedAt > y.receivedAt ? -1 : 0);
  active.sort(byNewest);
  ended.sort(byNewest);
  return [...active, ...ended.slice(0, maxEnded)].slice(0, max);
}

/** The page's alert state. The socket feeds it; React reads it through useSyncExternalStore. */
export class AlertFeed {
  private readonly alerts = new Map<string, Alert>();
  private readonly statuses = new Map<string, CameraStatus>();
  private cameras: CameraInfo[] | null = null;
  private alertView: Alert[] = EMPTY_ALERTS;
  private cameraView: CameraView[] = EMPTY_CAMERAS;
  private readonly listeners = new Set<Listener>();
  private camerasLoading = false;
  private notifyScheduled = false;
  /** Views are rebuilt when read, once per burst, not once per socket message. */
  private alertsDirty = false;
  private camerasDirty = false;
  /** The last view of each registry entry (dropped with the registry list it came from). */
  private readonly viewOf = new WeakMap<CameraInfo, CameraView>();

  /** When listeners were last told of a change (ms, `now`'s clock): when what is on screen arrived. */
  private changedAtMs = 0;

  constructor(
    private readonly fetchCameras?: () => Promise<CameraInfo[]>,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }

  getAlerts(): Alert[] {
    if (this.alertsDirty) this.rebuildAlerts();
    return this.alertView;
  }

  /** The time of the last change listeners were told of (0 before the first); pages' clock for "new". */
  getChangedAtMs(): number {
    return this.changedAtMs;
  }

  getCameras(): CameraView[] {
    if (this.camerasDirty) this.rebuildCameras();
    return this.cameraView;
  }

  /** Subscribe-ack snapshot of the `alerts` group. */
  applySnapshot(snap: AlertsSnapshot): void {
    const incoming = new Map<string, Alert>();
    for (const a of Array.isArray(snap?.alerts) ? snap.alerts : []) if (isAlert(a)) incoming.set(a.id, a);
    // Keep what arrived by event at a higher version than the snapshot's copy.
    for (const [id, held] of this.alerts) {
      const snapCopy = incoming.get(id);
      if (snapCopy && held.version > snapCopy.version) incoming.set(id, held);
    }
    this.alerts.clear();
    for (const [id, a] of incoming) this.alerts.set(id, a);
    this.statuses.clear();
    for (const s of Array.isArray(snap?.cameras) ? snap.cameras : []) if (isStatus(s)) this.statuses.set(s.cameraId, s);
    this.changed('alerts');
    this.changed('cameras');
  }

  /** `alert:raised` / `alert:updated`. */
  applyAlert(a: unknown): void {
    if (!isAlert(a)) return;
    const held = this.alerts.get(a.id);
    if (held && held.version >= a.version) return;
    if (held?.state === 'ended' && a.state === 'active') return; // ended never goes back
    this.alerts.set(a.id, a);
    this.changed('alerts');
  }

  /** `camera:status-changed`. */
  applyStatus(s: unknown): void {
    if (!isStatus(s)) return;
    this.statuses.set(s.cameraId, s);
    this.changed('cameras');
  }

  setCameras(list: CameraInfo[]): void {
    this.cameras = list.filter((c) => c && typeof c.id === 'string');
    this.changed('cameras');
  }

  /** Loads the registry once (and again after a failure, at the next call). */
  ensureCameras(): void {
    if (this.cameras || this.camerasLoading || !this.fetchCameras) return;
    this.camerasLoading = true;
    this.fetchCameras()
      .then((list) => this.setCameras(list))
      .catch(() => {
        // Offline or refused: the next hook mount (or reconnect) tries again.
      })
      .finally(() => {
        this.camerasLoading = false;
      });
  }

  private changed(what: 'alerts' | 'cameras'): void {
    if (what === 'alerts') this.alertsDirty = true;
    else this.camerasDirty = true;
    this.notify();
  }

  private rebuildAlerts(): void {
    this.alertsDirty = false;
    this.alertView = orderAlerts(this.alerts.values());
    // Forget alerts that fell out of the bounded view, so the map never grows.
    if (this.alerts.size > MAX_ALERTS * 2) {
      const keep = new Set(this.alertView.map((a) => a.id));
      for (const id of this.alerts.keys()) if (!keep.has(id)) this.alerts.delete(id);
    }
  }

  /** A camera whose registry entry and status did not change keeps its view object (React and the map compare by identity). */
  private rebuildCameras(): void {
    this.camerasDirty = false;
    this.cameraView = (this.cameras ?? []).map((c) => {
      const status = this.statuses.get(c.id) ?? null;
      const held = this.viewOf.get(c);
      if (held?.status === status) return held;
      const view = { ...c, status };
      this.viewOf.set(c, view);
      return view;
    });
  }

  private notify(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    // Bursts of alerts re-render once per frame: each socket message is a task of its own, so a
    // microtask would still render once per message (70 renders for one second of a busy feed).
    const run = () => {
      this.notifyScheduled = false;
      this.changedAtMs = this.now();
      for (const l of this.listeners) l();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else setTimeout(run, 0);
  }
}
