/**
 * MapLibre base map (project style: background + GeoJSON only, no tiles, glyphs or sprites) with the
 * deck.gl layers (@deck.gl/maplibre MapLibreOverlay, interleaved) drawn into the same WebGL context. The
 * map and overlay are created once per mount; later renders only call overlay.setProps({ layers }) with
 * layers built from the pure specs in layers.ts (same ids: deck.gl keeps their GPU state and updates what
 * data/updateTriggers say).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import type { StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import {
  HOANG_SA,
  KHANH_HOA_MAINLAND,
  TRUONG_SA,
  TRUONG_SA_CODE,
  VIETNAM_MAINLAND,
  bboxOfPolygons,
  insetPath,
  partsWithin,
  polygonsOf,
  type BBox,
  type CommuneFeature,
  type FeatureCollection,
} from './geo.ts';
import {
  LAYER_IDS,
  alertPointSpec,
  cameraSpec,
  choroplethSpec,
  declutter,
  heatSpec,
  labelData,
  labelSpec,
  pulseLook,
  type BinaryPoints,
  type Pulse,
} from './layers.ts';
import { cssColor, NO_DATA, type RGBA } from './scale.ts';
import type { CameraPoints } from './camera-buffer.ts';

export type MapLayerName = 'choropleth' | 'labels' | 'cameras' | 'alerts' | 'heat';

export interface MapViewProps {
  communes: FeatureCollection<CommuneFeature>;
  provinces?: FeatureCollection<CommuneFeature> | null;
  view: 'province' | 'national';
  layers: readonly MapLayerName[];
  fills: ReadonlyMap<string, RGBA>;
  fillsKey: string;
  approximate?: ReadonlySet<string>;
  selected?: string | null;
  focus?: string | null;
  onSelect?: (code: string | null) => void;
  cameras?: CameraPoints | null;
  alertPoints?: BinaryPoints | null;
  heatPoints?: BinaryPoints | null;
  pulses?: readonly Pulse[];
  /** Interactive (tablet): pan/zoom by touch and mouse. The wall is not. */
  interactive?: boolean;
  /** Label size in CSS pixels. */
  labelPx?: number;
  attribution: string;
  licencesUrl: string;
}

// MapLibre's worker is its own file, served as a hashed asset of our origin.
maplibregl.setWorkerUrl(maplibreWorkerUrl);

const EMPTY_FC = { type: 'FeatureCollection', features: [] } as const;

