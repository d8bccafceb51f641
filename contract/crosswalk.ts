/**
 * History across the 1 July 2025 reform: figures that former units reported before it, shown on
 * today's communes through the crosswalk (config/province.yaml `formerCommunes`, from shared/geo).
 * Pure; used by the tablet plugin (server) and tested on its own.
 *
 * Rules, per period and today's commune:
 *  - Only former units that went **wholly** into it (`full`): flows and stocks are summed; rates and
 *    averages cannot be recomputed without their numerators and denominators, so they are the plain mean
 *    of the former units and marked approximate (`method: 'mean'`).
 *  - Any former unit that went only **partly** into it (`partial`): the figure is marked approximate,
 *    never silently summed. For a sum, the estimate gives the partial unit an equal share among the
 *    communes it went into, and `bounds` shows the range from none of it to all of it.
 *  - A flow with a former unit missing for the period has no honest total: value null, `missing` says who.
 */
import type { IndicatorValue, ValueStatus } from './messages.ts';
import { REFORM_DATE } from './derive.ts';
import { parsePeriod, periodEnd } from './period.ts';

export interface FormerUnit {
  code: string;
  name: string;
  into: readonly { code: string; relation: 'full' | 'partial' }[];
}

export type CrosswalkMethod = 'sum' | 'mean';

export interface CrosswalkSource {
  code: string;
  name: string;
  relation: 'full' | 'partial';
  /** Share of the former unit's figure counted in this commune (1 for full; 1/k for partial, k communes). */
  share: number;
  value: number | null;
}

export interface CrosswalkFigure {
  indicator: string;
  /** Today's commune. */
  area: string;
  period: string;
  value: number | null;
  method: CrosswalkMethod;
  /** True when a former unit went only partly into the commune, or for a mean of rates. */
  approximate: boolean;
  /** For sums with partial units: the figure without them and with all of them. */
  bounds: { low: number; high: number } | null;
  sources: CrosswalkSource[];
  /** Former units with no figure for the period. */
  missing: string[];
  status: ValueStatus;
  updatedAt: string;
}

/** Whether an indicator's figures add up across units (flows; stocks that are counts, not rates). */
export function isAdditiveIndicator(ind: { aggregation: string; unit: string }): boolean {
  if (ind.aggregation === 'sum') return true;
  if (ind.aggregation === 'last') return ind.unit !== '%' && !ind.unit.includes('/');
  return false;
}

/** A period wholly before the reform (a 2025 year or second half-year straddles it: not a former period). */
export function isBeforeReform(periodCode: string): boolean {
  const p = parsePeriod(periodCode);
  return p !== null && periodEnd(p).getTime() <= REFORM_DATE.getTime();
}

/** Former units that went (wholly or partly) into each of today's communes. */
export function predecessorsOf(
  units: readonly FormerUnit[],
): Map<string, { unit: FormerUnit; relation: 'full' | 'partial'; share: number }[]> {
  const out = new Map<string, { unit: FormerUnit; relation: 'full' | 'partial'; share: number }[]>();
  for (const u of units) {
    const partialTargets = u.into.filter((t) => t.relation === 'partial').length;
    for (const t of u.into) {
      const share = t.relation === 'full' ? 1 : 1 / Math.max(1, partialTargets);
      const list = out.get(t.code) ?? [];
      list.push({ unit: u, relation: t.relation, share });
      out.set(t.code, list);
    }
  }
  return out;
}

const STATUS_RANK: Record<ValueStatus, number> = { estimate: 0, preliminary: 1, official: 2 };
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Today's commune figures before the reform, one per period that any of its former units reported.
 * `values` are the indicator's values of the former units (other areas and later periods are ignored).
 */
export function crosswalkFigures(
  indicator: { id: string; aggregation: string; unit: string },
  area: string,
  predecessors: readonly { unit: FormerUnit; relation: 'full' | 'partial'; share: number }[],
  values: Iterable<IndicatorValue>,
): CrosswalkFigure[] {
  if (predecessors.length === 0) return [];
  const codes = new Set(predecessors.map((p) => p.unit.code));
  const byPeriod = new Map<string, Map<string, IndicatorValue>>();
  for (const v of values) {
    if (v.indicator !== indicator.id || !codes.has(v.area) || !isBeforeReform(v.period)) continue;
    let m = byPeriod.get(v.period);
    if (!m) byPeriod.set(v.period, (m = new Map()));
    m.set(v.area, v);
  }
  const additive = isAdditiveIndicator(indicator);
  const out: CrosswalkFigure[] = [];
  for (const [period, got] of [...byPeriod].sort((a, b) => a[0].localeCompare(b[0]))) {
    const sources: CrosswalkSource[] = predecessors.map((p) => ({
      code: p.unit.code,
      name: p.unit.name,
      relation: p.relation,
      share: p.share,
      value: got.get(p.unit.code)?.value ?? null,
    }));
    const missing = sources.filter((s) => s.value === null).map((s) => s.code);
    const hasPartial = sources.some((s) => s.relation === 'partial');
    let value: number | null = null;
    let bounds: CrosswalkFigure['bounds'] = null;
    if (additive) {
      if (missing.length === 0) {
        const full = sources.filter((s) => s.relation === 'full').reduce((a, s) => a + (s.value as number), 0);
        const partialAll = sources.filter((s) => s.relation === 'partial').reduce((a, s) => a + (s.value as number), 0);
        const partialShare = sources
          .filter((s) => s.relation === 'partial')
          .reduce((a, s) => a + (s.value as number) * s.share, 0);
        value = round(full + partialShare);
        if (hasPartial) bounds = { low: round(full), high: round(full + partialAll) };
      }
    } else {
      const known = sources.filter((s) => s.value !== null);
      if (known.length) value = round(known.reduce((a, s) => a + (s.value as number), 0) / known.length);
    }
    const present = [...got.values()];
    const status = present.reduce<ValueStatus>(
      (worst, v) => (STATUS_RANK[v.status] < STATUS_RANK[worst] ? v.status : worst),
      'official',
    );
    const updatedAt = present.reduce((latest, v) => (v.updatedAt > latest ? v.updatedAt : latest), '');
    out.push({
      indicator: indicator.id,
      area,
      period,
      value,
      method: additive ? 'sum' : 'mean',
      approximate: hasPartial || !additive || (missing.length > 0 && value !== null),
      bounds,
      sources,
      missing,
      status,
      updatedAt,
    });
  }
  return out;
}

/** The figures as values of today's commune, for charts and comparisons (no derived figures). */
export function asIndicatorValues(figures: readonly CrosswalkFigure[]): IndicatorValue[] {
  return figures.map((f) => ({
    indicator: f.indicator,
    area: f.area,
    period: f.period,
    value: f.value,
    plan: null,
    status: f.status,
    updatedAt: f.updatedAt,
    reporter: null,
  }));
}
