import type { PanelConfig } from '../../../../contract/config.ts';
import type { ScreenPayload } from '../../../../contract/http.ts';
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