function styleFor(provinces: FeatureCollection<CommuneFeature> | null | undefined): StyleSpecification {
  return {
    version: 8,
    name: 'ioc-offline',
    sources: { provinces: { type: 'geojson', data: (provinces ?? EMPTY_FC) as never } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#071421' } },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#1a2433', 'fill-opacity': 1 } },
      { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#3a4c66', 'line-width': 1 } },
    ],
  };
}

function boundsOf(view: 'province' | 'national', focus: CommuneFeature | undefined): BBox {
  if (focus) return bboxOfPolygons(polygonsOf(focus.geometry)) ?? KHANH_HOA_MAINLAND;
  return view === 'national' ? VIETNAM_MAINLAND : KHANH_HOA_MAINLAND;
}

/** The parts of deck.gl's (private) WebGL device the unmount releases. */
const NO_PULSES: readonly Pulse[] = [];

interface DeckDevice {
  canvasContext?: { destroy(): void } | null;
  gl?: WebGL2RenderingContext;
}

export function MapView(p: MapViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const pulseMarkers = useRef(new Map<string, maplibregl.Marker>());
  const [failed, setFailed] = useState<string | null>(null);
  const onSelect = useRef(p.onSelect);
  onSelect.current = p.onSelect;
  const features = p.communes.features;
  const focusFeature = useMemo(() => (p.focus ? features.find((f) => f.properties.code === p.focus) : undefined), [features, p.focus]);
  // Larger communes first: they keep their names when labels would overlap.
  const allLabels = useMemo(() => {
    const area = (f: CommuneFeature) => {
      const b = bboxOfPolygons(polygonsOf(f.geometry));
      return b ? (b[2] - b[0]) * (b[3] - b[1]) : 0;
    };
    const sorted = features.filter((f) => f.properties.code !== TRUONG_SA_CODE).sort((a, b) => area(b) - area(a));
    return labelData(sorted);
  }, [features]);
  // The same array every render: the inset's path is memoized on it.
  const truongSa = useMemo(() => features.filter((f) => f.properties.code === TRUONG_SA_CODE), [features]);
  const [viewTick, setViewTick] = useState(0);
  const labelPx = p.labelPx ?? 15;
  const labels = useMemo(() => {
    const map = mapRef.current;
    if (!map) return [];
    return declutter(allLabels, (pos) => {
      const pt = map.project(pos);
      return [pt.x, pt.y];
    }, labelPx);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allLabels, labelPx, viewTick]);

  // Create once.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: el,
        style: styleFor(p.provinces),
        bounds: boundsOf(p.view, focusFeature),
        fitBoundsOptions: { padding: 16 },
        attributionControl: false,
        interactive: p.interactive ?? false,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        maxPitch: 0,
        renderWorldCopies: false,
        fadeDuration: 0,
        canvasContextAttributes: { antialias: false, preserveDrawingBuffer: false },
      });
    } catch (err) {
      setFailed((err as Error).message || 'WebGL');
      return;
    }
    if (p.interactive) map.touchZoomRotate.disableRotation();
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
      let code: string | null = null;
      try {
        const info = overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 6, layerIds: [LAYER_IDS.communes] });
        code = (info?.object as CommuneFeature | undefined)?.properties?.code ?? null;
      } catch {
        return; // a tap before deck.gl's first frame: nothing to pick yet
      }
      onSelect.current?.(code);
    });
    map.addControl(overlay);
    // The layer effect ran before this one on mount (no overlay yet): start from the current layers.
    overlay.setProps({ layers: latestLayers.current });
    map.on('moveend', () => setViewTick((n) => n + 1));
    map.on('load', () => setViewTick((n) => n + 1));
    mapRef.current = map;
    overlayRef.current = overlay;
    // Test and bench hook; cleared on unmount so a rotated-away map is not kept alive (soak leak).
    const hook = window as unknown as { __iocMap?: { map: maplibregl.Map } };
    hook.__iocMap = { map, overlay } as never;
    const ro = new ResizeObserver(() => {
      map.resize();
      map.fitBounds(boundsOf(p.view, focusFeature), { padding: 16, animate: false });
    });
    ro.observe(el);
    return () => {
      if (hook.__iocMap?.map === map) delete hook.__iocMap;
      ro.disconnect();
      // deck.gl 9.4's finalize() drops its WebGL device without destroying the device's canvas context
      // (visgl/deck.gl#10355): its ResizeObserver, IntersectionObserver and DPR listener stay attached
      // and keep the detached canvas, every GPU buffer and the whole Deck alive. On a wall that rotates
      // pages that is one map's worth of memory per visit, so we release them ourselves.
      for (const m of pulseMarkers.current.values()) m.remove();
      pulseMarkers.current.clear();
      const device = (overlay as unknown as { _deck?: { device?: DeckDevice } })._deck?.device;
      const canvasContext = device?.canvasContext;
      map.removeControl(overlay);
      overlay.finalize();
      canvasContext?.destroy();
      device?.gl?.getExtension('WEBGL_lose_context')?.loseContext();
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Camera: view or focus changed.
  useEffect(() => {
    mapRef.current?.fitBounds(boundsOf(p.view, focusFeature), { padding: 16, animate: false });
  }, [p.view, focusFeature]);

  // Layers: descriptors from the pure specs, rebuilt only when an input changed. Every setProps with a new
  // list makes deck.gl diff the layers and redraw the whole map, which costs a frame of its own (hundreds
  // of ms with software GL): a render of the panel for any other reason must not cost one.
  const has = (n: MapLayerName) => p.layers.includes(n);
  const selected = p.selected ?? null;
  // One memo per layer: a layer whose inputs did not change is passed to deck.gl as the same instance,
  // which deck.gl skips (no prop diff, no sublayer rendering for the composite GeoJSON and text layers).
  const choropleth = useMemo(
    () => (has('choropleth') ? new GeoJsonLayer(choroplethSpec({ features, fills: p.fills, fillsKey: p.fillsKey, selected, approximate: p.approximate }) as never) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.layers, features, p.fills, p.fillsKey, selected, p.approximate],
  );
  const heat = useMemo(
    () => (has('heat') && p.heatPoints && p.heatPoints.length > 0 ? new HeatmapLayer(heatSpec(p.heatPoints, 40) as never) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.layers, p.heatPoints],
  );
  const cameraLayer = useMemo(
    () => (has('cameras') && p.cameras?.data.length ? new ScatterplotLayer(cameraSpec(p.cameras.data, p.cameras.colorsVersion, 4) as never) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.layers, p.cameras],
  );
  const alertLayer = useMemo(
    () => (has('alerts') && p.alertPoints && p.alertPoints.length > 0 ? new ScatterplotLayer(alertPointSpec(p.alertPoints, 5) as never) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.layers, p.alertPoints],
  );
  const labelLayer = useMemo(
    () => (has('labels') && p.view === 'province' ? new TextLayer(labelSpec(labels, labelPx, selected) as never) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.layers, p.view, labels, labelPx, selected],
  );
  const layers = useMemo(
    () => [choropleth, heat, cameraLayer, alertLayer, labelLayer].filter((l): l is NonNullable<typeof l> => l !== null) as Layer[],
    [choropleth, heat, cameraLayer, alertLayer, labelLayer],
  );
  const latestLayers = useRef(layers);
  latestLayers.current = layers;
  // Layout effect: the layer diff is scheduled in the same task as the render that caused it.
  useLayoutEffect(() => {
    overlayRef.current?.setProps({ layers });
  }, [layers]);

  // Pulses of new alerts: DOM markers animated by CSS (compositor only), not a deck.gl layer: animating
  // a layer meant a React render and a redraw of every layer 8 times a second while any alert was new.
  const showPulses = has('alerts') && p.pulses?.length ? p.pulses : NO_PULSES;
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const markers = pulseMarkers.current;
    const want = new Map(showPulses.map((x) => [x.id, x] as const));
    for (const [id, m] of markers) if (!want.has(id)) (m.remove(), markers.delete(id));
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
  }, [showPulses]);

  return (
    <div className={`map-view${p.interactive ? ' map-view--interactive' : ''}`} data-testid="map-view" data-pulses={p.pulses?.length ?? 0} data-alert-points={p.alertPoints?.length ?? 0}>
      <div ref={box} className="map-canvas" />
      {failed ? (
        <div className="map-failed" role="alert">
          ⚠ Không khởi tạo được bản đồ (WebGL): {failed}
        </div>
      ) : null}
      {p.view === 'province' ? (
        <Inset
          title="Đặc khu Trường Sa"
          box={TRUONG_SA}
          features={truongSa}
          fill={p.fills.get(TRUONG_SA_CODE) ?? NO_DATA}
          selected={selected === TRUONG_SA_CODE}
          onClick={p.onSelect ? () => p.onSelect?.(TRUONG_SA_CODE) : undefined}
        />
      ) : (
        <div className="map-insets">
          <Inset title="Quần đảo Hoàng Sa (TP Đà Nẵng)" box={HOANG_SA} features={p.provinces?.features ?? []} fill={[90, 104, 124, 255]} />
          <Inset title="Quần đảo Trường Sa (tỉnh Khánh Hòa)" box={TRUONG_SA} features={p.provinces?.features ?? []} fill={[90, 104, 124, 255]} />
        </div>
      )}
      <div className="map-attribution">
        {p.attribution}{' '}
        <a href={p.licencesUrl} target="_blank" rel="noreferrer">
          Giấy phép
        </a>
      </div>
    </div>
  );
}

