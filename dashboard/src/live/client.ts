/**
 * The page's one Socket.IO connection, typed by the contract, feeding the LiveStore.
 * Panels declare the groups they show (`want`), reference-counted; the client subscribes them in one
 * batch, re-subscribes a group on a version gap, and everything on reconnect or `server:resync`.
 * Constructing one opens nothing (React may build and drop one while rendering); `open()` connects and
 * `close()` disconnects, from the effect that owns it (useLiveClient in react.ts).
 * The handshake carries the page's cookies (same origin: the session of a person, or the device cookie of
 * a paired screen) and, on a wall page, `auth: { screen }` — never a token.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeRequest,
  SubscribeResult,
} from '../../../contract/messages.ts';
import { LiveStore } from './store.ts';
import { getCameras } from '../api/endpoints.ts';
import { AlertFeed } from './alert-feed.ts';
import { afterRefusalMs, afterServerCloseMs, resubscribeMs } from './delays.ts';

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 15_000;
/** After a refused handshake (credential revoked or not yet enrolled) try again now and then. */
const UNAUTHORIZED_RETRY_MS = 30_000;

export interface LiveClientOptions {
  store?: LiveStore;
  /** Another origin (tests); default: the page's own. */
  url?: string;
  /** The admin unit whose series the snapshots carry (`group:subscribe {area}`); default the province. */
  area?: string;
  /** A wall page: the screen it shows (`auth: { screen }`), so the demo token acts as that screen's device. */
  screen?: string;
  /** A meeting's figures (`group:subscribe { meeting }`): frozen while the meeting is frozen. */
  meeting?: string;
}

/**
 * Why the page may have lost its credential: the server refused the handshake, or closed the socket on
 * purpose (a revoked device, a session ended elsewhere — or a restart).
 */
export type CredentialDoubt = 'unauthorized' | 'server-disconnect';

const ERROR_VI: Record<string, string> = {
  'unknown-group': 'Nhóm chỉ tiêu không có trên máy chủ',
  'unknown-area': 'Địa bàn không có trên máy chủ',
  forbidden: 'Không có quyền xem nhóm chỉ tiêu này',
  'invalid-payload': 'Yêu cầu không hợp lệ',
  internal: 'Lỗi máy chủ khi lấy số liệu',
};

export class LiveClient {
  readonly store: LiveStore;
  readonly socket: WallSocket;
  /** Camera and AI alerts (group `alerts`), read through useAlerts()/useCameras() in alerts.ts. */
  readonly alerts: AlertFeed;
  private readonly wanted = new Map<string, number>();
  private readonly queued = new Set<string>();
  private queueScheduled = false;
  /** Latest request per group: an older acknowledgement never overwrites a newer answer. */
  private readonly requestOf = new Map<string, number>();
  private requestSeq = 0;
  private readonly retryAttempts = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;

  private readonly area: string | undefined;
  /** A meeting's figures (frozen while it is frozen): `group:subscribe { groups, meeting }`. */
  private meeting: string | undefined;
  private readonly doubtListeners = new Set<(why: CredentialDoubt) => void>();

  constructor(opts: LiveClientOptions = {}) {
    this.area = opts.area;
    this.meeting = opts.meeting;
    this.store = opts.store ?? new LiveStore();
    this.store.onGap = (group) => this.subscribeNow([group]);
    this.alerts = new AlertFeed(() => getCameras(opts.url ? { baseUrl: opts.url } : {}));
    const socketOpts = {
      // coalesce: bursts of one group arrive as one delta with fromVersion (realtime/socket/coalesce.ts).
      auth: opts.screen ? { screen: opts.screen, coalesce: true } : { coalesce: true },
      autoConnect: false,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.3,
      // Long-polling first, then the upgrade: a new connection (one per commune a screen shows) takes a few
      // more round trips, but never `rememberUpgrade`. With it, a page whose websockets once worked starts
      // every reconnection on a websocket, and a network that then closes websockets (not errors them)
      // keeps it retrying websockets for good, the screen without figures (e2e/websocket-fallback.test.ts).
    };
    this.socket = opts.url ? io(opts.url, socketOpts) : io(socketOpts);
    this.bind();
  }

