/**
 * The per-indicator model of the demo seed: values in the pre-merger basis from growth, seasonality and
 * the catalog's anchors, derived indicators computed from their parts (so sums and shares agree), plans
 * and targets, and the clamping and rounding of reported values. Values are memoised per (indicator,
 * period) because derived indicators read the same parts many times.
 */
import type { Config, GroupConfig, IndicatorConfig } from '../../contract/config.ts';
import { type Period, type PeriodKind, MONTHS_PER_PERIOD, formatPeriod } from '../../contract/period.ts';
import type { Rand } from './random.ts';
import { shareOfYear } from './seasons.ts';
import { PLAN_ANCHORS, RANK_ANCHORS, RATE_ANCHORS, TARGETS, YEAR_ANCHORS, interpolateYears, linearYears } from './anchors.ts';
import { type Model, clamp, decimalsOf, modelOf, roundPlan, roundTo } from './kinds.ts';
import { DEMO_START_YEAR, isMerged, lastPeriodOfYear, monthsFrom2022 } from './calendar.ts';

interface Meta {
  ind: IndicatorConfig;
  group: GroupConfig;
  model: Model;
  lo: number;
  hi: number;
  span: number;
  mergerFactor: number;
  decimals: number;
  /** Yearly growth of flows and levels. */
  growth: number;
  /** Index of a cumulative stock (grows through the whole range over 2022–2024). */
  cumulative: boolean;
}

export class DemoModel {
  readonly meta = new Map<string, Meta>();
  private cache = new Map<string, number>();

  constructor(
    readonly config: Config,
    private readonly rand: Rand,
  ) {
    for (const group of config.groups)
      for (const ind of group.indicators) {
        const [lo, hi] = ind.demo?.range ?? [0, 100];
        const model = modelOf(ind);
        const r = rand('growth', ind.id);
        const worse = !ind.higherIsBetter && !ind.neutral;
        this.meta.set(ind.id, {
          ind,
          group,
          model,
          lo,
          hi,
          span: hi - lo,
          mergerFactor: ind.demo?.mergerFactor ?? 1,
          decimals: decimalsOf(ind, hi),
          growth: worse ? -0.06 + 0.08 * r : 0.05 + 0.07 * r,
          cumulative: /_cum$/.test(ind.id) || ind.id === 'project06.e_health_books',
        });
      }
  }

  m(id: string): Meta {
    const m = this.meta.get(id);
    if (!m) throw new Error(`demo model: unknown indicator ${id}`);
    return m;
  }

  /** Value in the pre-merger basis (flows and levels not yet × mergerFactor), unrounded. */
  raw(id: string, p: Period): number {
    const key = `${id}|${formatPeriod(p)}`;
    let v = this.cache.get(key);
    if (v === undefined) {
      v = this.compute(id, p);
      this.cache.set(key, v);
    }
    return v;
  }

  /** The reported value: × mergerFactor from the reform on; ranks against the peer set of the time. */
  value(id: string, p: Period): number {
    const meta = this.m(id);
    const v = this.raw(id, p);
    if (meta.model === 'rank') return v;
    return isMerged(p) ? v * meta.mergerFactor : v;
  }

  /** Flow total of a year in the pre-merger basis, before period noise. */
  yearTotalRaw(id: string, y: number): number {
    const meta = this.m(id);
    if (id === 'public_investment.disbursed')
      return this.raw('public_investment.plan_pm', { kind: 'year', year: y, index: 1 }) * (0.86 + 0.08 * this.rand('att', id, y));
    if (id === 'ntp_ethnic.disbursed')
      return this.raw('ntp_ethnic.capital_plan', { kind: 'year', year: y, index: 1 }) * (0.85 + 0.1 * this.rand('att', id, y));
    const shock = 1 + 0.05 * (this.rand('yshock', id, y) - 0.5);
    const anchors = YEAR_ANCHORS[id];
    if (anchors) return interpolateYears(anchors, y, meta.growth) * (anchors[y] === undefined ? shock : 1);
    const perYear =
      { per_month: 12, per_quarter: 4, per_half_year: 2, per_year: 1 }[meta.ind.demo?.basis as string] ??
      12 / MONTHS_PER_PERIOD[meta.ind.period];
    const base2024 = (meta.lo + 0.55 * meta.span) * perYear;
    return base2024 * (1 + meta.growth) ** (y - 2024) * shock;
  }

