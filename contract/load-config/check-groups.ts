/** Indicator groups: unique group ids, unique indicator ids, each indicator inside its own group. */
import type { GroupConfig, IndicatorConfig } from '../config.ts';
import type { ConfigIssue } from './issues.ts';
import type { Loaded } from './yaml-source.ts';

/** What the other files may refer to: indicators by id (the first definition) and group ids. */
export interface Catalog {
  indicators: Map<string, IndicatorConfig>;
  groupIds: Set<string>;
}

export function checkGroups(groups: readonly Loaded<GroupConfig>[], issues: ConfigIssue[]): Catalog {
  const indicators = new Map<string, IndicatorConfig>();
  const groupIds = new Set<string>();
  for (const { source, value: g } of groups) {
    if (groupIds.has(g.id)) issues.push(source.issue(['id'], `group "${g.id}" is defined twice`));
    groupIds.add(g.id);
    g.indicators.forEach((ind, i) => {
      const at = ['indicators', i, 'id'];
      if (!ind.id.startsWith(`${g.id}.`))
        issues.push(
          source.issue(
            at,
            `indicator "${ind.id}" does not belong to group "${g.id}"`,
            `indicator ids start with the group id: ${g.id}.${ind.id.split('.')[1] ?? 'name'}`,
          ),
        );
      if (indicators.has(ind.id)) issues.push(source.issue(at, `indicator "${ind.id}" is defined twice`));
      else indicators.set(ind.id, ind);
    });
  }
  return { indicators, groupIds };
}
