/**
 * `screen:layout-changed { screen }`: staff published a page or a wall (or a file was edited by hand)
 * that this wall shows. The wall fetches its layout again and swaps it in place — no page reload, the
 * live connection and its snapshots stay. The event concerns this wall when it names the screen the page
 * was opened as, its display, or a page of its playlist.
 */
import { useEffect, useEffectEvent } from 'react';
import type { ScreenPayload } from '../../../contract/http.ts';
import type { LiveClient } from '../live/client.ts';

export function concernsWall(named: string, screen: string, payload: ScreenPayload | null): boolean {
  if (named === screen) return true;
  if (!payload) return false;
  if (payload.screen.id === named) return true;
  const d = payload.display;
  return !!d && (d.display.id === named || d.wall.id === named || d.pages.some((p) => p.id === named));
}

/** Calls `onChange` for every layout change concerning this wall (the caller refetches). */
export function useLayoutChanges(client: LiveClient, screen: string, payload: ScreenPayload | null, onChange: () => void): void {
  const changed = useEffectEvent(onChange);
  useEffect(() => {
    const on = (e: { screen?: unknown }) => {
      if (typeof e?.screen === 'string' && concernsWall(e.screen, screen, payload)) changed();
    };
    client.socket.on('screen:layout-changed', on);
    return () => {
      client.socket.off('screen:layout-changed', on);
    };
  }, [client, screen, payload]);
}
