/**
 * A figure's way to its current form, from its history (GET /api/values/history): the status path
 * (ước tính → sơ bộ → chính thức) as steps, with revisions at a status shown as such — so a leader sees
 * that an official figure replaced an estimate (the normal path), apart from a figure corrected after
 * it was published (đã điều chỉnh). Pure; the tile renders the steps as text.
 */
import type { ValueHistoryItem } from '../../../contract/trust.ts';
import { formatDateVi, formatValue, parseInstant, statusLabelVi } from '../format/vi.ts';

export interface PathStep {
  /** `Ước tính`, `Chính thức`, `Chính thức (điều chỉnh)`. */
  label: string;
  /** The figure at that step, with its unit. */
  valueText: string;
  /** The reporting system's date of that step (dd/mm/yyyy). */
  dateText: string;
  revision: boolean;
}

/** Steps oldest first; a step only where the status or the figure changed (re-reads are not steps). */
export function statusPath(items: readonly ValueHistoryItem[], unit: string): PathStep[] {
  const out: PathStep[] = [];
  let prev: ValueHistoryItem | null = null;
  for (const it of items) {
    if (prev && prev.status === it.status && prev.value === it.value) continue;
    const revision = prev !== null && prev.status === it.status;
    const at = parseInstant(it.updatedAt);
    out.push({
      label: `${statusLabelVi(it.status)}${revision ? ' (điều chỉnh)' : ''}`,
      valueText: it.value === null ? 'chưa có số liệu' : formatValue(it.value, unit),
      dateText: at ? formatDateVi(at) : '—',
      revision,
    });
    prev = it;
  }
  return out;
}

/** `Ước tính 4.120,5 tỷ đồng (20/11/2026) → Chính thức 4.180,0 tỷ đồng (05/12/2026)`. */
export function statusPathText(steps: readonly PathStep[]): string {
  return steps.map((s) => `${s.label} ${s.valueText} (${s.dateText})`).join(' → ');
}
