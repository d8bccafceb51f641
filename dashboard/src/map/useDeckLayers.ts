/**
 * The deck.gl layers of the map, from the pure specs in layers.ts, each rebuilt only when its own inputs
 * changed. Every new list makes deck.gl diff the layers and redraw the whole map, which costs a frame of
 * its own (hundreds of ms with software GL): a render of the panel for any other reason must not cost one,
 * and a layer whose inputs did not change is passed as the same instance, which deck.gl skips (no prop
 * diff, no sublayer rendering for the composite GeoJSON and text layers). Ids stay the same, so deck.gl
 * keeps their GPU state and updates what data/updateTriggers say.
 */
import { useMemo } from 'react';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { TRUONG_SA_CODE, bboxOfPolygons, polygonsOf, type CommuneFeature } from './geo.ts';
import {
  alertPointSpec,
  cameraSpec,
  choroplethSpec,
  declutter,
  heatSpec,
  labelData,
  labelSpec,
  type BinaryPoints,
} from './layers.ts';
import type { CameraPoints } from './camera-buffer.ts';
import type { RGBA } from './scale.ts';
import type { Projector } from './useMapInstance.ts';

export type MapLayerName = 'choropleth' | 'labels' | 'cameras' | 'alerts' | 'heat';

export interface DeckLayerInputs {
  layers: readonly MapLayerName[];
  view: 'province' | 'national';
  features: readonly CommuneFeature[];
  fills: ReadonlyMap<string, RGBA>;
  fillsKey: string;
  approximate: ReadonlySet<string> | undefined;
  selected: string | null;
  cameras: CameraPoints | null | undefined;
  alertPoints: BinaryPoints | null | undefined;
  heatPoints: BinaryPoints | null | undefined;
  labelPx: number;
  /** The map's projection as the camera stands (labels are decluttered in screen space); null before it loaded. */
  projector: Projector | null;
}

export function useDeckLayers(i: DeckLayerInputs): Layer[] {
  const { features, fills, fillsKey, approximate, selected, cameras, alertPoints, heatPoints, labelPx, projector } = i;
  const showChoropleth = i.layers.includes('choropleth');
  const showHeat = i.layers.includes('heat');
  const showCameras = i.layers.includes('cameras');
  const showAlerts = i.layers.includes('alerts');
  const showLabels = i.layers.includes('labels') && i.view === 'province';

  // Larger communes first: they keep their names when labels would overlap.
  const allLabels = useMemo(() => {
    const area = (f: CommuneFeature) => {
      const b = bboxOfPolygons(polygonsOf(f.geometry));
      return b ? (b[2] - b[0]) * (b[3] - b[1]) : 0;
    };
    const sorted = features.filter((f) => f.properties.code !== TRUONG_SA_CODE).sort((a, b) => area(b) - area(a));
    return labelData(sorted);
  }, [features]);
  const labels = useMemo(() => (projector ? declutter(allLabels, projector, labelPx) : []), [allLabels, projector, labelPx]);

  const choropleth = useMemo(
    () =>
      showChoropleth ? new GeoJsonLayer(choroplethSpec({ features, fills, fillsKey, selected, approximate }) as never) : null,
    [showChoropleth, features, fills, fillsKey, selected, approximate],
  );
  const heat = useMemo(
    () => (showHeat && heatPoints && heatPoints.length > 0 ? new HeatmapLayer(heatSpec(heatPoints, 40) as never) : null),
    [showHeat, heatPoints],
  );
  const cameraLayer = useMemo(
    () =>
      showCameras && cameras?.data.length
        ? new ScatterplotLayer(cameraSpec(cameras.data, cameras.colorsVersion, 4) as never)
        : null,
    [showCameras, cameras],
  );
  const alertLayer = useMemo(
    () =>
      showAlerts && alertPoints && alertPoints.length > 0 ? new ScatterplotLayer(alertPointSpec(alertPoints, 5) as never) : null,
    [showAlerts, alertPoints],
  );
  const labelLayer = useMemo(
    () => (showLabels ? new TextLayer(labelSpec(labels, labelPx, selected) as never) : null),
    [showLabels, labels, labelPx, selected],
  );
  return useMemo(
    () =>
      [choropleth, heat, cameraLayer, alertLayer, labelLayer].filter((l): l is NonNullable<typeof l> => l !== null) as Layer[],
    [choropleth, heat, cameraLayer, alertLayer, labelLayer],
  );
}
