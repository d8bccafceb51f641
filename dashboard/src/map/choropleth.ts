/**
 * The figures the choropleth paints: one value per commune for one period of an indicator. Pure.
 * Default period: the latest (of the indicator's own kind) that has commune figures.
 */
import type { IndicatorValue } from '../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../contract/http.ts';
import { comparePeriods, parsePeriod, type Period } from '../../../contract/period.ts';
import { asPeriodKind } from '../panels/common/values.ts';
import { buildLegend, colorScale, type Legend, type RGBA } from './scale.ts';

export interface CommuneFigures {
  period: string | null;
  byCode: Map<string, IndicatorValue>;
  missing: number;
}

export function communeFigures(
  info: Pick<IndicatorInfo, 'period'>,
  values: readonly IndicatorValue[],
  communeCodes: readonly string[],
  period?: string,
): CommuneFigures {
  const codes = new Set(communeCodes);
  const kind = asPeriodKind(info.period);
  let chosen = period ?? null;
  if (!chosen) {
    let best: Period | null = null;
    for (const v of values) {
      if (!codes.has(v.area) || v.value === null) continue;
      const p = parsePeriod(v.period);
      if (!p || (kind && p.kind !== kind)) continue;
      if (!best || comparePeriods(p, best) > 0) {
        best = p;
        chosen = v.period;
      }
    }
  }
  const byCode = new Map<string, IndicatorValue>();
  if (chosen) for (const v of values) if (v.period === chosen && codes.has(v.area) && v.value !== null) byCode.set(v.area, v);
  return { period: chosen, byCode, missing: communeCodes.length - byCode.size };
}

export interface ChoroplethModel {
  fills: Map<string, RGBA>;
  legend: Legend;
  period: string | null;
  /** Changes when the painted figures change (for deck.gl updateTriggers). */
  key: string;
}

export function choroplethModel(info: IndicatorInfo, figures: CommuneFigures, communeCodes: readonly string[]): ChoroplethModel {
  const scale = colorScale(
    [...figures.byCode.values()].map((v) => v.value),
    info,
  );
  const fills = new Map<string, RGBA>();
  let key = `${info.id}|${figures.period}`;
  for (const c of communeCodes) {
    const v = figures.byCode.get(c)?.value;
    fills.set(c, scale.colorOf(v));
    key += `|${v ?? ''}`;
  }
  return { fills, legend: buildLegend(scale, info, figures.period, figures.missing), period: figures.period, key };
}
