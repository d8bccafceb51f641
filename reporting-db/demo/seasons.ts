/** Seasonal profiles of the demo seed: relative weights per month / quarter / half-year, by indicator. */
import type { Period } from '../../contract/period.ts';

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
export function shareOfYear(id: string, p: Period): number {
  const w = p.kind === 'month' ? monthProfile(id) : p.kind === 'quarter' ? QUARTERS : p.kind === 'half_year' ? HALVES : [1];
  const total = w.reduce((a, b) => a + b, 0);
  return (w[p.index - 1] ?? 0) / total;
}
