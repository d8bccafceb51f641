/**
 * Burst coalescing of a group's deltas, for the sockets that asked for it (handshake `auth: { coalesce:
 * true }`; every other socket still gets one `group:updated` per version, as the contract has always said).
 *
 * Leading edge and window: the first update of a group after a quiet window goes out at once, so a lone
 * commit waits for nothing. Updates that follow it within `windowMs` are held and merged; when the window
 * ends they go out as one `group:updated` carrying `fromVersion` (the first version merged in) and `version`
 * (the last), and a new window starts, so a long burst is one message per window. The merged delta holds each
 * value's last state, in the versions' order: applied to a state anywhere from `fromVersion - 1` to
 * `version - 1` it gives exactly the state the originals applied one by one give (a value changed only in
 * versions the client already has is set again to what it already holds). A client at a version below
 * `fromVersion - 1` has a gap and subscribes again, as before; versions never go backwards.
 */
import type { GroupUpdated, IndicatorValue } from '../../contract/messages.ts';
import { valueKey } from '../../contract/value-key.ts';

/**
 * The delta equivalent to `a` then `b`, or null when `b` does not directly follow `a` (another group, or
 * not the next version): such updates are never merged.
 */
export function mergeUpdates(a: GroupUpdated, b: GroupUpdated): GroupUpdated | null {
  if (a.group !== b.group || b.version !== a.version + 1) return null;
  const changes = new Map<string, IndicatorValue>();
  for (const c of a.changes) changes.set(valueKey(c), c);
  for (const c of b.changes) {
    const key = valueKey(c);
    // Moved to the end: the merged list keeps the order in which each value last changed.
    changes.delete(key);
    changes.set(key, c);
  }
  return {
    group: a.group,
    fromVersion: a.fromVersion ?? a.version,
    version: b.version,
    at: b.at,
    changes: [...changes.values()],
  };
}

export interface Coalescer {
  /** An update in feed order (after the cache applied it). */
  push(update: GroupUpdated): void;
  /** Sends what is held for the group now (before its subscribers are told to resync). */
  flush(group: string): void;
  /** Sends everything held and stops the timers. */
  close(): void;
}

interface Window {
  timer: ReturnType<typeof setTimeout>;
  held: GroupUpdated | null;
}

/** `windowMs` 0: every update is sent as it comes (no coalescing). */
export function createCoalescer(windowMs: number, send: (update: GroupUpdated) => void): Coalescer {
  const windows = new Map<string, Window>();
  const open = (group: string): Window => {
    const w: Window = { held: null, timer: setTimeout(() => end(group), windowMs) };
    w.timer.unref?.();
    windows.set(group, w);
    return w;
  };
  const end = (group: string) => {
    const w = windows.get(group);
    if (!w) return;
    windows.delete(group);
    if (w.held) {
      // The burst goes on: what was held goes out now, and the next window starts.
      send(w.held);
      open(group);
    }
  };
  const flush = (group: string) => {
    const w = windows.get(group);
    if (!w) return;
    clearTimeout(w.timer);
    windows.delete(group);
    if (w.held) send(w.held);
  };
  return {
    push(u) {
      if (windowMs <= 0) return send(u);
      const w = windows.get(u.group);
      if (!w) {
        send(u);
        open(u.group);
        return;
      }
      if (!w.held) {
        w.held = u;
        return;
      }
      const merged = mergeUpdates(w.held, u);
      if (merged) {
        w.held = merged;
        return;
      }
      // Not contiguous (the cache only relays a continuous feed, so this is defensive): no merge across it.
      send(w.held);
      w.held = u;
    },
    flush,
    close() {
      for (const group of [...windows.keys()]) flush(group);
    },
  };
}
