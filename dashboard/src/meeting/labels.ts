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

/**
 * One part of a band line. `shrink`: how readily it gives way when the line is too long for the wall's
 * type size (0: never — the area and the period say which figures these are; the group name goes first).
 */
export interface BandPart {
  text: string;
  shrink: number;
}

/** The view's parts: group, indicator, area (or the communes compared), period (or the periods compared). */
export function viewTitleParts(view: View, groups: readonly GroupInfo[], province: ProvinceInfo): BandPart[] {
  const g = groups.find((x) => x.id === view.group);
  const parts: BandPart[] = [{ text: g?.name ?? view.group, shrink: 4 }];
  if (view.indicator) parts.push({ text: g?.indicators.find((i) => i.id === view.indicator)?.name ?? view.indicator, shrink: 2 });
  const areas = view.compare?.areas;
  if (areas && areas.length >= 2)
    parts.push({ text: `So sánh ${areas.map((a) => areaName(a, province)).join(', ')}`, shrink: 1 });
  else parts.push({ text: areaName(view.area ?? province.code, province), shrink: 0 });
  const periods = view.compare?.periods;
  if (periods && periods.length >= 2) parts.push({ text: `So sánh ${periods.map(periodSelectionLabel).join(' – ')}`, shrink: 0 });
  else if (view.period) parts.push({ text: periodSelectionLabel(view.period), shrink: 0 });
  return parts;
}

/**
 * The band's second line: the view without its group when it names an indicator (the indicator says
 * it, and at the wall's type size the group name would only crowd out the indicator's).
 */
export function bandViewParts(view: View, groups: readonly GroupInfo[], province: ProvinceInfo): BandPart[] {
  const parts = viewTitleParts(view, groups, province);
  return view.indicator ? parts.slice(1) : parts;
}

/** `Y tế · Số ca sốt xuất huyết · Phường Bắc Nha Trang · Quý III/2026`. */
export function viewTitle(view: View, groups: readonly GroupInfo[], province: ProvinceInfo): string {
  return viewTitleParts(view, groups, province)
    .map((p) => p.text)
    .join(' · ');
}

/** The band's first line: the meeting's title gives way before the presenter's name does. */
export const meetingLineParts = (title: string, presenter: string): BandPart[] => [
  { text: title, shrink: 3 },
  // Never cut (any shrink at all shows an ellipsis): names are short, set by the center's admins.
  { text: presenterLabel(presenter), shrink: 0 },
];

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
