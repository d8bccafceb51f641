/**
 * Pulses of new alerts: DOM markers animated by CSS (compositor only; map.css), not a deck.gl layer:
 * animating a layer meant a React render and a redraw of every layer 8 times a second while any alert
 * was new. A marker is added when its pulse appears and removed when it leaves the list; the map's
 * release removes what is left (useMapInstance.ts).
 */
import { useEffect } from 'react';
import * as maplibregl from 'maplibre-gl';
import { pulseLook, type Pulse } from './layers.ts';
import type { MapInstance } from './useMapInstance.ts';

export function usePulseMarkers(instance: MapInstance | null, pulses: readonly Pulse[]): void {
  useEffect(() => {
    if (!instance) return;
    const { map, markers } = instance;
    const want = new Map(pulses.map((x) => [x.id, x] as const));
    for (const [id, m] of markers) {
      if (want.has(id)) continue;
      m.remove();
      markers.delete(id);
    }
    // A pulse added late resumes at its age (a negative animation delay).
    const now = Date.now();
    for (const [id, x] of want) {
      if (markers.has(id)) continue;
      const el = document.createElement('div');
      const look = pulseLook(x, now);
      el.className = 'map-pulse';
      el.setAttribute('aria-hidden', 'true');
      el.style.setProperty('--pulse-color', look.color);
      el.style.setProperty('--pulse-delay', `${look.delayMs}ms`);
      markers.set(id, new maplibregl.Marker({ element: el }).setLngLat([x.lon, x.lat]).addTo(map));
    }
  }, [instance, pulses]);
}
