/**
 * Map panel (kind `map`): Khánh Hòa's communes coloured by a commune-level indicator, with names,
 * cameras, live alert pulses and an alert heat map, as the screen's YAML configures. On the wall it is
 * not interactive; the tablet uses the same MapView with drill-down (dashboard/src/tablet).
 */
import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { Frame } from '../common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../common/guard.tsx';
import { useIndicatorData } from '../common/usePanelData.ts';
import { useAlerts, useCameras } from '../../live/alerts.ts';
import { formatUpdatedVi } from '../../format/vi.ts';
import { LegendBox } from '../../map/LegendBox.tsx';
import { MapView } from '../../map/MapView.tsx';
import { choroplethModel, communeFigures } from '../../map/choropleth.ts';
import { attribution, licencesUrl, useGeo } from '../../map/useGeo.ts';
import { useAlertLayers } from '../../map/useAlertLayers.ts';
import { useMapValues } from '../../map/useMapValues.ts';

export default function MapPanel({ panel, index, payload }: PanelProps<'map'>) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  const communes = useGeo('communes');
  const provinces = useGeo('provinces');
  const fixed = useMapValues(panel.indicator, panel.period, view?.version);
  const alerts = useAlerts();
  const cameras = useCameras();
  const alertData = useAlertLayers(alerts, cameras, panel.heatWindowMinutes);
  const codes = useMemo(() => payload.province.communes.map((c) => c.code), [payload.province.communes]);
  const source = useMemo(
    () => (panel.period ? (fixed.state === 'ready' ? fixed.data.values : []) : values),
    [panel.period, fixed, values],
  );
  const figures = useMemo(
    () => (info ? communeFigures(info, source, codes, panel.period) : null),
    [info, source, codes, panel.period],
  );
  const model = useMemo(() => (info && figures ? choroplethModel(info, figures, codes) : null), [info, figures, codes]);
  const approximate = useMemo(() => new Set(fixed.state === 'ready' ? fixed.data.approximate : []), [fixed]);
  const crosswalk = fixed.state === 'ready' && fixed.data.crosswalk;
  const title = panel.title ?? (info ? `Bản đồ: ${info.name}` : panel.indicator);
  // Bench only (bench/map-frame.ts): `?mapbench=1&maplayers=choropleth,cameras` overrides the layers.
  const configured = panel.layers;
  const layers = useMemo(() => {
    const q = new URLSearchParams(window.location.search);
    const over = q.get('mapbench') === '1' ? q.get('maplayers') : null;
    return over
      ? (over.split(',').filter((l) => (configured as readonly string[]).includes(l)) as typeof configured)
      : configured;
  }, [configured]);
  const missing = !info
    ? unknownIndicator(panel.indicator)
    : communes.state === 'error'
      ? { message: 'Không tải được ranh giới hành chính', detail: communes.message }
      : null;
  const waiting = communes.state === 'loading' || !model;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing, waiting, loadingLabel: 'Bản đồ' });
  if (guard || communes.state !== 'ready' || !model) return guard;
  const latest = [...(figures?.byCode.values() ?? [])].reduce<string | null>(
    (m, v) => (m === null || v.updatedAt > m ? v.updatedAt : m),
    null,
  );
  const active = alerts.filter((a) => a.state === 'active').length;
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state="ready"
      title={title}
      period={`${model.legend.periodText}${crosswalk ? ' · quy đổi từ đơn vị cũ' : ''}`}
      updated={latest ? formatUpdatedVi(latest) : null}
      note={crosswalk && approximate.size ? `* ${approximate.size} xã, phường có số gần đúng (đơn vị cũ bị chia tách)` : null}
    >
      <div className="map-panel" data-testid="map-panel" data-period={model.period ?? ''}>
        <MapView
          communes={communes.data}
          provinces={provinces.state === 'ready' ? provinces.data : null}
          view={panel.view}
          layers={layers}
          fills={model.fills}
          fillsKey={model.key}
          approximate={approximate}
          focus={panel.area ?? null}
          cameras={alertData.cameras}
          alertPoints={alertData.points}
          heatPoints={layers.includes('heat') ? alertData.heat : null}
          pulses={alertData.pulses}
          labelPx={16}
          attribution={attribution.vi}
          licencesUrl={licencesUrl}
        />
        {panel.layers.includes('choropleth') ? <LegendBox legend={model.legend} /> : null}
        {panel.layers.includes('alerts') ? (
          <div className="map-alert-count" data-testid="map-alert-count" data-count={active}>
            {active} cảnh báo đang hoạt động · {cameras.length} camera
          </div>
        ) : null}
      </div>
    </Frame>
  );
}
