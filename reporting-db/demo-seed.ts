/**
 * Demo data for the reporting database: every indicator of the catalog at province level from January
 * 2022 to the current month (Vietnam time), the commune-level ones for the 65 communes since the
 * 1 July 2025 reform, and the year plans. Magnitudes come from each indicator's `demo` block (ranges
 * of the pre-merger province; flows and levels × mergerFactor from 2025-07), seasonality and the
 * cited reference points of shared/catalog/indicators.json (budget revenue, tourism, public investment,
 * GRDP, DTI, social investment).
 *
 * generateDemoRows is pure and deterministic (hash-based PRNG keyed by seed, indicator, area and
 * period), so it is tested without a database; seedDemo writes its rows in one transaction.
 */
import type { Config, GroupConfig, IndicatorConfig } from '../contract/config.ts';
import type { ValueStatus } from '../contract/messages.ts';
import {
  type Period,
  type PeriodKind,
  MONTHS_PER_PERIOD,
  VN_OFFSET_MS,
  formatPeriod,
  periodContaining,
  periodEnd,
  periodOrdinal,
  periodStart,
  parsePeriod,
} from '../contract/period.ts';
import { REFORM_DATE } from '../contract/derive.ts';
import type { ReportingDb } from './db.ts';
import { communeReporter, upsertCommuneAgencies } from './migrations.ts';

export interface DemoRow {
  indicator_id: string;
  area_code: string;
  period: string;
  value: number | null;
  plan: number | null;
  status: ValueStatus;
  reporter: string;
  updated_at: Date;
}

export const DEMO_START_YEAR = 2022;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness: a hash of (seed, parts…) → [0, 1). Order-independent, so any value of the
// model can be evaluated on its own (derived indicators read other indicators' values).

