/**
 * The reporting calendar against the catalog: an override names groups that exist, an agency name is
 * for a reporter some group has. (Dates and rule days are checked by the schema, contract/config/calendar.ts.)
 */
import type { CalendarConfig, GroupConfig } from '../config.ts';
import type { ConfigIssue } from './issues.ts';
import type { Loaded } from './yaml-source.ts';
import { suggestHint } from './hints.ts';

export function checkCalendar(calendar: Loaded<CalendarConfig>, groups: readonly GroupConfig[], issues: ConfigIssue[]): void {
  const { source, value } = calendar;
  const groupIds = groups.map((g) => g.id);
  value.overrides.forEach((o, i) =>
    o.groups.forEach((g, j) => {
      if (!groupIds.includes(g))
        issues.push(source.issue(['overrides', i, 'groups', j], `unknown group "${g}"`, suggestHint(g, groupIds)));
    }),
  );
  const reporters = [...new Set(groups.map((g) => g.reporter))];
  for (const code of Object.keys(value.agencies))
    if (!reporters.includes(code))
      issues.push(source.issue(['agencies', code], `no group has reporter "${code}"`, suggestHint(code, reporters)));
}