  /** Declares interest in groups; returns the release function (for a React effect's cleanup). */
  want(groups: readonly string[]): () => void {
    const fresh: string[] = [];
    for (const g of groups) {
      const n = this.wanted.get(g) ?? 0;
      this.wanted.set(g, n + 1);
      if (n === 0) fresh.push(g);
    }
    if (fresh.length) this.enqueue(fresh);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const gone: string[] = [];
      for (const g of groups) {
        const n = (this.wanted.get(g) ?? 1) - 1;
        if (n <= 0) {
          this.wanted.delete(g);
          gone.push(g);
        } else this.wanted.set(g, n);
      }
      // Let a re-mount in the same tick (React strict mode, a layout change) keep the subscription.
      if (gone.length) this.later(() => this.release(gone), 1000);
    };
  }

  /**
   * Tells `cb` when the page may have lost its credential (see CredentialDoubt); the page asks
   * GET /api/session and decides, the client goes on retrying either way. Returns the unsubscribe.
   */
  onCredentialDoubt(cb: (why: CredentialDoubt) => void): () => void {
    this.doubtListeners.add(cb);
    return () => this.doubtListeners.delete(cb);
  }

  /**
   * Subscribes every wanted group again as a meeting's (frozen) figures, or live again with null
   * (ARCHITECTURE.md "Meetings": while frozen the snapshots are the frozen ones and no deltas come).
   */
  setMeeting(id: string | null): void {
    const next = id ?? undefined;
    if (next === this.meeting) return;
    this.meeting = next;
    this.subscribeNow([...this.wanted.keys()]);
  }

  /** Connects (again, after close(): React's strict mode mounts twice in development). */
  open(): void {
    this.closed = false;
    this.socket.connect();
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket.close();
  }

  private release(groups: string[]): void {
    const gone = groups.filter((g) => !this.wanted.has(g));
    if (!gone.length) return;
    for (const g of gone) this.store.drop(g);
    if (this.socket.connected) this.socket.emit('group:unsubscribe', { groups: gone });
  }

  private bind(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.store.setConnection('online');
      this.retryAttempts.clear();
      this.subscribeNow([...this.wanted.keys()]);
    });
    s.on('disconnect', (reason) => {
      this.store.setConnection('offline');
      // The server closed us on purpose (restart, kick, revocation): socket.io will not retry by itself.
      if (reason === 'io server disconnect') {
        this.later(() => this.reconnect(), afterServerCloseMs());
        this.doubt('server-disconnect');
      }
    });
    s.on('connect_error', (err) => {
      if (err.message === 'unauthorized') {
        this.store.setConnection('unauthorized');
        this.later(() => this.reconnect(), UNAUTHORIZED_RETRY_MS);
        this.doubt('unauthorized');
        return;
      }
      const c = this.store.getConnection();
      if (c.state !== 'connecting') this.store.setConnection('offline');
      // A refusal from a middleware leaves the socket inactive; transport errors retry on their own.
      if (!s.active) this.later(() => this.reconnect(), afterRefusalMs());
    });
    s.on('group:updated', (u) => {
      if (!u || typeof u.group !== 'string' || typeof u.version !== 'number' || !Array.isArray(u.changes)) return;
      if (u.fromVersion !== undefined && (typeof u.fromVersion !== 'number' || u.fromVersion > u.version)) return;
      this.store.applyUpdate(u);
    });
    s.on('alert:raised', (a) => this.alerts.applyAlert(a));
    s.on('alert:updated', (a) => this.alerts.applyAlert(a));
    s.on('camera:status-changed', (st) => this.alerts.applyStatus(st));
    s.on('server:resync', () => {
      this.store.noteResync();
      this.subscribeNow([...this.wanted.keys()]);
    });
  }

  private doubt(why: CredentialDoubt): void {
    if (this.closed) return;
    for (const cb of [...this.doubtListeners]) cb(why);
  }

  private reconnect(): void {
    if (!this.closed && !this.socket.connected) this.socket.connect();
  }

  private enqueue(groups: string[]): void {
    for (const g of groups) this.queued.add(g);
    if (this.queueScheduled) return;
    this.queueScheduled = true;
    // Panels mount in one commit: gather their groups into one request.
    queueMicrotask(() => {
      this.queueScheduled = false;
      const batch = [...this.queued].filter((g) => this.wanted.has(g));
      this.queued.clear();
      this.store.markPending(batch);
      this.subscribeNow(batch);
    });
  }

  /** Sends `group:subscribe`; snapshots replace the groups' state. No-op while disconnected. */
  private subscribeNow(groups: string[]): void {
    const list = groups.filter((g) => this.wanted.has(g));
    if (!list.length) return;
    this.store.markPending(list);
    if (!this.socket.connected) return; // 'connect' subscribes everything wanted
    const req = ++this.requestSeq;
    for (const g of list) this.requestOf.set(g, req);
    for (let i = 0; i < list.length; i += 64) {
      const chunk = list.slice(i, i + 64); // the contract accepts at most 64 groups per request
      this.socket.timeout(ACK_TIMEOUT_MS).emit(
        'group:subscribe',
        {
          groups: chunk,
          ...(this.area ? { area: this.area } : {}),
          ...(this.meeting ? { meeting: this.meeting } : {}),
        } as SubscribeRequest,
        (err: Error | null, res: Ack<SubscribeResult>) => this.onAck(req, chunk, err, res),
      );
    }
  }

  private onAck(req: number, groups: string[], err: Error | null, res: Ack<SubscribeResult> | undefined): void {
    const current = groups.filter((g) => this.requestOf.get(g) === req && this.wanted.has(g));
    if (!current.length) return;
    if (err || !res) {
      // No answer in time: ask again if still connected ('connect' covers the other case).
      this.retry(current);
      return;
    }
    if (res.ok) {
      const got = new Set<string>();
      if (res.data.alerts && current.includes('alerts')) {
        got.add('alerts');
        this.retryAttempts.delete('alerts');
        this.alerts.applySnapshot(res.data.alerts);
      }
      for (const snap of res.data.snapshots ?? []) {
        if (!current.includes(snap.group)) continue;
        got.add(snap.group);
        this.retryAttempts.delete(snap.group);
        this.store.applySnapshot(snap);
      }
      const missing = current.filter((g) => !got.has(g));
      if (missing.length) this.store.failSubscribe(missing, 'Máy chủ không gửi số liệu của nhóm này');
      return;
    }
    if (res.error.code === 'throttled') {
      // Asked too often: ask again for the same groups together, later (splitting them would ask more).
      const failures = (this.retryAttempts.get(current[0]!) ?? 0) + 1;
      for (const g of current) this.retryAttempts.set(g, failures);
      this.later(() => {
        if (this.socket.connected) this.subscribeNow(current);
      }, resubscribeMs(failures));
      return;
    }
    if (current.length > 1) {
      // One bad group must not blank the others: ask for each on its own.
      for (const g of current) this.subscribeNow([g]);
      return;
    }
    const message = ERROR_VI[res.error.code] ?? 'Không lấy được số liệu';
    this.store.failSubscribe(current, message);
    // A configuration fix on the server arrives with 'server:resync'; transient errors retry.
    if (res.error.code === 'internal') this.retry(current);
  }

  private retry(groups: string[]): void {
    for (const g of groups) {
      const failures = (this.retryAttempts.get(g) ?? 0) + 1;
      this.retryAttempts.set(g, failures);
      this.later(() => {
        if (this.socket.connected) this.subscribeNow([g]);
      }, resubscribeMs(failures));
    }
  }

  private later(fn: () => void, ms: number): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
