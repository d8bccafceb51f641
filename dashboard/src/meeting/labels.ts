/** The words a meeting's band and printed pages say, in Vietnamese. Pure. */
import type { GroupInfo, ProvinceInfo } from '../../../contract/http.ts';
import type { View } from '../../../contract/meetings.ts';
import { parsePeriod, periodLabelVi } from '../../../contract/period.ts';
import { formatDateVi, formatTimeVi, parseInstant } from '../format/vi.ts';

/** `2026-9M` → `9 tháng năm 2026`; `2026-10-YTD` → `10 tháng năm 2026 (lũy kế)`; a period code → its label. */
export function periodSelectionLabel(sel: string): string {
  const nine = /^(\d{4})-9M$/.exec(sel);
  if (nine) return `9 tháng năm ${nine[1]}`;
  const ytd = /^(\d{4})-(\d{2})-YTD$/.exec(sel);
  if (ytd) return `${Number(ytd[2])} tháng năm ${ytd[1]} (lũy kế)`;
  const p = parsePeriod(sel);
  return p ? periodLabelVi(p) : sel;
}

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
