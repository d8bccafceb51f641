/**
 * Layer specifications of the province map, as plain props objects: the component wraps each in its
 * deck.gl class (`new GeoJsonLayer(spec)`), so these builders stay pure and table-tested.
 *
 * Live updates change `data` or `updateTriggers`, never the layer ids: deck.gl matches layers by id and
 * keeps their GPU state, so a new figure recolours 65 polygons without re-tessellating them, and a new
 * alert re-uploads the alert buffers (binary attributes, see AlertBuffer) without walking 20,000 objects.
 */
import type { CameraState, Severity } from '../../../contract/alerts.ts';
import { labelPoint, type CommuneFeature, type Position } from './geo.ts';
import { NO_DATA, type RGBA } from './scale.ts';

export const LAYER_IDS = {
  communes: 'communes',
  labels: 'commune-labels',
  heat: 'alert-heat',
  alerts: 'alert-points',
  cameras: 'cameras',
} as const;

/** Fixed across the product (docs/wall-design.md): info, low, medium, high, critical. */
export const SEVERITY_RGBA: Record<Severity, RGBA> = {
  info: [150, 160, 175, 255],
  low: [77, 184, 255, 255],
  medium: [255, 212, 92, 255],
  high: [255, 154, 60, 255],
  critical: [255, 77, 109, 255],
};

/** Camera status: blue when working, amber degraded, orange-red offline, grey disabled/unknown. */
export const CAMERA_RGBA: Record<CameraState | 'none', RGBA> = {
  online: [77, 184, 255, 230],
  degraded: [255, 212, 92, 240],
  offline: [255, 110, 60, 255],
  disabled: [110, 118, 130, 200],
  unknown: [160, 166, 176, 200],
  none: [160, 166, 176, 200],
};

export interface ChoroplethInput {
  features: readonly CommuneFeature[];
  /** Fill per commune code; missing → NO_DATA. */
  fills: ReadonlyMap<string, RGBA>;
  /** Changes whenever `fills` changes (e.g. the group version + indicator + period). */
  fillsKey: string;
  selected: string | null;
  /** Communes whose figure is approximate (partial crosswalk): drawn with a dashed-like thick outline. */
  approximate?: ReadonlySet<string>;
}

export function choroplethSpec(i: ChoroplethInput) {
  const approx = i.approximate ?? new Set<string>();
  return {
    id: LAYER_IDS.communes,
    data: i.features,
    pickable: true,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels' as const,
    getFillColor: (f: CommuneFeature): RGBA => i.fills.get(f.properties.code) ?? NO_DATA,
    getLineColor: (f: CommuneFeature): RGBA =>
      f.properties.code === i.selected
        ? [255, 255, 255, 255]
        : approx.has(f.properties.code)
          ? [255, 212, 92, 255]
          : [8, 14, 22, 220],
    getLineWidth: (f: CommuneFeature): number => (f.properties.code === i.selected ? 4 : approx.has(f.properties.code) ? 2.5 : 1),
    updateTriggers: {
      getFillColor: i.fillsKey,
      getLineColor: `${i.selected}|${[...approx].join(',')}`,
      getLineWidth: `${i.selected}|${[...approx].join(',')}`,
    },
  };
}

export interface LabelDatum {
  code: string;
  text: string;
  position: Position;
}

/** One label per commune at its label point. Computed once per geometry set. */
export function labelData(features: readonly CommuneFeature[]): LabelDatum[] {
  return features.map((f) => ({ code: f.properties.code, text: f.properties.name, position: labelPoint(f.geometry) }));
}

/**
 * Commune names drawn by deck.gl's TextLayer: its font atlas is built in the page from the locally
 * served 'Be Vietnam Pro', so no glyph server is needed (MapLibre symbol layers would need glyph PBFs).
 * `characterSet: 'auto'` collects every character of the names, Vietnamese diacritics included.
 */
