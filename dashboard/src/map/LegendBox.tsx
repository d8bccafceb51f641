/** The choropleth's legend: indicator, period and unit, the classes in vi-VN, the no-data count. */
import { cssColor, type Legend } from './scale.ts';

export function LegendBox({ legend }: { legend: Legend }) {
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