  private compute(id: string, p: Period): number {
    const meta = this.m(id);
    const noise = (amp: number) => 1 + amp * (this.rand('noise', id, formatPeriod(p)) - 0.5) * 2;
    const y = (kind: PeriodKind, year: number, index: number): Period => ({ kind, year, index });
    switch (id) {
      // Sums and shares that must agree with their parts.
      case 'tourism.guests_domestic':
        return Math.max(0, this.raw('tourism.guests_total', p) - this.raw('tourism.guests_international', p));
      case 'fisheries.output_total':
        return this.raw('fisheries.capture', p) + this.raw('fisheries.aquaculture', p);
      case 'citizen_feedback.resolved':
        return this.raw('citizen_feedback.received', p) * (0.92 + 0.07 * this.rand('res', formatPeriod(p)));
      case 'public_investment.plan_province':
        return this.raw('public_investment.plan_pm', p) * (0.93 + 0.04 * this.rand('pp', p.year));
      case 'budget.revenue_pct_estimate':
        return (this.ytdRaw('budget.revenue_total', p) / this.planRaw('budget.revenue_total', p.year)) * 100;
      case 'budget.revenue_yoy':
        return this.yoyYtd('budget.revenue_total', p);
      case 'public_investment.disbursement_rate_pm':
        return Math.min(
          100,
          (this.ytdRaw('public_investment.disbursed', p) / this.raw('public_investment.plan_pm', y('year', p.year, 1))) * 100,
        );
      case 'public_investment.disbursement_rate_province':
        return Math.min(
          100,
          (this.ytdRaw('public_investment.disbursed', p) / this.raw('public_investment.plan_province', y('year', p.year, 1))) *
            100,
        );
      case 'ntp_ethnic.disbursement_rate':
        return Math.min(
          100,
          (this.ytdRaw('ntp_ethnic.disbursed', p) / this.raw('ntp_ethnic.capital_plan', y('year', p.year, 1))) * 100,
        );
      case 'traffic_safety.crashes_yoy':
        return this.yoyYtd('traffic_safety.crashes', p);
      case 'traffic_safety.deaths_yoy':
        return this.yoyYtd('traffic_safety.deaths', p);
      case 'social_investment.growth_yoy':
        return (this.raw('social_investment.total', p) / this.raw('social_investment.total', y('year', p.year - 1, 1)) - 1) * 100;
      case 'project06.vneid_l2_rate': // accounts / population aged ≥ 14 (~1.08 M before the merger)
        return Math.min(99, (this.raw('project06.vneid_l2_cum', p) / 1_080_000) * 100);
      case 'health_insurance.coverage_rate': // participants / population (~1.27 M before the merger)
        return Math.min(99.5, (this.raw('health_insurance.participants', p) / 1_270_000) * 100);
    }
    switch (meta.model) {
      case 'flow': {
        const expected = this.yearTotalRaw(id, p.year) * shareOfYear(id, p);
        if (p.kind === 'year') return expected;
        // Small counts (crashes, deaths) scatter like Poisson counts; large flows by ±5 %.
        const amp = meta.decimals === 0 ? clamp(1.7 / Math.sqrt(Math.max(expected, 1)), 0.05, 0.45) : 0.05;
        return expected * noise(amp);
      }
      case 'level':
        return this.level(meta, p) * noise(meta.ind.higherIsBetter ? 0.01 : 0.08);
      case 'rate':
        return this.rate(meta, p);
      case 'rank':
        return this.rank(meta, p);
    }
  }

  private level(meta: Meta, p: Period): number {
    const id = meta.ind.id;
    const anchors = YEAR_ANCHORS[id];
    if (anchors) return interpolateYears(anchors, p.year, meta.growth);
    // Stocks are read at the end of their period.
    const t = (p.year - DEMO_START_YEAR) * 12 + p.index * MONTHS_PER_PERIOD[p.kind];
    const years = t / 12;
    let f: number;
    if (meta.cumulative) f = t <= 36 ? t / 36 : 1 + 0.1 * (years - 3);
    else if (meta.ind.higherIsBetter) f = t <= 36 ? 0.25 + (0.5 * t) / 36 : 0.75 + 0.1 * (years - 3);
    else f = Math.max(0.05, t <= 36 ? 0.75 - (0.4 * t) / 36 : 0.35 - 0.05 * (years - 3));
    return meta.lo + meta.span * f;
  }

  private rate(meta: Meta, p: Period): number {
    const id = meta.ind.id;
    const r = this.rand('rate', id, formatPeriod(p));
    const anchors = RATE_ANCHORS[id];
    const yFrac = p.year + ((p.index - 0.5) * MONTHS_PER_PERIOD[p.kind]) / 12;
    let v: number;
    if (anchors) {
      v = anchors[p.year] ?? linearYears(anchors, yFrac - 0.5);
      const amp = meta.span * (id === 'grdp.iip_growth' ? 0.08 : id === 'grdp.growth' ? 0.06 : 0.03);
      v += amp * (2 * r - 1);
      return v;
    }
    const t = clamp(monthsFrom2022(p) / 60, 0, 1.2);
    const worse = !meta.ind.higherIsBetter;
    if (id === 'tourism.occupancy') {
      const w = shareOfYear('tourism.guests_total', { kind: 'month', year: p.year, index: p.index });
      const season = (w * 12 - 0.6) / 0.85; // ≈ 0 in November, ≈ 1 in June
      v = meta.lo + meta.span * (0.15 + 0.55 * clamp(season, 0, 1) + 0.15 * t);
    } else {
      v = meta.lo + meta.span * (worse ? 0.65 - 0.4 * t : 0.35 + 0.4 * t);
    }
    v += meta.span * 0.03 * (2 * r - 1);
    return v;
  }

