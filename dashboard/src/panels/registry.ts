/**
 * Panel kinds: kind → lazily loaded component. Adding a kind is one folder under panels/ and one
 * line here (plus its schema in contract/config.ts).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PanelConfig, PanelKind } from '../../../contract/config.ts';
import type { PanelProps } from './types.ts';
import { indicatorGroupsOf } from '../../../contract/panel-groups.ts';

type Registry = { [K in PanelKind]: LazyExoticComponent<ComponentType<PanelProps<K>>> };

export const PANELS: Registry = {
  'kpi-tile': lazy(() => import('./kpi-tile/KpiTile.tsx')),
  'trend-chart': lazy(() => import('./trend-chart/TrendChart.tsx')),
  'commune-ranking': lazy(() => import('./commune-ranking/CommuneRanking.tsx')),
  'group-overview': lazy(() => import('./group-overview/GroupOverview.tsx')),
  map: lazy(() => import('./map/MapPanel.tsx')),
  'alert-feed': lazy(() => import('./alert-feed/AlertFeed.tsx')),
  'camera-status': lazy(() => import('./camera-status/CameraStatus.tsx')),
  gauge: lazy(() => import('./gauge/Gauge.tsx')),
  table: lazy(() => import('./table/TablePanel.tsx')),
  note: lazy(() => import('./note/NotePanel.tsx')),
  compliance: lazy(() => import('./compliance/CompliancePanel.tsx')),
};

/** Labels for placeholders while a panel's code or data loads. */
export const KIND_LABEL_VI: Record<PanelKind, string> = {
  'kpi-tile': 'Chỉ tiêu',
  'trend-chart': 'Biểu đồ',
  'commune-ranking': 'Xếp hạng xã, phường',
  'group-overview': 'Nhóm chỉ tiêu',
  map: 'Bản đồ',
  'alert-feed': 'Cảnh báo camera',
  'camera-status': 'Tình trạng camera',
  gauge: 'Đồng hồ % kế hoạch',
  table: 'Bảng số liệu',
  note: 'Ghi chú',
  compliance: 'Chấp hành chế độ báo cáo',
};

/** The groups a panel shows, from its configuration: an indicator's prefix, or its group. */
export function panelGroups(panel: PanelConfig): string[] {
  return indicatorGroupsOf(panel);
}
