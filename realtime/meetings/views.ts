/**
 * Checks a View (contract/meetings.ts) against the catalog before it reaches a wall: an unknown group,
 * indicator, area or period is refused with its own code. The schema has checked the shapes; this
 * checks the names. Pure, so the meeting plugin and the PDF export refuse the same things.
 */
import type { Config } from '../../contract/config.ts';
import type { ErrorCode } from '../../contract/messages.ts';
import type { View } from '../../contract/meetings.ts';

export interface ViewCatalog {
  provinceCode: string;
  /** group id → its indicator ids */
  groups: ReadonlyMap<string, ReadonlySet<string>>;
  areaCodes: ReadonlySet<string>;
}

export function viewCatalogOf(config: Config): ViewCatalog {
  return {
    provinceCode: config.province.code,
    groups: new Map(config.groups.map((g) => [g.id, new Set(g.indicators.map((i) => i.id))])),
    areaCodes: new Set([config.province.code, ...config.province.communes.map((c) => c.code)]),
  };
}

/** Years a reporting system of today can have figures for (or plans): older or later is a typo. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export interface ViewProblem {
  code: ErrorCode;
  message: string;
}

/** Every area a view shows. */
export function viewAreas(view: View): string[] {
  return [...new Set([...(view.area ? [view.area] : []), ...(view.compare?.areas ?? [])])];
}

export function viewPeriods(view: View): string[] {
  return [...(view.period ? [view.period] : []), ...(view.compare?.periods ?? [])];
}

export function checkView(view: View, cat: ViewCatalog): ViewProblem | null {
  const indicators = cat.groups.get(view.group);
  if (!indicators) return { code: 'unknown-group', message: `unknown group: ${view.group}` };
  if (view.indicator !== undefined && !indicators.has(view.indicator))
    return { code: 'unknown-indicator', message: `no indicator ${view.indicator} in group ${view.group}` };
  const badArea = viewAreas(view).find((a) => !cat.areaCodes.has(a));
  if (badArea) return { code: 'unknown-area', message: `unknown area: ${badArea}` };
  for (const p of viewPeriods(view)) {
    const year = Number(p.slice(0, 4));
    if (year < FIRST_YEAR || year > LAST_YEAR) return { code: 'bad-period', message: `no figures for the year of ${p}` };
  }
  const periods = view.compare?.periods;
  if (periods && new Set(periods).size !== periods.length) return { code: 'bad-period', message: 'the same period twice' };
  return null;
}
