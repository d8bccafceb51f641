/** The map coloured by every commune's roll-up of one window (model.ts rollupValues); not interactive. */
import { useMemo } from 'react';
import type { PanelProps } from '../../panels/types.ts';
import { ErrorFrame, Frame } from '../../panels/common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../../panels/common/guard.tsx';
import { useIndicatorData } from '../../panels/common/usePanelData.ts';
import { inArea } from '../../panels/common/values.ts';
import { periodShown } from '../../tablet/kpi.ts';
import { selectionLabelVi } from '../../../../contract/rollup.ts';
import { LegendBox } from '../../map/LegendBox.tsx';
import { MapView } from '../../map/MapView.tsx';
import { choroplethModel, communeFigures } from '../../map/choropleth.ts';
import { attribution, licencesUrl, useGeo } from '../../map/useGeo.ts';
import { useAlertLayers } from '../../map/useAlertLayers.ts';
import { rollupValues } from './model.ts';
import { useRollup } from './rollups.ts';

const NONE = new Set<string>();
const NO_ALERTS: never[] = [];

export function PeriodMap({ panel, index, payload, period: picked }: PanelProps<'map'> & { period: string }) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  // The period the tile shows (kpi.ts periodShown): at the indicator's cadence, the latest reported one
  // when that is not in yet, so tile, ranking and map, and the tablet beside them, read one period.
  const provinceValues = useMemo(() => inArea(values, payload.province.code), [values, payload.province.code]);
  const period = info ? periodShown(picked, info, provinceValues) : picked;
  const r = useRollup(panel.indicator, period, view?.version);
  const communes = useGeo('communes');
  const provinces = useGeo('provinces');
  // No cameras or alerts on a period's map: the layers are the window's figures only.
  const layers = useAlertLayers(NO_ALERTS, NO_ALERTS, 60);
  const codes = useMemo(() => payload.province.communes.map((c) => c.code), [payload.province.communes]);
  const model = useMemo(() => {
    if (!info || r.state !== 'ready') return null;
    const values = rollupValues(panel.indicator, r.data.rows, period, payload.province.code);
    const m = choroplethModel(info, communeFigures(info, values, codes, period), codes);
    return { ...m, legend: { ...m.legend, periodText: selectionLabelVi(period) } };
  }, [info, r, panel.indicator, period, codes, payload.province.code]);
  const title = panel.title ?? (info ? `Bản đồ: ${info.name}` : panel.indicator);
  const missing = !info
    ? unknownIndicator(panel.indicator)
    : communes.state === 'error'
      ? { message: 'Không tải được ranh giới hành chính', detail: communes.message }
      : null;
  const waiting = communes.state === 'loading' || r.state === 'loading';
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing, waiting, loadingLabel: 'Bản đồ' });
  if (guard) return guard;
  if (r.state === 'error')
    return (
      <ErrorFrame index={index} kind={panel.kind} title={title} message="Không lấy được số liệu của kỳ" detail={r.message} />
    );
  if (communes.state !== 'ready' || !model) return null;
  return (
    <Frame index={index} kind={panel.kind} state="ready" title={title} period={selectionLabelVi(period)}>
      <div className="map-panel" data-testid="map-panel" data-period={period}>
        <MapView
          communes={communes.data}
          provinces={provinces.state === 'ready' ? provinces.data : null}
          view={panel.view}
          layers={panel.layers.filter((l) => l === 'choropleth' || l === 'labels')}
          fills={model.fills}
          fillsKey={`${model.key}|${period}`}
          approximate={NONE}
          focus={panel.area ?? null}
          cameras={layers.cameras}
          alertPoints={layers.points}
          heatPoints={null}
          pulses={layers.pulses}
          labelPx={16}
          attribution={attribution.vi}
          licencesUrl={licencesUrl}
        />
        {panel.layers.includes('choropleth') ? <LegendBox legend={model.legend} /> : null}
      </div>
    </Frame>
  );
}
