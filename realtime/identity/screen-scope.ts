/**
 * What a screen may read: the groups its pages show, province-wide (ARCHITECTURE.md: "A device's scope
 * is the groups of the pages it may show"). A display of a wall may show every page of its playlist (and
 * its pinned page); a page opened as a screen shows itself. Panels that follow camera alerts (alert feed,
 * camera status, a map with camera or alert layers) add the `alerts` group; a compliance panel adds
 * `compliance` (every group's reporting compliance, realtime/compliance/plugin.ts). The display a wall's
 * critical alerts take over (`alerts.display`) reads `alerts` whatever its pages show: the takeover
 * follows the feed itself.
 */
import { ALERTS_GROUP } from '../../contract/alerts.ts';
import { COMPLIANCE_GROUP } from '../../contract/compliance.ts';
import type { Config, PanelConfig, ScreenConfig } from '../../contract/config.ts';
import { scopeForDevice, type Scope } from '../../contract/scope.ts';
import { indicatorGroupsOf } from '../../contract/panel-groups.ts';

export function panelGroups(panel: PanelConfig): string[] {
  switch (panel.kind) {
    case 'group-overview':
      return [panel.group];
    case 'alert-feed':
    case 'camera-status':
      return [ALERTS_GROUP];
    case 'compliance':
      return [COMPLIANCE_GROUP];
    case 'map': {
      const own = panel.indicator.split('.')[0]!;
      return panel.layers.some((l) => l === 'cameras' || l === 'alerts' || l === 'heat') ? [own, ALERTS_GROUP] : [own];
    }
    default:
      return indicatorGroupsOf(panel);
  }
}

/** The pages a screen id may show: a page itself, or a wall display's playlist and pinned page. */
export function pagesOfScreen(config: Config, screen: string): ScreenConfig[] {
  const page = config.screens.find((s) => s.id === screen);
  if (page) return [page];
  for (const wall of config.walls) {
    const display = wall.displays.find((d) => d.id === screen);
    if (!display) continue;
    const ids = new Set([...(display.playlist ?? []).map((e) => e.page), ...(display.pinned ? [display.pinned] : [])]);
    return config.screens.filter((s) => ids.has(s.id));
  }
  return [];
}

export function isKnownScreen(config: Config, screen: string): boolean {
  return config.screens.some((s) => s.id === screen) || config.walls.some((w) => w.displays.some((d) => d.id === screen));
}

export function screenScope(config: Config, screen: string): Scope {
  const takeover = config.walls.some((w) => w.alerts?.display === screen) ? [ALERTS_GROUP] : [];
  return scopeForDevice([...pagesOfScreen(config, screen).flatMap((p) => p.panels.flatMap(panelGroups)), ...takeover]);
}
