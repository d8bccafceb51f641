/**
 * What a leader is told about a figure beyond its value (ARCHITECTURE.md "Revisions and compliance"):
 * "Đã điều chỉnh" with the earlier figure, and "Cần kiểm tra" with the rule it broke. Pure.
 */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import { formatValue, parseInstant, statusLabelVi } from '../../format/vi.ts';
import { vnParts } from '../../../../contract/vn-time.ts';

export interface TrustMark {
  label: string;
  /** `trước: 4.120,5 tỷ đồng (ước tính, 20/11)`; the rule broken for an implausible figure. */
  detail: string;
}

export interface TrustMarks {
  revised: TrustMark | null;
  implausible: TrustMark | null;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** `20/11` in Vietnam time; `—` when unreadable. */
function dayMonth(iso: string): string {
  const d = parseInstant(iso);
  if (!d) return '—';
  const p = vnParts(d);
  return `${p2(p.day)}/${p2(p.month)}`;
}

/**
 * How a tile shows the value when that is not the value itself: a cumulative tile shows the year-to-date
 * total, while the flags, the earlier figure and the checks are about the period's own value.
 */
export interface ShownAs {
  /** The figure on the tile (the year-to-date total). */
  figure: number;
  /** `Riêng tháng 11`: what the value itself covers. */
  inPeriodName: string;
}

/**
 * The marks of one value. With `shown`, the earlier figure is given as the tile's figure was before the
 * revision (the total with the period's earlier value), so "trước" never puts a month's value beside a
 * year-to-date total; the broken rule names the period it is about.
 */
export function trustMarks(
  v: Pick<IndicatorValue, 'flags' | 'previous' | 'checks'> & Partial<Pick<IndicatorValue, 'value'>>,
  unit: string,
  shown?: ShownAs,
): TrustMarks;
export function trustMarks(v: null | undefined, unit: string, shown?: ShownAs): TrustMarks;
export function trustMarks(
  v: (Pick<IndicatorValue, 'flags' | 'previous' | 'checks'> & Partial<Pick<IndicatorValue, 'value'>>) | null | undefined,
  unit: string,
  shown?: ShownAs,
): TrustMarks {
  const flags = v?.flags ?? [];
  const prev = v?.previous;
  const own = v?.value;
  const earlier = (p: NonNullable<typeof prev>): string => {
    if (p.value === null) return 'chưa có số';
    if (!shown || typeof own !== 'number') return formatValue(p.value, unit);
    return formatValue(shown.figure - own + p.value, unit);
  };
  const revised: TrustMark | null =
    flags.includes('revised') && prev
      ? {
          label: 'Đã điều chỉnh',
          detail: `trước: ${earlier(prev)} (${statusLabelVi(prev.status).toLowerCase()}, ${dayMonth(prev.updatedAt)})`,
        }
      : null;
  const checks = v?.checks ?? [];
  const rules = checks.length ? checks.map((c) => c.message).join('; ') : 'số liệu bất thường';
  const implausible: TrustMark | null = flags.includes('implausible')
    ? { label: 'Cần kiểm tra', detail: shown ? `${shown.inPeriodName}: ${rules}` : rules }
    : null;
  return { revised, implausible };
}

export const hasMarks = (m: TrustMarks): boolean => m.revised !== null || m.implausible !== null;
