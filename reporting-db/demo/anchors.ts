/**
 * Reference points of the demo seed, from the catalog (shared/catalog/indicators.json), in the pre-merger
 * basis (merged figures ÷ mergerFactor), and the interpolation between anchored years.
 */

export const YEAR_ANCHORS: Record<string, Record<number, number>> = {
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
export const RATE_ANCHORS: Record<string, Record<number, number>> = {
  'grdp.growth': { 2022: 18, 2023: 6.5, 2024: 10.2, 2025: 7.5, 2026: 8.5 },
  'grdp.iip_growth': { 2022: 14, 2023: -2, 2024: 9, 2025: 10, 2026: 11 },
  'dti.score': { 2022: 0.46, 2023: 0.58, 2024: 0.7071, 2025: 0.76, 2026: 0.79 },
};
export const RANK_ANCHORS: Record<string, Record<number, number>> = {
  // DTI 41/63 in 2022, 16 in 2024 (domain.md §4.3).
  'dti.rank': { 2022: 41, 2023: 27, 2024: 16, 2025: 11, 2026: 9 },
};

/** Year plans given by the catalog (tourism 2024: 9M guests, 6M domestic, 3M international, 40,100 tỷ). */
export const PLAN_ANCHORS: Record<string, Record<number, number>> = {
  'budget.revenue_total': { 2024: 16680 },
  'tourism.guests_total': { 2024: 9_000_000 },
  'tourism.guests_domestic': { 2024: 6_000_000 },
  'tourism.guests_international': { 2024: 3_000_000 },
  'tourism.revenue': { 2024: 40_100 },
};
/** Rate targets by year. */
export const TARGETS: Record<string, Record<number, number> | number> = {
  'budget.revenue_pct_estimate': 100,
  'public_investment.disbursement_rate_pm': 95,
  'public_investment.disbursement_rate_province': 95,
  'ntp_ethnic.disbursement_rate': 95,
  'grdp.growth': { 2022: 7.5, 2023: 8, 2024: 8.5, 2025: 10, 2026: 10 },
  'grdp.iip_growth': 9,
  'dti.score': { 2022: 0.65, 2023: 0.7, 2024: 0.72, 2025: 0.8, 2026: 0.8 },
};

/** A year between anchors: geometric interpolation; outside them: the indicator's yearly growth. */
export function interpolateYears(anchors: Record<number, number>, y: number, growth: number): number {
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

/** A rate at a fractional year: linear between anchored years, held flat outside them. */
export function linearYears(anchors: Record<number, number>, yFrac: number): number {
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
