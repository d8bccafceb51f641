/** The words a meeting's band and printed pages say, in Vietnamese. Pure. */
import type { GroupInfo, ProvinceInfo } from '../../../contract/http.ts';
import type { View } from '../../../contract/meetings.ts';
import { selectionLabelVi } from '../../../contract/rollup.ts';
import { formatDateVi, formatTimeVi, parseInstant } from '../format/vi.ts';

/**
 * `2026-Q3` → `Quý III/2026`, `2026-9M` → `9 tháng năm 2026`, `2026-10-YTD` → `Lũy kế 10 tháng năm 2026`: the
 * tablet's words (contract/rollup.ts selectionLabelVi), so the band, the tiles and the tablet say the same.
 */
export const periodSelectionLabel = (sel: string): string => selectionLabelVi(sel);

export function areaName(code: string, province: ProvinceInfo): string {
  if (code === province.code) return `Toàn tỉnh ${province.name}`;
  const c = province.communes.find((x) => x.code === code);
  return c ? `${c.type} ${c.name}` : code;
}

/** `Y tế · Số ca sốt xuất huyết · Phường Bắc Nha Trang · Quý III/2026`. */
export function viewTitle(view: View, groups: readonly GroupInfo[], province: ProvinceInfo): string {
  const g = groups.find((x) => x.id === view.group);
  const parts = [g?.name ?? view.group];
  if (view.indicator) parts.push(g?.indicators.find((i) => i.id === view.indicator)?.name ?? view.indicator);
  const areas = view.compare?.areas;
  if (areas && areas.length >= 2) parts.push(`So sánh ${areas.map((a) => areaName(a, province)).join(', ')}`);
  else parts.push(areaName(view.area ?? province.code, province));
  const periods = view.compare?.periods;
  if (periods && periods.length >= 2) parts.push(`So sánh ${periods.map(periodSelectionLabel).join(' – ')}`);
  else if (view.period) parts.push(periodSelectionLabel(view.period));
  return parts.join(' · ');
}

const at = (iso: string) => {
  const d = parseInstant(iso);
  return d ? `${formatTimeVi(d)}, ${formatDateVi(d)}` : '—';
};

/** `Số liệu chốt lúc 09:30, 02/12/2026` (Vietnam time). */
export const frozenLabel = (iso: string): string => `Số liệu chốt lúc ${at(iso)}`;
/** `Số liệu tính đến 09:30, 02/12/2026`. */
export const asOfLabel = (iso: string): string => `Số liệu tính đến ${at(iso)}`;
/** `Chủ trì: Chủ tịch UBND tỉnh`. */
export const presenterLabel = (name: string): string => `Chủ trì: ${name}`;