export function labelSpec(data: readonly LabelDatum[], sizePx: number, selected: string | null) {
  return {
    id: LAYER_IDS.labels,
    data,
    characterSet: 'auto' as const,
    fontFamily: "'Be Vietnam Pro', system-ui, sans-serif",
    fontWeight: 600,
    getText: (d: LabelDatum) => d.text,
    getPosition: (d: LabelDatum) => d.position,
    getSize: sizePx,
    sizeUnits: 'pixels' as const,
    getColor: (d: LabelDatum): RGBA => (d.code === selected ? [255, 255, 255, 255] : [238, 243, 249, 235]),
    outlineWidth: 3,
    outlineColor: [5, 8, 13, 230] as RGBA,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    getTextAnchor: 'middle' as const,
    getAlignmentBaseline: 'center' as const,
    pickable: false,
    updateTriggers: { getColor: selected },
  };
}

export interface CameraPoint {
  id: string;
  name: string;
  lon: number;
  lat: number;
  state: CameraState | null;
}

/**
 * Cameras as binary points (CameraBuffer). Not pickable: a tap on a camera dot is a tap on its commune,
 * which is what a chairman drilling down means.
 */
export function cameraSpec(points: BinaryPoints, colorsVersion: number, radiusPx: number) {
  return {
    id: LAYER_IDS.cameras,
    data: points,
    // The colours change in place (CameraBuffer): only they are uploaded again.
    updateTriggers: { getFillColor: colorsVersion },
    pickable: false,
    radiusUnits: 'pixels' as const,
    getRadius: radiusPx,
    stroked: true,
    lineWidthUnits: 'pixels' as const,
    getLineWidth: 1.5,
    getLineColor: [5, 8, 13, 255] as RGBA,
  };
}

/** Binary attribute data of points: alerts (AlertBuffer.binary()) and cameras (CameraBuffer.sync()). */
export interface BinaryPoints {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

export function alertPointSpec(points: BinaryPoints, radiusPx: number) {
  return {
    id: LAYER_IDS.alerts,
    data: points,
    pickable: false,
    radiusUnits: 'pixels' as const,
    getRadius: radiusPx,
    opacity: 0.85,
  };
}

export function heatSpec(points: BinaryPoints, radiusPx: number) {
  return {
    id: LAYER_IDS.heat,
    data: points,
    radiusPixels: radiusPx,
    intensity: 1,
    threshold: 0.05,
    // Orange–yellow on the dark map; weights are uniform (one alert = one).
    colorRange: [
      [255, 237, 160],
      [254, 217, 118],
      [254, 178, 76],
      [253, 141, 60],
      [240, 59, 32],
      [189, 0, 38],
    ] as [number, number, number][],
    getWeight: 1,
    aggregation: 'SUM' as const,
  };
}

export interface Pulse {
  id: string;
  lon: number;
  lat: number;
  severity: Severity;
  /** ms since the alert arrived (our clock). */
  bornAt: number;
}

/** Pulses live this long, a ring every 2 s fading out; then the alert stays as a point. */
export const PULSE_MS = 30_000;

/**
 * How a pulse marker looks (map.css animates it): the severity colour, and a negative animation delay
 * equal to its age, so a pulse that was already 12 s old when the map mounted (a page switch, a
 * reload) goes on fading from where it was instead of starting again.
 */
export function pulseLook(p: Pulse, nowMs: number): { color: string; delayMs: number } {
  const c = SEVERITY_RGBA[p.severity] ?? SEVERITY_RGBA.info;
  const age = Math.min(PULSE_MS, Math.max(0, nowMs - p.bornAt));
  return { color: `rgb(${c[0]}, ${c[1]}, ${c[2]})`, delayMs: age ? -age : 0 };
}

/**
 * Keeps the labels that fit without overlapping, in priority order (the caller sorts, e.g. by commune
 * area): a wall seen from 6 m needs fewer, readable names rather than 65 on top of each other.
 * `project` maps lon/lat to screen pixels; widths are estimated from the character count.
 */
export function declutter<T extends LabelDatum>(
  labels: readonly T[],
  project: (p: Position) => [number, number],
  sizePx: number,
  pad = 4,
): T[] {
  const boxes: [number, number, number, number][] = [];
  const out: T[] = [];
  for (const l of labels) {
    const [x, y] = project(l.position);
    const w = l.text.length * sizePx * 0.58 + pad * 2;
    const h = sizePx * 1.25 + pad * 2;
    const b: [number, number, number, number] = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
    if (boxes.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1])) continue;
    boxes.push(b);
    out.push(l);
  }
  return out;
}
