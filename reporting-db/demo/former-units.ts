/** Former communes (before the 1 July 2025 reform) in the demo seed, derived from the province rows. */
import type { Config, IndicatorConfig } from '../../contract/config.ts';
import { parsePeriod, periodEnd, periodStart } from '../../contract/period.ts';
import { REFORM_DATE } from '../../contract/derive.ts';
import { communeReporter } from '../migrations.ts';
import { makeRand } from './random.ts';
import { indicatorDecimals, isAdditive, roundTo } from './kinds.ts';
import { splitByWeights } from './communes.ts';
import type { DemoRow } from './rows.ts';

/** First month of former-unit history in the demo. */
export const FORMER_FROM = '2024-01';

/**
 * Rows of the former communes (config `formerCommunes`) for the commune-level indicators, from 2024-01
 * to 2025-06 (and the year 2024 for yearly indicators), derived from the province rows already
 * generated, so it costs one pass over them. Flows and stocks split the province figure × mergerFactor
 * (the merged province's basis, comparable with today's communes) by fixed per-unit weights; rates vary
 * ±8 % around the province rate. Pure and deterministic for a seed.
 */
export function generateFormerCommuneRows(config: Config, provinceRows: readonly DemoRow[], seed = 20260101): DemoRow[] {
  const former = config.province.formerCommunes;
  if (former.length === 0) return [];
  const rand = makeRand(seed);
  const indicators = new Map<string, IndicatorConfig>();
  for (const g of config.groups) for (const i of g.indicators) if (i.communeLevel) indicators.set(i.id, i);
  const codes = former.map((f) => f.code);
  const out: DemoRow[] = [];
  const weightsOf = new Map<string, number[]>();
  for (const r of provinceRows) {
    if (r.area_code !== config.province.code || r.value === null) continue;
    const ind = indicators.get(r.indicator_id);
    if (!ind) continue;
    const p = parsePeriod(r.period);
    if (!p || p.kind !== ind.period || periodStart(p).getTime() < periodStart(parsePeriod(FORMER_FROM)!).getTime()) continue;
    if (periodEnd(p).getTime() > REFORM_DATE.getTime()) continue;
    const decimals = indicatorDecimals(ind);
    const additive = isAdditive(ind);
    let weights = weightsOf.get(ind.id);
    if (!weights) {
      const raw = former.map((f) => {
        const base = f.type === 'Phường' ? 2 : f.type === 'Thị trấn' ? 1.4 : 1;
        return base * (0.4 + 1.2 * rand('fw', f.code)) * (0.8 + 0.4 * rand('fwi', ind.id, f.code));
      });
      const total = raw.reduce((a, b) => a + b, 0);
      weightsOf.set(ind.id, (weights = raw.map((w) => w / total)));
    }
    const factor = additive ? (ind.demo?.mergerFactor ?? 1) : 1;
    const parts = additive ? splitByWeights(r.value * factor, weights, decimals) : null;
    codes.forEach((c, i) => {
      let value = parts
        ? parts[i]!
        : roundTo(
            r.value! * (0.92 + 0.16 * rand('foff', ind.id, c)) * (1 + 0.02 * (2 * rand('fnoise', ind.id, c, r.period) - 1)),
            decimals,
          );
      if (ind.unit === '%') value = Math.min(100, Math.max(0, value));
      out.push({ ...r, area_code: c, value, plan: null, reporter: communeReporter(c), updated_at: r.updated_at });
    });
  }
  return out;
}
