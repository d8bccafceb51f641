/**
 * The indicator groups a panel reads, from its configuration alone: a group, an indicator's prefix, or
 * the prefixes of a table's indicators. One function for the server (device scope, screen payloads) and
 * the wall (subscriptions). Camera and alert panels add nothing here (they follow the `alerts` group).
 */
import type { PanelConfig } from './config.ts';

const prefix = (indicator: string) => indicator.split('.')[0]!;

export function indicatorGroupsOf(panel: PanelConfig): string[] {
  if ('group' in panel) return [panel.group];
  if ('indicators' in panel) return [...new Set(panel.indicators.map(prefix))];
  if ('indicator' in panel) return [prefix(panel.indicator)];
  return [];
}
