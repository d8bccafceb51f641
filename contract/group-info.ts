/** The indicator groups as clients see them (GET /api/groups, screen and tablet payloads). */
import type { Config } from './config.ts';
import type { GroupInfo } from './http.ts';

export function groupInfos(config: Config): GroupInfo[] {
  return config.groups.map((g) => ({
    id: g.id,
    name: g.name,
    nameEn: g.nameEn,
    period: g.period,
    owner: g.owner,
    reporter: g.reporter,
    indicators: g.indicators.map((i) => ({
      id: i.id,
      group: g.id,
      name: i.name,
      nameEn: i.nameEn,
      unit: i.unit,
      unitEn: i.unitEn,
      period: i.period,
      aggregation: i.aggregation,
      higherIsBetter: i.higherIsBetter,
      neutral: i.neutral,
      hasPlan: i.hasPlan,
      communeLevel: i.communeLevel,
      ...(i.dueAfterDays !== undefined ? { dueAfterDays: i.dueAfterDays } : {}),
      ...(i.thresholds ? { thresholds: i.thresholds } : {}),
    })),
  }));
}