/** An archipelago drawn as an SVG inset (a second WebGL map for a few reefs would cost a context). */
function Inset(props: { title: string; box: BBox; features: readonly CommuneFeature[]; fill: RGBA; selected?: boolean; onClick?: () => void }) {
  const W = 220;
  const H = 150;
  const d = useMemo(() => insetPath(partsWithin(props.features, props.box), props.box, W, H), [props.features, props.box]);
  const body = (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true">
      <path d={d} fill={cssColor(props.fill)} stroke={props.selected ? '#fff' : '#9fb3cc'} strokeWidth={props.selected ? 2 : 0.8} />
    </svg>
  );
  return (
    <figure className={`map-inset${props.selected ? ' map-inset--selected' : ''}`} data-testid="map-inset">
      {props.onClick ? (
        <button type="button" className="map-inset-button" onClick={props.onClick} aria-label={props.title}>
          {body}
        </button>
      ) : (
        body
      )}
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

export function LegendBox({ legend }: { legend: import('./scale.ts').Legend }) {
  return (
    <div className="map-legend" data-testid="map-legend">
      <div className="map-legend-title">{legend.title}</div>
      <div className="map-legend-sub">
        {legend.periodText} · {legend.unitText}
      </div>
      <ul>
        {legend.items.map((it, i) => (
          <li key={i}>
            <span className="map-swatch" style={{ background: cssColor(it.color) }} />
            {it.label}
          </li>
        ))}
        {legend.noData ? (
          <li>
            <span className="map-swatch" style={{ background: cssColor(legend.noData.color) }} />
            {legend.noData.label} ({legend.noData.count})
          </li>
        ) : null}
      </ul>
      <div className="map-legend-reading">{legend.reading}</div>
    </div>
  );
}
