/**
 * The province map: MapLibre base map with the deck.gl layers drawn into the same WebGL context, the
 * Trường Sa / Hoàng Sa insets, and the attribution. The parts live beside it: the map's lifecycle,
 * picking and camera (useMapInstance.ts), the layers (useDeckLayers.ts), the alert pulses
 * (usePulseMarkers.ts), the base style and bounds (map-style.ts). The map is created once per mount;
 * later renders only hand deck.gl a new layer list when a layer's inputs changed.
 */
import { useLayoutEffect, useMemo } from 'react';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { HOANG_SA, TRUONG_SA, TRUONG_SA_CODE, type CommuneFeature, type FeatureCollection } from './geo.ts';
import type { BinaryPoints, Pulse } from './layers.ts';
import { NO_DATA, type RGBA } from './scale.ts';
import type { CameraPoints } from './camera-buffer.ts';
import { boundsOf } from './map-style.ts';
import { Inset } from './Inset.tsx';
import { useDeckLayers, type MapLayerName } from './useDeckLayers.ts';
import { useMapInstance } from './useMapInstance.ts';
import { usePulseMarkers } from './usePulseMarkers.ts';

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

const NO_PULSES: readonly Pulse[] = [];
const ISLAND_FILL: RGBA = [90, 104, 124, 255];

export function MapView(p: MapViewProps) {
  const features = p.communes.features;
  const selected = p.selected ?? null;
  const focusFeature = useMemo(
    () => (p.focus ? features.find((f) => f.properties.code === p.focus) : undefined),
    [features, p.focus],
  );
  const bounds = useMemo(() => boundsOf(p.view, focusFeature), [p.view, focusFeature]);
  const { attach, instance, projector, failed } = useMapInstance({
    provinces: p.provinces,
    interactive: p.interactive ?? false,
    bounds,
    onSelect: p.onSelect,
  });

  const layers = useDeckLayers({
    layers: p.layers,
    view: p.view,
    features,
    fills: p.fills,
    fillsKey: p.fillsKey,
    approximate: p.approximate,
    selected,
    cameras: p.cameras,
    alertPoints: p.alertPoints,
    heatPoints: p.heatPoints,
    labelPx: p.labelPx ?? 15,
    projector,
  });
  // Layout effect: the layer diff is scheduled in the same task as the render that caused it.
  useLayoutEffect(() => {
    instance?.overlay.setProps({ layers });
  }, [instance, layers]);

  usePulseMarkers(instance, p.layers.includes('alerts') && p.pulses?.length ? p.pulses : NO_PULSES);

  // The same array every render: the inset's path is memoized on it.
  const truongSa = useMemo(() => features.filter((f) => f.properties.code === TRUONG_SA_CODE), [features]);
  const { onSelect } = p;
  return (
    <div
      className={`map-view${p.interactive ? ' map-view--interactive' : ''}`}
      data-testid="map-view"
      data-pulses={p.pulses?.length ?? 0}
      data-alert-points={p.alertPoints?.length ?? 0}
    >
      <div ref={attach} className="map-canvas" />
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
          onClick={onSelect ? () => onSelect(TRUONG_SA_CODE) : undefined}
        />
      ) : (
        <div className="map-insets">
          <Inset
            title="Quần đảo Hoàng Sa (TP Đà Nẵng)"
            box={HOANG_SA}
            features={p.provinces?.features ?? []}
            fill={ISLAND_FILL}
          />
          <Inset
            title="Quần đảo Trường Sa (tỉnh Khánh Hòa)"
            box={TRUONG_SA}
            features={p.provinces?.features ?? []}
            fill={ISLAND_FILL}
          />
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
