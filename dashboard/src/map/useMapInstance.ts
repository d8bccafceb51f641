/**
 * The MapLibre map and its deck.gl overlay (@deck.gl/maplibre MapLibreOverlay, interleaved: one canvas and
 * one WebGL context), created once when the map's element mounts and released when it unmounts. Also
 * what the instance itself does: picking a commune on tap or click, following its element's size, and
 * keeping the camera on `bounds`. Later renders never recreate it; layers go to `instance.overlay`.
 *
 * Created from a ref callback (React 19 runs its cleanup on detach): the map needs the mounted element,
 * and a failure to create it (no WebGL) is state the view shows.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { BBox, CommuneFeature, FeatureCollection, Position } from './geo.ts';
import { LAYER_IDS } from './layers.ts';
import { FIT_PADDING_PX, styleFor } from './map-style.ts';

// MapLibre's worker is its own file, served as a hashed asset of our origin.
maplibregl.setWorkerUrl(maplibreWorkerUrl);

export interface MapInstance {
  map: maplibregl.Map;
  overlay: MapLibreOverlay;
  /** Pulse markers by alert id (usePulseMarkers.ts); removed with the map. */
  markers: Map<string, maplibregl.Marker>;
}

/** Lon/lat → pixels in the map's element, as the camera stands now. */
export type Projector = (p: Position) => [number, number];

export interface MapInstanceOptions {
  /** Drawn under the communes; read when the map is created. */
  provinces: FeatureCollection<CommuneFeature> | null | undefined;
  /** Interactive (tablet): pan/zoom by touch and mouse; read when the map is created. */
  interactive: boolean;
  /** What the camera shows; followed when it changes and when the element is resized. */
  bounds: BBox;
  onSelect: ((code: string | null) => void) | undefined;
}

export interface MapInstanceState {
  /** The ref of the map's element. */
  attach: (el: HTMLDivElement | null) => (() => void) | undefined;
  instance: MapInstance | null;
  /** A new function after each camera move (labels are laid out again), null before the map loaded. */
  projector: Projector | null;
  /** Why the map could not be created (WebGL), or null. */
  failed: string | null;
}

/** The parts of deck.gl's (private) WebGL device the unmount releases. */
interface DeckDevice {
  canvasContext?: { destroy(): void } | null;
  gl?: WebGL2RenderingContext;
}

export function useMapInstance(o: MapInstanceOptions): MapInstanceState {
  const [instance, setInstance] = useState<MapInstance | null>(null);
  const [projector, setProjector] = useState<Projector | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The options as of the last render, for the map's own callbacks (click, resize) and its creation.
  const latest = useRef(o);
  useLayoutEffect(() => {
    latest.current = o;
  });

  const attach = useCallback((el: HTMLDivElement | null) => {
    if (!el) return undefined;
    const created = createMap(el, latest.current, {
      select: (code) => latest.current.onSelect?.(code),
      bounds: () => latest.current.bounds,
      moved: (project) => setProjector(() => project),
    });
    if (typeof created === 'string') {
      setFailed(created);
      return undefined;
    }
    setInstance(created.instance);
    return () => {
      setInstance(null);
      setProjector(null);
      created.release();
    };
  }, []);

  // Camera: view or focus changed.
  const { bounds } = o;
  useEffect(() => {
    instance?.map.fitBounds(bounds, { padding: FIT_PADDING_PX, animate: false });
  }, [instance, bounds]);

  return { attach, instance, projector, failed };
}

/** The map, its overlay and their listeners, or the reason they could not be created. */
function createMap(
  el: HTMLDivElement,
  init: Pick<MapInstanceOptions, 'provinces' | 'interactive' | 'bounds'>,
  on: { select(code: string | null): void; bounds(): BBox; moved(project: Projector): void },
): { instance: MapInstance; release(): void } | string {
  let map: maplibregl.Map;
  try {
    map = new maplibregl.Map({
      container: el,
      style: styleFor(init.provinces),
      bounds: init.bounds,
      fitBoundsOptions: { padding: FIT_PADDING_PX },
      attributionControl: false,
      interactive: init.interactive,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
      renderWorldCopies: false,
      fadeDuration: 0,
      canvasContextAttributes: { antialias: false, preserveDrawingBuffer: false },
    });
  } catch (err) {
    return (err as Error).message || 'WebGL';
  }
  if (init.interactive) map.touchZoomRotate.disableRotation();
  // @deck.gl/maplibre, not @deck.gl/mapbox: the latter reads `map.transform`, which MapLibre 6 removed,
  // so its interleaved mode throws on every frame (visgl/deck.gl#10501).
  const overlay = new MapLibreOverlay({
    // Interleaved: deck.gl draws into MapLibre's WebGL context. One canvas and one context per map instead
    // of two: less GPU memory, one surface for the compositor, and where Chromium composites in software
    // one read-back of the canvas per frame instead of two (a redraw ~20 % cheaper in bench/map-frame.ts).
    interleaved: true,
    layers: [],
  });
  // Taps and clicks come from MapLibre (a touch tap is a `click` too) and are picked here: the
  // interleaved overlay of @deck.gl/maplibre 9.4 forwards no pointer events to deck.gl.
  map.on('click', (e) => {
    let info: ReturnType<MapLibreOverlay['pickObject']>;
    try {
      info = overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 6, layerIds: [LAYER_IDS.communes] });
    } catch {
      return; // a tap before deck.gl's first frame: nothing to pick yet
    }
    on.select((info?.object as CommuneFeature | undefined)?.properties?.code ?? null);
  });
  map.addControl(overlay);
  const moved = () =>
    on.moved((pos) => {
      const pt = map.project(pos);
      return [pt.x, pt.y];
    });
  map.on('moveend', moved);
  map.on('load', moved);
  const instance: MapInstance = { map, overlay, markers: new Map() };
  // Test and bench hook; cleared on release so a rotated-away map is not kept alive (soak leak).
  const hook = window as unknown as { __iocMap?: { map: maplibregl.Map } };
  hook.__iocMap = { map, overlay } as never;
  const ro = new ResizeObserver(() => {
    map.resize();
    map.fitBounds(on.bounds(), { padding: FIT_PADDING_PX, animate: false });
  });
  ro.observe(el);
  const release = () => {
    if (hook.__iocMap?.map === map) delete hook.__iocMap;
    ro.disconnect();
    for (const m of instance.markers.values()) m.remove();
    instance.markers.clear();
    // deck.gl 9.4's finalize() drops its WebGL device without destroying the device's canvas context
    // (visgl/deck.gl#10355): its ResizeObserver, IntersectionObserver and DPR listener stay attached
    // and keep the detached canvas, every GPU buffer and the whole Deck alive. On a wall that rotates
    // pages that is one map's worth of memory per visit, so we release them ourselves.
    const device = (overlay as unknown as { _deck?: { device?: DeckDevice } })._deck?.device;
    const canvasContext = device?.canvasContext;
    map.removeControl(overlay);
    overlay.finalize();
    canvasContext?.destroy();
    device?.gl?.getExtension('WEBGL_lose_context')?.loseContext();
    map.remove();
  };
  return { instance, release };
}