function hash32(str: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3 finaliser
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function makeRand(seed: number) {
  return (...parts: (string | number)[]): number => hash32(parts.join('|'), seed) / 4294967296;
}
type Rand = ReturnType<typeof makeRand>;

// ---------------------------------------------------------------------------------------------------
// Seasonal profiles (relative weights per month / quarter / half-year).

/** Khánh Hòa 2024 guests per month (catalog seasonality_2024): peak Jun–Sep, trough Oct–Nov. */
const TOURISM = [721.5, 780, 735, 735, 830, 1300, 1270, 1270, 1260, 600, 560, 800];
/** International arrivals are flatter, higher in the northern winter. */
const TOURISM_INTL = [9.5, 9.5, 9, 8, 8, 7.5, 7.5, 7.5, 7.5, 8, 8.5, 9.5];
/** Budget revenue 2024: Q1 22.7 %, 5 months 39.1 %, H1 46.6 % of the year (S36–S38); December high. */
const BUDGET = [9, 6.5, 7, 8.5, 8, 7.5, 8, 7.5, 7.5, 8, 8, 14.5];
const EXPENDITURE = [6, 7, 7.5, 8, 8, 8.5, 8, 8, 8, 8.5, 8.5, 14];
/** Public investment is back-loaded: ~10 % of the year by Q1, ~70 % by November. */
const PUBLIC_INVESTMENT = [2, 3, 5, 5, 5.5, 7, 6.5, 7, 8, 10, 13, 28];
/** Southern-wind fishing season Mar–Sep. */
const FISHERIES = [7, 6.5, 8.5, 9, 9.5, 9.5, 9.5, 9, 8, 7.5, 7, 9];
/** Dengue: rainy season Jun–Dec. */
const DENGUE = [5, 3.5, 3, 3, 4, 7, 10, 12, 13, 14, 13, 12.5];
/** Traffic: more crashes around Tết. */
const TRAFFIC = [9.5, 9.5, 8, 8, 8, 8, 8.5, 8, 7.5, 8, 8, 9];
const FLAT = [8.3, 7.3, 8.3, 8.2, 8.4, 8.4, 8.5, 8.5, 8.3, 8.4, 8.4, 9];
const QUARTERS = [23, 25, 25, 27];
const HALVES = [35, 65];

function monthProfile(id: string): number[] {
  if (id === 'tourism.guests_international') return TOURISM_INTL;
  if (id.startsWith('tourism.') || id === 'culture.heritage_visitors') return TOURISM;
  if (id === 'budget.expenditure_local') return EXPENDITURE;
  if (id.startsWith('budget.') || id.startsWith('tax.')) return BUDGET;
  if (id === 'public_investment.disbursed') return PUBLIC_INVESTMENT;
  if (id.startsWith('fisheries.')) return FISHERIES;
  if (id === 'health.dengue_cases') return DENGUE;
  if (id.startsWith('traffic_safety.')) return TRAFFIC;
  return FLAT;
}

/** Share of the year that period p takes for indicator id (sums to 1 over the year). */
function shareOfYear(id: string, p: Period): number {
  const w = p.kind === 'month' ? monthProfile(id) : p.kind === 'quarter' ? QUARTERS : p.kind === 'half_year' ? HALVES : [1];
  const total = w.reduce((a, b) => a + b, 0);
  return (w[p.index - 1] ?? 0) / total;
}

// ---------------------------------------------------------------------------------------------------
// Anchors from the catalog's reference points, in the pre-merger basis (merged figures ÷ mergerFactor).

const YEAR_ANCHORS: Record<string, Record<number, number>> = {
  // 2021 14,034 tỷ; 2024 20,443.2 tỷ (+13.6 % → 2023 ≈ 17,995.8).
  'budget.revenue_total': { 2021: 14034, 2023: 17995.8, 2024: 20443.2 },
  'budget.revenue_domestic': { 2024: 16560 },
  'tourism.guests_total': { 2022: 2_560_000, 2023: 7_200_000, 2024: 10_800_000 },
  'tourism.guests_international': { 2022: 350_000, 2023: 1_900_000, 2024: 4_700_000 },
  'tourism.revenue': { 2022: 13_000, 2023: 31_500, 2024: 53_151 },
  'tourism.guest_nights': { 2022: 6_400_000, 2023: 18_000_000, 2024: 27_000_000 },
  'social_investment.total': { 2023: 71_237, 2024: 80_569 },
  // 2023: 7,014 tỷ; 2025 (merged): "hơn 16.000 tỷ" ÷ 1.5.
  'public_investment.plan_pm': { 2023: 7014, 2025: 16000 / 1.5 },
};

/** Rates given per year (growth in %, scores). */
const RATE_ANCHORS: Record<string, Record<number, number>> = {
  'grdp.growth': { 2022: 18, 2023: 6.5, 2024: 10.2, 2025: 7.5, 2026: 8.5 },
  'grdp.iip_growth': { 2022: 14, 2023: -2, 2024: 9, 2025: 10, 2026: 11 },
  'dti.score': { 2022: 0.46, 2023: 0.58, 2024: 0.7071, 2025: 0.76, 2026: 0.79 },
};
const RANK_ANCHORS: Record<string, Record<number, number>> = {
  // DTI 41/63 in 2022, 16 in 2024 (domain.md §4.3).
  'dti.rank': { 2022: 41, 2023: 27, 2024: 16, 2025: 11, 2026: 9 },
};

/** Year plans given by the catalog (tourism 2024: 9M guests, 6M domestic, 3M international, 40,100 tỷ). */
const PLAN_ANCHORS: Record<string, Record<number, number>> = {
  'budget.revenue_total': { 2024: 16680 },
  'tourism.guests_total': { 2024: 9_000_000 },
  'tourism.guests_domestic': { 2024: 6_000_000 },
  'tourism.guests_international': { 2024: 3_000_000 },
  'tourism.revenue': { 2024: 40_100 },
};
/** Rate targets by year. */
const TARGETS: Record<string, Record<number, number> | number> = {
  'budget.revenue_pct_estimate': 100,
  'public_investment.disbursement_rate_pm': 95,
  'public_investment.disbursement_rate_province': 95,
  'ntp_ethnic.disbursement_rate': 95,
  'grdp.growth': { 2022: 7.5, 2023: 8, 2024: 8.5, 2025: 10, 2026: 10 },
  'grdp.iip_growth': 9,
  'dti.score': { 2022: 0.65, 2023: 0.7, 2024: 0.72, 2025: 0.8, 2026: 0.8 },
};

// ---------------------------------------------------------------------------------------------------
// The model

type Model = 'flow' | 'level' | 'rate' | 'rank';

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

function modelOf(ind: IndicatorConfig): Model {
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

function decimalsOf(ind: IndicatorConfig, hi: number): number {
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
function roundPlan(n: number, d: number): number {
  if (Math.abs(n) >= 1000) {
    const mag = 10 ** (Math.floor(Math.log10(Math.abs(n))) - 2);
    return Math.round(n / mag) * mag;
  }
  return roundTo(n, d);
}

const isMerged = (p: Period) => periodEnd(p).getTime() > REFORM_DATE.getTime();
const monthsFrom2022 = (p: Period) => (p.year - DEMO_START_YEAR) * 12 + (p.index - 1) * MONTHS_PER_PERIOD[p.kind] + MONTHS_PER_PERIOD[p.kind] / 2;
const clamp = (n: number, a: number, b: number) => Math.min(b, Math.max(a, n));

function interpolateYears(anchors: Record<number, number>, y: number, growth: number): number {
  const years = Object.keys(anchors)
    .map(Number)
    .sort((a, b) => a - b);
  const at = (k: number) => anchors[k]!;
  if (anchors[y] !== undefined) return at(y);
  const before = years.filter((k) => k < y).pop();
  const after = years.find((k) => k > y);
  if (before !== undefined && after !== undefined) {
    const t = (y - before) / (after - before);
    return at(before) * (at(after) / at(before)) ** t;
  }
  if (before !== undefined) return at(before) * (1 + growth) ** (y - before);
  return at(after!) / (1 + growth) ** (after! - y);
}

function linearYears(anchors: Record<number, number>, yFrac: number): number {
  const years = Object.keys(anchors)
    .map(Number)
    .sort((a, b) => a - b);
  const first = years[0]!;
  const last = years[years.length - 1]!;
  if (yFrac <= first) return anchors[first]!;
  if (yFrac >= last) return anchors[last]!;
  const a = Math.floor(yFrac);
  const b = a + 1;
  const va = anchors[a] ?? anchors[last]!;
  const vb = anchors[b] ?? va;
  return va + (vb - va) * (yFrac - a);
}

class DemoModel {
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
    const perYear = { per_month: 12, per_quarter: 4, per_half_year: 2, per_year: 1 }[meta.ind.demo?.basis as string] ?? 12 / MONTHS_PER_PERIOD[meta.ind.period];
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
        return Math.min(100, (this.ytdRaw('public_investment.disbursed', p) / this.raw('public_investment.plan_pm', y('year', p.year, 1))) * 100);
      case 'public_investment.disbursement_rate_province':
        return Math.min(100, (this.ytdRaw('public_investment.disbursed', p) / this.raw('public_investment.plan_province', y('year', p.year, 1))) * 100);
      case 'ntp_ethnic.disbursement_rate':
        return Math.min(100, (this.ytdRaw('ntp_ethnic.disbursed', p) / this.raw('ntp_ethnic.capital_plan', y('year', p.year, 1))) * 100);
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
    if (target !== undefined) return roundPlan(typeof target === 'number' ? target : (target[year] ?? Object.values(target).pop()!), d);
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

function lastPeriodOfYear(kind: PeriodKind, year: number): Period {
  return { kind, year, index: 12 / MONTHS_PER_PERIOD[kind] };
}

// ---------------------------------------------------------------------------------------------------
// Statuses and times

function monthOrdinal(d: Date): number {
  const local = new Date(d.getTime() + VN_OFFSET_MS);
  return local.getUTCFullYear() * 12 + local.getUTCMonth();
}

/** Vietnam-time midnight that ends the period, as an instant. */
function endInstant(p: Period): Date {
  return new Date(periodEnd(p).getTime() - VN_OFFSET_MS);
}

function statusOf(p: Period, now: Date, rand: Rand, key: string): ValueStatus {
  if (endInstant(p).getTime() > now.getTime()) return 'estimate';
  // Months between the end of the period and now: 0 = it ended at the start of this month.
  const age = monthOrdinal(now) - monthOrdinal(endInstant(p));
  if (age <= 0) return rand('status', key) < 0.5 ? 'estimate' : 'preliminary';
  if (age <= 2) return 'preliminary';
  return 'official';
}

const DELAY_DAYS: Record<PeriodKind, Record<ValueStatus, [number, number]>> = {
  month: { estimate: [1, 5], preliminary: [5, 15], official: [15, 28] },
  quarter: { estimate: [3, 8], preliminary: [8, 20], official: [20, 40] },
  half_year: { estimate: [3, 10], preliminary: [10, 25], official: [25, 50] },
  year: { estimate: [5, 20], preliminary: [20, 45], official: [45, 100] },
};

/** A few days after the period's end, in office hours; never in the future. */
function updatedAtOf(p: Period, status: ValueStatus, now: Date, rand: Rand, key: string): Date {
  const end = endInstant(p);
  if (end.getTime() > now.getTime()) return now;
  const [a, b] = DELAY_DAYS[p.kind][status];
  const days = Math.floor(a + (b - a) * rand('delay', key));
  const officeSeconds = Math.floor((8 + 9 * rand('hour', key)) * 3600);
  const t = end.getTime() + days * DAY_MS + officeSeconds * 1000 + Math.floor(rand('ms', key) * 1000);
  const latest = now.getTime() - Math.floor(60_000 + rand('recent', key) * 6 * 3600_000);
  return new Date(Math.max(end.getTime(), Math.min(t, latest)));
}

/** Plans are assigned in the second half of December of the year before. */
function planUpdatedAt(year: number, now: Date, rand: Rand, key: string): Date {
  const t =
    Date.UTC(year - 1, 11, 10) - VN_OFFSET_MS + Math.floor(20 * rand('pday', key)) * DAY_MS + Math.floor((8 + 9 * rand('phour', key)) * 3600_000);
  return new Date(Math.min(t, now.getTime() - 60_000));
}

// ---------------------------------------------------------------------------------------------------
// Periods to report

/** Periods of a kind from January 2022 that have ended by now; for months, also the current month. */
export function demoPeriods(kind: PeriodKind, now: Date): Period[] {
  const current = periodContaining(kind, now);
  const out: Period[] = [];
  const first = periodOrdinal({ kind, year: DEMO_START_YEAR, index: 1 });
  const last = periodOrdinal(current) - (kind === 'month' ? 0 : 1);
  const per = 12 / MONTHS_PER_PERIOD[kind];
  for (let o = first; o <= last; o++) out.push({ kind, year: Math.floor(o / per), index: (o % per) + 1 });
  return out;
}

/** Yearly indicators that are plans themselves: known at the start of their year. */
const PLAN_VALUED = new Set(['public_investment.plan_pm', 'public_investment.plan_province', 'ntp_ethnic.capital_plan']);

// ---------------------------------------------------------------------------------------------------
// Communes

interface CommuneWeights {
  codes: string[];
  weights: number[];
}

function communeWeights(config: Config, id: string, rand: Rand): CommuneWeights {
  const codes = config.province.communes.map((c) => c.code);
  const raw = config.province.communes.map((c) => {
    // log-normal-ish size (Box–Muller), wards bigger than rural communes, the island special zone small.
    const u1 = Math.max(1e-9, rand('w1', c.code));
    const u2 = rand('w2', c.code);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const typeFactor = c.type === 'Phường' ? 2.2 : c.type === 'Đặc khu' ? 0.4 : 1;
    return Math.exp(0.5 * z) * typeFactor * (0.7 + 0.6 * rand('wj', id, c.code));
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return { codes, weights: raw.map((w) => w / total) };
}

/** Splits total into parts proportional to weights, rounded to d decimals, summing exactly to total. */
export function splitByWeights(total: number, weights: number[], d: number): number[] {
  const f = 10 ** d;
  const units = Math.round(total * f);
  const exact = weights.map((w) => w * units);
  const floors = exact.map(Math.floor);
  let rest = units - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) floors[order[k]![1]]! += 1;
  return floors.map((u) => u / f);
}

// ---------------------------------------------------------------------------------------------------

/** All demo rows for the configuration as of `now`. Pure and deterministic for a given seed. */
export function generateDemoRows(config: Config, now: Date, seed = 20260101): DemoRow[] {
  const rand = makeRand(seed);
  const model = new DemoModel(config, rand);
  const province = config.province.code;
  const currentYear = periodContaining('year', now).year;
  const rows: DemoRow[] = [];

  for (const group of config.groups) {
    for (const ind of group.indicators) {
      const meta = model.m(ind.id);
      const kind = ind.period;
      const communeRows: Array<{ p: Period; value: number | null; plan: number | null; status: ValueStatus; at: Date }> = [];

      // Value rows at the indicator's own period kind.
      const periods = kind === 'year' ? [] : demoPeriods(kind, now);
      for (const p of periods) {
        const code = formatPeriod(p);
        const key = `${ind.id}|${province}|${code}`;
        const status = statusOf(p, now, rand, key);
        const at = updatedAtOf(p, status, now, rand, key);
        const value = model.finish(ind.id, model.value(ind.id, p));
        rows.push({ indicator_id: ind.id, area_code: province, period: code, value, plan: null, status, reporter: group.reporter, updated_at: at });
        if (ind.communeLevel && periodStart(p).getTime() >= REFORM_DATE.getTime()) communeRows.push({ p, value, plan: null, status, at });
      }

      // Year rows: the value row of a yearly indicator, and the plan of any indicator that has one.
      for (let year = DEMO_START_YEAR; year <= currentYear; year++) {
        const p: Period = { kind: 'year', year, index: 1 };
        const code = formatPeriod(p);
        const key = `${ind.id}|${province}|${code}`;
        const plan = model.plan(ind.id, year);
        if (kind === 'year') {
          const known = year < currentYear || PLAN_VALUED.has(ind.id);
          if (!known && plan === null) continue;
          let value: number | null = null;
          let status: ValueStatus = 'official';
          let at: Date;
          if (year < currentYear) {
            value = model.finish(ind.id, model.value(ind.id, p));
            status = statusOf(p, now, rand, key);
            at = updatedAtOf(p, status, now, rand, key);
          } else {
            if (known) value = model.finish(ind.id, model.value(ind.id, p));
            at = planUpdatedAt(year, now, rand, key);
          }
          rows.push({ indicator_id: ind.id, area_code: province, period: code, value, plan, status, reporter: group.reporter, updated_at: at });
          if (ind.communeLevel && periodEnd(p).getTime() > REFORM_DATE.getTime()) communeRows.push({ p, value, plan, status, at });
        } else if (plan !== null) {
          const at = planUpdatedAt(year, now, rand, key);
          rows.push({ indicator_id: ind.id, area_code: province, period: code, value: null, plan, status: 'official', reporter: group.reporter, updated_at: at });
          if (ind.communeLevel && periodStart(p).getTime() >= REFORM_DATE.getTime())
            communeRows.push({ p, value: null, plan, status: 'official', at });
        }
      }

      if (communeRows.length === 0) continue;
      const { codes, weights } = communeWeights(config, ind.id, rand);
      const additive = isAdditive(ind);
      const offsets = codes.map((c) => 0.92 + 0.16 * rand('coff', ind.id, c)); // fixed ±8 %
      for (const cr of communeRows) {
        const code = formatPeriod(cr.p);
        const values = cr.value === null ? null : additive ? splitByWeights(cr.value, weights, meta.decimals) : null;
        const plans = cr.plan === null ? null : additive ? splitByWeights(cr.plan, weights, meta.decimals) : null;
        codes.forEach((c, i) => {
          let value: number | null = null;
          if (cr.value !== null)
            value = values
              ? values[i]!
              : model.finish(ind.id, cr.value * offsets[i]! * (1 + 0.02 * (2 * rand('cnoise', ind.id, c, code) - 1)));
          const plan = cr.plan === null ? null : plans ? plans[i]! : cr.plan;
          // Communes report before the department consolidates.
          const at =
            cr.at.getTime() >= now.getTime() || cr.value === null
              ? cr.at
              : new Date(Math.max(endInstant(cr.p).getTime(), cr.at.getTime() - Math.floor(rand('cat', ind.id, c, code) * 2 * DAY_MS)));
          rows.push({ indicator_id: ind.id, area_code: c, period: code, value, plan, status: cr.status, reporter: communeReporter(c), updated_at: at });
        });
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Former communes (before the 1 July 2025 reform)

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
        : roundTo(r.value! * (0.92 + 0.16 * rand('foff', ind.id, c)) * (1 + 0.02 * (2 * rand('fnoise', ind.id, c, r.period) - 1)), decimals);
      if (ind.unit === '%') value = Math.min(100, Math.max(0, value));
      out.push({ ...r, area_code: c, value, plan: null, reporter: communeReporter(c), updated_at: r.updated_at });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Writing

const COLUMNS = ['indicator_id', 'area_code', 'period', 'value', 'plan', 'status', 'reporter', 'updated_at'] as const;
const BATCH = 800;

/** Inserts rows with multi-row INSERTs inside the caller's transaction or connection. */
export async function insertRows(
  db: Pick<ReportingDb, 'query'>,
  rows: readonly DemoRow[],
  opts: { upsert?: boolean; batchSize?: number } = {},
): Promise<void> {
  const size = opts.batchSize ?? BATCH;
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const params: unknown[] = [];
    const tuples = batch.map((r, i) => {
      params.push(r.indicator_id, r.area_code, r.period, r.value, r.plan, r.status, r.reporter, r.updated_at);
      const b = i * COLUMNS.length;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::numeric, $${b + 5}::numeric, $${b + 6}, $${b + 7}, $${b + 8}::timestamptz)`;
    });
    const conflict = opts.upsert
      ? ` on conflict (indicator_id, area_code, period) do update set value = excluded.value, plan = excluded.plan,
           status = excluded.status, reporter = excluded.reporter, updated_at = excluded.updated_at`
      : '';
    await db.query(`insert into ioc_report_values (${COLUMNS.join(', ')}) values ${tuples.join(', ')}${conflict}`, params);
  }
}

/**
 * Fills an empty ioc_report_values with the demo history (no-op with rows: 0 when it has rows).
 * One transaction: a listener sees one "*" per batch statement, and a crash leaves the table empty.
 */
export async function seedDemo(db: ReportingDb, config: Config, opts: { now: Date; seed?: number }): Promise<{ rows: number }> {
  await upsertCommuneAgencies(db, config.province);
  const { rows: existing } = await db.query<{ any: boolean }>('select exists (select 1 from ioc_report_values) as any');
  if (existing[0]?.any) return { rows: 0 };
  const rows = generateDemoRows(config, opts.now, opts.seed);
  rows.push(...generateFormerCommuneRows(config, rows, opts.seed));
  await db.transaction(async (tx) => {
    // Two seeders starting together: the second waits here, then finds the table filled.
    await tx.query('lock table ioc_report_values in share row exclusive mode');
    const { rows: again } = await tx.query<{ any: boolean }>('select exists (select 1 from ioc_report_values) as any');
    if (again[0]?.any) {
      rows.length = 0;
      return;
    }
    await insertRows(tx, rows);
  });
  return { rows: rows.length };
}
