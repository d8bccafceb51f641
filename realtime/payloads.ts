/** Parts of the HTTP bodies that several routes (screens, displays, the tablet) build the same way. */
import type { Config, ScreenConfig } from '../contract/config.ts';
import type { GroupInfo, ProvinceInfo } from '../contract/http.ts';
import { indicatorGroupsOf } from '../contract/panel-groups.ts';

export function provinceInfo(config: Config): ProvinceInfo {
  const { code, name, fullName, centerTitle, communes } = config.province;
  return { code, name, fullName, centerTitle, communes };
}

/**
 * The groups the panels of these pages read: a panel names a group, or an indicator of one. Alert and
 * camera panels use no indicator group (they follow the `alerts` group).
 */
export function groupsUsedBy(pages: readonly ScreenConfig[], infos: readonly GroupInfo[]): GroupInfo[] {
  const used = new Set(pages.flatMap((s) => s.panels.flatMap(indicatorGroupsOf)));
  return infos.filter((g) => used.has(g.id));
}
