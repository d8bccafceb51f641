/**
 * The wall page's side of screen operation: heartbeats to the server over the page's one socket (what it
 * shows, build, heap), a local heartbeat to the kiosk that drives it (window.__kioskBeat, exposed by
 * kiosk/launch-screen.ts; absent in an ordinary browser), and staff's remote commands. Listeners and the
 * timer are removed on unmount: the page runs for weeks.
 */
import { useEffect, useEffectEvent } from 'react';
import type { KioskSignal } from '../../../contract/kiosk.ts';
import type { ScreenCommand, ScreenHeartbeat } from '../../../contract/messages.ts';
import type { LiveClient } from '../live/client.ts';

type KioskWindow = Window & { __kioskBeat?: (s: KioskSignal) => unknown };

/** Tells the kiosk (when there is one) that the page is alive, or that it just changed page. */
export function kioskSignal(s: KioskSignal): void {
  const beat = (window as KioskWindow).__kioskBeat;
  if (typeof beat !== 'function') return;
  try {
    void Promise.resolve(beat(s)).catch(() => {});
  } catch {
    // The kiosk went away: nothing to tell.
  }
}

export function heapBytes(): number | null {
  const m = (performance as Performance & { memory?: { usedJSHeapSize?: number } }).memory;
  return typeof m?.usedJSHeapSize === 'number' ? Math.round(m.usedJSHeapSize) : null;
}

/** The dashboard build: the hash in the main script's file name (e.g. "index-Bx3k9"), else "dev". */
export function buildVersion(): string {
  const src = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? '';
  const m = /\/([\w-]+)\.js(\?|$)/.exec(src);
  return (m?.[1] ?? 'dev').slice(0, 64);
}

export type ShownState = Pick<ScreenHeartbeat, 'page' | 'index' | 'count' | 'paused' | 'takeover'>;

export function useScreenAgent(opts: {
  client: LiveClient;
  screen: string;
  heartbeatS: number;
  shown: () => ShownState;
  onCommand: (c: ScreenCommand) => void;
}): void {
  // The latest callbacks, read when a heartbeat or command happens; they never restart the timer.
  const shown = useEffectEvent(opts.shown);
  const onCommand = useEffectEvent(opts.onCommand);
  const { client, screen, heartbeatS } = opts;
  useEffect(() => {
    const started = performance.now();
    const version = buildVersion();
    const seen = new Set<string>();
    const send = () => {
      const s = shown();
      const heap = heapBytes();
      kioskSignal({ type: 'beat', page: s.page, heapBytes: heap });
      // Never queue heartbeats while offline: socket.io would buffer them all and replay them later.
      if (!client.socket.connected) return;
      const hb: ScreenHeartbeat = {
        screen,
        ...s,
        version,
        heapBytes: heap,
        uptimeS: Math.round((performance.now() - started) / 1000),
      };
      client.socket.volatile.emit('screen:heartbeat', hb);
    };
    const onCmd = (c: ScreenCommand) => {
      if (!c || typeof c !== 'object' || typeof c.type !== 'string' || typeof c.id !== 'string') return;
      if (seen.has(c.id)) return;
      seen.add(c.id);
      if (seen.size > 100) seen.delete(seen.values().next().value!);
      onCommand(c);
      send();
    };
    const timer = setInterval(send, Math.max(1, heartbeatS) * 1000);
    client.socket.on('connect', send);
    client.socket.on('screen:command', onCmd);
    send();
    return () => {
      clearInterval(timer);
      client.socket.off('connect', send);
      client.socket.off('screen:command', onCmd);
    };
  }, [client, screen, heartbeatS]);
}
