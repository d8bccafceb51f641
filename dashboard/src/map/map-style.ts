/**
 * The base map MapLibre draws (project style: background + the provinces as GeoJSON; no tiles, glyphs or
 * sprites, so nothing is fetched from outside), and where the camera looks. Pure.
 */
import type { StyleSpecification } from 'maplibre-gl';
import {
  KHANH_HOA_MAINLAND,
  VIETNAM_MAINLAND,
  bboxOfPolygons,
  polygonsOf,
  type BBox,
  type CommuneFeature,
  type FeatureCollection,
} from './geo.ts';

/** Room between the fitted bounds and the map's edge. */
export const FIT_PADDING_PX = 16;

const EMPTY_FC = { type: 'FeatureCollection', features: [] } as const;

export function styleFor(provinces: FeatureCollection<CommuneFeature> | null | undefined): StyleSpecification {
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

/** A focused commune's own box; else the province's mainland, or the country's (islands are insets). */
export function boundsOf(view: 'province' | 'national', focus: CommuneFeature | undefined): BBox {
  if (focus) return bboxOfPolygons(polygonsOf(focus.geometry)) ?? KHANH_HOA_MAINLAND;
  return view === 'national' ? VIETNAM_MAINLAND : KHANH_HOA_MAINLAND;
}
