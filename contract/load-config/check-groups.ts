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
      const why = thresholdProblem(ind);
      if (why) issues.push(source.issue(['indicators', i, 'thresholds', why.key], why.message, why.hint));
    });
  }
  return { indicators, groupIds };
}

/** Bands that cannot colour anything: good must lie on the indicator's good side of bad; % of plan needs a plan. */
export function thresholdProblem(ind: IndicatorConfig): { key: 'good' | 'bad' | 'on'; message: string; hint: string } | null {
  const t = ind.thresholds;
  if (!t) return null;
  if (t.on === 'pctOfPlan' && !ind.hasPlan)
    return { key: 'on', message: `"${ind.id}" has no plan, so it has no % of plan`, hint: 'use on: value' };
  if (ind.neutral)
    return {
      key: 'on',
      message: `"${ind.id}" is neutral (no good or bad colour)`,
      hint: 'remove thresholds, or set neutral: false',
    };
  if (ind.higherIsBetter ? t.good <= t.bad : t.good >= t.bad)
    return {
      key: 'good',
      message: ind.higherIsBetter
        ? `good (${t.good}) must be above bad (${t.bad}): higher is better for "${ind.id}"`
        : `good (${t.good}) must be below bad (${t.bad}): lower is better for "${ind.id}"`,
      hint: 'swap good and bad',
    };
  return null;
}
