/**
 * The kiosk's watchdog as a pure state machine: events in (timer tick, server probe result, page loaded,
 * heartbeat from the page, page boundary, renderer crash, browser gone), actions out. The driver in
 * launch-screen.ts performs the actions and feeds back what happened. Rules:
 *  - the server is probed before every navigation; unreachable → the local "Đang kết nối…" page, probe
 *    again with backoff (never Chromium's error page, never a white page);
 *  - no heartbeat for `stallMs` (counted from the navigation while loading) → probe, then navigate again;
 *  - a crashed renderer → a new page; a closed browser → a new browser; repeated crashes back off;
 *  - heap above the limit → reload at the next page boundary, or after `memoryWaitMs` on a pinned page.
 * Heartbeats are local (page → kiosk), so a server outage alone never makes the kiosk reload the wall.
 */
import { backoffMs } from '../contract/backoff.ts';

export interface WatchdogSettings {
  stallMs: number;
  memoryLimitBytes: number;
  /** Longest wait for a page boundary once memory is high (pinned pages have none). */
  memoryWaitMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Crashes closer together than this count as a crash loop (backoff). */
  crashWindowMs: number;
}

export const DEFAULT_SETTINGS: WatchdogSettings = {
  stallMs: 45_000,
  memoryLimitBytes: 1024 * 2 ** 20,
  memoryWaitMs: 10 * 60_000,
  retryBaseMs: 1000,
  retryMaxMs: 30_000,
  crashWindowMs: 60_000,
};

export type Phase = 'probing' | 'offline' | 'loading' | 'running';

export interface WatchdogState {
  phase: Phase;
  /** When the phase began (ms). */
  since: number;
  lastBeatAt: number | null;
  /** When the heap went over the limit, or null. */
  memoryHighSince: number | null;
  /** Failed probes/loads in a row (backoff). */
  attempts: number;
  recentCrashes: number[];
  /** Why the current (re)load happened, for the log and the registry. */
  reason: string;
}

export type WatchdogEvent =
  | { type: 'tick' }
  | { type: 'server'; reachable: boolean }
  | { type: 'loaded' }
  | { type: 'load-failed' }
  | { type: 'beat'; heapBytes: number | null }
  | { type: 'boundary' }
  | { type: 'crash' }
  | { type: 'closed' };

export type WatchdogAction =
  | { do: 'probe'; inMs: number }
  | { do: 'show-connecting'; retryInMs: number }
  | { do: 'navigate'; reason: string }
  | { do: 'new-page'; reason: string }
  | { do: 'new-browser'; reason: string };

export function initialState(now: number): WatchdogState {
  return {
    phase: 'probing',
    since: now,
    lastBeatAt: null,
    memoryHighSince: null,
    attempts: 0,
    recentCrashes: [],
    reason: 'boot',
  };
}

/** A fixed schedule (no jitter): the watchdog is a pure function of its events and the clock, tested as a table. */
const backoff = (attempts: number, s: WatchdogSettings) =>
  backoffMs(attempts, { baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, jitter: 0 });

export function step(
  st: WatchdogState,
  e: WatchdogEvent,
  now: number,
  cfg: WatchdogSettings = DEFAULT_SETTINGS,
): { state: WatchdogState; actions: WatchdogAction[] } {
  const to = (phase: Phase, patch: Partial<WatchdogState> = {}): WatchdogState => ({ ...st, phase, since: now, ...patch });
  /** Leave the page: probe the server first, then navigate afresh. */
  const restart = (reason: string, inMs = 0) => ({
    state: to('probing', { reason, lastBeatAt: null, memoryHighSince: null }),
    actions: [{ do: 'probe', inMs } as WatchdogAction],
  });
  switch (e.type) {
    case 'server':
      if (st.phase !== 'probing' && st.phase !== 'offline') return { state: st, actions: [] };
      if (e.reachable) return { state: to('loading', { attempts: 0 }), actions: [{ do: 'navigate', reason: st.reason }] };
      {
        const attempts = st.attempts + 1;
        const wait = backoff(attempts, cfg);
        return {
          state: to('offline', { attempts }),
          actions: [
            { do: 'show-connecting', retryInMs: wait },
            { do: 'probe', inMs: wait },
          ],
        };
      }
    case 'loaded':
      // The page is up; heartbeats prove it runs. The stall clock restarts from here.
      return st.phase === 'loading' ? { state: { ...st, since: now }, actions: [] } : { state: st, actions: [] };
    case 'load-failed': {
      if (st.phase !== 'loading') return { state: st, actions: [] };
      const attempts = st.attempts + 1;
      const wait = backoff(attempts, cfg);
      return {
        state: to('offline', { attempts, reason: 'load failed' }),
        actions: [
          { do: 'show-connecting', retryInMs: wait },
          { do: 'probe', inMs: wait },
        ],
      };
    }
    case 'beat': {
      if (st.phase !== 'loading' && st.phase !== 'running') return { state: st, actions: [] };
      const high = e.heapBytes !== null && e.heapBytes > cfg.memoryLimitBytes;
      const state: WatchdogState = {
        ...st,
        phase: 'running',
        since: st.phase === 'running' ? st.since : now,
        lastBeatAt: now,
        memoryHighSince: high ? (st.memoryHighSince ?? now) : null,
      };
      if (state.memoryHighSince !== null && now - state.memoryHighSince >= cfg.memoryWaitMs) {
        st = state;
        return restart('memory above the limit (no page boundary in time)');
      }
      return { state, actions: [] };
    }
    case 'boundary':
      if (st.phase === 'running' && st.memoryHighSince !== null) return restart('memory above the limit, at a page boundary');
      return { state: st, actions: [] };
    case 'tick': {
      if (st.phase !== 'loading' && st.phase !== 'running') return { state: st, actions: [] };
      const quietSince = Math.max(st.lastBeatAt ?? st.since, st.since);
      if (now - quietSince >= cfg.stallMs)
        return restart(st.phase === 'loading' ? 'no heartbeat after loading' : 'heartbeats stopped');
      return { state: st, actions: [] };
    }
    case 'crash':
    case 'closed': {
      const recentCrashes = [...st.recentCrashes.filter((t) => now - t < cfg.crashWindowMs), now];
      const wait = recentCrashes.length > 1 ? backoff(recentCrashes.length - 1, cfg) : 0;
      const reason = e.type === 'crash' ? 'renderer crashed' : 'browser closed';
      return {
        state: to('probing', { reason, lastBeatAt: null, memoryHighSince: null, recentCrashes }),
        actions: [e.type === 'crash' ? { do: 'new-page', reason } : { do: 'new-browser', reason }, { do: 'probe', inMs: wait }],
      };
    }
  }
}
