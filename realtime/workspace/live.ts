/**
 * Publishing live: the running Config is updated in place (its `screens`, `walls` and `groups` arrays
 * are replaced, so every route reading `config.*` and every config-derived.ts value follows), and the
 * screens whose layout changed are told, `screen:layout-changed` to room `screen:<id>` (across nodes
 * through the Socket.IO adapter). Pure parts (what changed, who shows it) are separate and tested.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Config, ScreenConfig, WallConfig, GroupConfig } from '../../contract/config.ts';
import type { AffectedScreens } from '../../contract/workspace.ts';
import { panelGroups } from '../identity/screen-scope.ts';

type Live = Pick<Config, 'screens' | 'walls' | 'groups' | 'devices'>;

function changedIds<T extends { id: string }>(before: readonly T[], after: readonly T[]): Set<string> {
  const out = new Set<string>();
  const old = new Map(before.map((x) => [x.id, x]));
  for (const x of after) if (!isDeepStrictEqual(old.get(x.id), x)) out.add(x.id);
  for (const x of before) if (!after.some((y) => y.id === x.id)) out.add(x.id);
  return out;
}

/** The screens (wall displays and pages opened as screens) whose layout differs between two configs. */
export function screensToNotify(before: Live, after: Live): string[] {
  const pages = changedIds<ScreenConfig>(before.screens, after.screens);
  const groups = changedIds<GroupConfig>(before.groups, after.groups);
  // A renamed indicator or new thresholds change every page showing its group.
  if (groups.size)
    for (const p of after.screens) if (p.panels.some((panel) => panelGroups(panel).some((g) => groups.has(g)))) pages.add(p.id);
  const out = new Set<string>(pages);
  const walls = changedIds<WallConfig>(before.walls, after.walls);
  for (const cfg of [before, after])
    for (const w of cfg.walls)
      for (const d of w.displays)
        if (walls.has(w.id) || (d.pinned && pages.has(d.pinned)) || d.playlist?.some((e) => pages.has(e.page))) out.add(d.id);
  return [...out].sort();
}

/** GET /api/config/pages/:id/affected: the displays showing the page, and the page itself where a device shows it. */
export function affectedBy(config: Live, page: string): AffectedScreens {
  const screens: AffectedScreens['screens'] = [];
  for (const w of config.walls)
    for (const d of w.displays)
      if (d.pinned === page || d.playlist?.some((e) => e.page === page))
        screens.push({ id: d.id, name: d.name, kind: 'display', wall: w.id });
  for (const dev of config.devices.devices)
    if (dev.screen === page && !screens.some((s) => s.id === page))
      screens.push({ id: page, name: dev.name, kind: 'page', wall: null });
  return { page, screens };
}

/** Puts the live parts of `next` into the running config; returns the screens to tell. */
export function applyLive(config: Config, next: Config): string[] {
  const before: Live = { screens: config.screens, walls: config.walls, groups: config.groups, devices: config.devices };
  const notify = screensToNotify(before, { ...before, screens: next.screens, walls: next.walls, groups: next.groups });
  config.screens = next.screens;
  config.walls = next.walls;
  config.groups = next.groups;
  return notify;
}
