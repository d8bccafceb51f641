import type { PanelConfig } from '../../../../contract/config.ts';
import type { ProvinceInfo, ScreenPayload } from '../../../../contract/http.ts';
import { findIndicator } from './values.ts';

/** The panel's configured title, else the indicator's or group's name. */
export function panelTitle(panel: PanelConfig, payload: ScreenPayload): string {
  if (panel.title) return panel.title;
  if ('indicator' in panel) return findIndicator(payload.groups, panel.indicator)?.name ?? panel.indicator;
  if (panel.kind === 'table') return findIndicator(payload.groups, panel.indicators[0]!)?.name ?? 'Bảng số liệu';
  if (panel.kind === 'note') return 'Ghi chú';
  if ('group' in panel) return payload.groups.find((g) => g.id === panel.group)?.name ?? panel.group;
  return 'Bảng';
}

/** The commune a panel's `area` names, or null for the province (no area, or the province's own code). */
export function areaName(area: string | undefined, province: Pick<ProvinceInfo, 'code' | 'communes'>): string | null {
  if (area === undefined || area === province.code) return null;
  return province.communes.find((c) => c.code === area)?.name ?? area;
}

/** A panel's subtitle: the commune's name first (when there is one), then the rest, joined by ` · `. */
export function subtitle(...parts: readonly (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join(' · ');
}