  private rank(meta: Meta, p: Period): number {
    const id = meta.ind.id;
    const peers = isMerged(p) ? 34 : 63;
    const anchors = RANK_ANCHORS[id];
    const r = this.rand('rank', id, formatPeriod(p));
    if (anchors && anchors[p.year] !== undefined) return clamp(anchors[p.year]!, 1, peers);
    const base = 0.15 + 0.3 * this.rand('rankbase', id);
    const t = clamp(monthsFrom2022(p) / 60, 0, 1.2);
    return clamp(Math.round((base - 0.1 * t + 0.08 * (2 * r - 1)) * peers), 1, peers);
  }

  /** Year-to-date sum of a flow up to p (same kind), pre-merger basis. */
  ytdRaw(id: string, p: Period): number {
    let s = 0;
    for (let i = 1; i <= p.index; i++) s += this.raw(id, { kind: p.kind, year: p.year, index: i });
    return s;
  }

  private yoyYtd(id: string, p: Period): number {
    const last = this.ytdRaw(id, { ...p, year: p.year - 1 });
    return last === 0 ? 0 : (this.ytdRaw(id, p) / last - 1) * 100;
  }

  /** Year total of a flow in the reported basis (pre-merger months unscaled, merged ones scaled). */
  yearTotalReported(id: string, year: number): number {
    const kind = this.m(id).ind.period;
    const n = 12 / MONTHS_PER_PERIOD[kind];
    let s = 0;
    for (let i = 1; i <= n; i++) s += this.value(id, { kind, year, index: i });
    return s;
  }

  /** Plan of a flow in the pre-merger basis (for derived % of plan). */
  private planRaw(id: string, year: number): number {
    const anchor = PLAN_ANCHORS[id]?.[year];
    if (anchor !== undefined) return anchor;
    let s = 0;
    const kind = this.m(id).ind.period;
    for (let i = 1; i <= 12 / MONTHS_PER_PERIOD[kind]; i++) s += this.raw(id, { kind, year, index: i });
    return s / this.attainment(id, year);
  }

  private attainment(id: string, year: number): number {
    const meta = this.m(id);
    const r = this.rand('attain', id, year);
    if (!meta.ind.higherIsBetter && !meta.ind.neutral) return 0.85 + 0.15 * r; // a ceiling, mostly kept
    return 0.97 + 0.25 * r;
  }

  /** The plan or target of indicator id for a year, in the reported basis; null when it has none. */
  plan(id: string, year: number): number | null {
    const meta = this.m(id);
    if (!meta.ind.hasPlan) return null;
    const yearP: Period = { kind: 'year', year, index: 1 };
    const factor = isMerged(yearP) ? meta.mergerFactor : 1;
    const d = meta.decimals;
    const target = TARGETS[id];
    if (target !== undefined)
      return roundPlan(typeof target === 'number' ? target : (target[year] ?? Object.values(target).pop()!), d);
    if (id === 'public_investment.disbursed') return roundPlan(this.value('public_investment.plan_pm', yearP), d);
    if (id === 'ntp_ethnic.disbursed') return roundPlan(this.value('ntp_ethnic.capital_plan', yearP), d);
    const r = this.rand('plan', id, year);
    switch (meta.model) {
      case 'flow': {
        const anchor = PLAN_ANCHORS[id]?.[year];
        if (anchor !== undefined) return roundTo(anchor * factor, d);
        return roundPlan(this.yearTotalReported(id, year) / this.attainment(id, year), d);
      }
      case 'level': {
        const end = this.value(id, meta.ind.period === 'year' ? yearP : lastPeriodOfYear(meta.ind.period, year));
        return roundPlan(end * (meta.ind.higherIsBetter ? 1.01 + 0.04 * r : 0.85 + 0.1 * r), d);
      }
      case 'rate': {
        const good = meta.ind.higherIsBetter ? 0.8 + 0.1 * r : 0.1 + 0.1 * r;
        let v = meta.lo + meta.span * good;
        if (meta.ind.unit === '%') v = Math.min(100, v);
        return roundPlan(v, Math.min(d, 1));
      }
      case 'rank': {
        const peers = isMerged(yearP) ? 34 : 63;
        return Math.max(1, Math.round(peers * (0.25 + 0.1 * r)));
      }
    }
  }

  /** Clamps a reported value to what the unit allows. */
  finish(id: string, v: number): number {
    const meta = this.m(id);
    if (meta.model === 'rate') {
      if (meta.ind.unit === '%' && !id.endsWith('_yoy') && !id.endsWith('_growth') && id !== 'grdp.growth')
        v = clamp(v, 0, id === 'budget.revenue_pct_estimate' ? 200 : 100);
      if (meta.lo >= 0) v = Math.max(0, v);
    }
    if (meta.model === 'flow' || meta.model === 'level') v = Math.max(0, v);
    return roundTo(v, meta.decimals);
  }
}
