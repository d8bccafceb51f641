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

export function trustMarks(
  v: Pick<IndicatorValue, 'flags' | 'previous' | 'checks'> | null | undefined,
  unit: string,
): TrustMarks {
  const flags = v?.flags ?? [];
  const prev = v?.previous;
  const revised: TrustMark | null =
    flags.includes('revised') && prev
      ? {
          label: 'Đã điều chỉnh',
          detail: `trước: ${prev.value === null ? 'chưa có số' : formatValue(prev.value, unit)} (${statusLabelVi(prev.status).toLowerCase()}, ${dayMonth(prev.updatedAt)})`,
        }
      : null;
  const checks = v?.checks ?? [];
  const implausible: TrustMark | null = flags.includes('implausible')
    ? { label: 'Cần kiểm tra', detail: checks.length ? checks.map((c) => c.message).join('; ') : 'số liệu bất thường' }
    : null;
  return { revised, implausible };
}

export const hasMarks = (m: TrustMarks): boolean => m.revised !== null || m.implausible !== null;
