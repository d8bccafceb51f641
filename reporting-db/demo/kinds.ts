/**
 * How the demo treats an indicator: the model it follows (flow, level, rate, rank), whether commune
 * figures add up to the province figure, and how many decimals it is written with. The agency simulator
 * uses the same rules, so its reports look like the seeded history.
 */
import type { IndicatorConfig } from '../../contract/config.ts';

export type Model = 'flow' | 'level' | 'rate' | 'rank';

export function modelOf(ind: IndicatorConfig): Model {
  const basis = ind.demo?.basis ?? 'rate';
  if (basis === 'rank') return 'rank';
  if (ind.aggregation === 'sum') return 'flow';
  if (basis === 'rate' || basis === 'score' || ind.aggregation === 'avg' || ind.aggregation === 'ratio') return 'rate';
  return 'level';
}

/** Whether commune figures add up to the province figure (flows and stocks), rather than vary around it. */
export function isAdditive(ind: IndicatorConfig): boolean {
  const m = modelOf(ind);
  return m === 'flow' || m === 'level';
}

export function decimalsOf(ind: IndicatorConfig, hi: number): number {
  const basis = ind.demo?.basis ?? 'rate';
  if (ind.unit === 'AQI') return 0;
  if (hi <= 1) return 4;
  if (hi <= 5) return 2;
  if (basis === 'rate' || basis === 'score') return 2;
  if (ind.unit.includes('tỷ') || /\/(người|vạn)/.test(ind.unit)) return 1;
  if (ind.aggregation === 'avg') return 1;
  return 0;
}

/** Decimals the demo writes for an indicator (0 for counts, 1 for tỷ đồng, 2 for %, 4 for 0–1 scores). */
export function indicatorDecimals(ind: IndicatorConfig): number {
  return decimalsOf(ind, ind.demo?.range[1] ?? 100);
}

export function roundTo(n: number, d: number): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

/** A plan figure as agencies write it: three significant digits for large numbers. */
export function roundPlan(n: number, d: number): number {
  if (Math.abs(n) >= 1000) {
    const mag = 10 ** (Math.floor(Math.log10(Math.abs(n))) - 2);
    return Math.round(n / mag) * mag;
  }
  return roundTo(n, d);
}

export const clamp = (n: number, a: number, b: number) => Math.min(b, Math.max(a, n));
