/**
 * Which of a group's values a subscription's snapshot carries. The store keeps a few years of every
 * area; a wall needs this year and last year of the province, plus the communes' latest period for
 * rankings. A commune view needs its own series.
 */
import type { GroupSnapshot, IndicatorValue } from '../contract/messages.ts';
import { comparePeriods, parsePeriod } from '../contract/period.ts';
import { isBeforeReform } from '../contract/crosswalk.ts';

export function snapshotFilter(
  all: Iterable<IndicatorValue>,
  opts: { area: string; provinceCode: string; now: Date },
): (v: IndicatorValue) => boolean {
  const fromYear = opts.now.getUTCFullYear() - 1;
  const inWindow = (v: IndicatorValue) => {
    const p = parsePeriod(v.period);
    // Yearly figures are few: keep them all for the "so với năm trước" comparisons.
    return p !== null && (p.kind === 'year' || p.year >= fromYear);
  };
  // Before 1 July 2025 a commune's code named a former unit (GSO reused codes): not this commune's series.
  // Its history through the crosswalk comes from the tablet plugin (realtime/tablet).
  if (opts.area !== opts.provinceCode) return (v) => v.area === opts.area && inWindow(v) && !isBeforeReform(v.period);

  // The latest period that has commune figures, per indicator.
  const latestCommune = new Map<string, string>();
  for (const v of all) {
    if (v.area === opts.provinceCode || v.value === null) continue;
    const cur = latestCommune.get(v.indicator);
    const p = parsePeriod(v.period);
    if (!p) continue;
    if (cur === undefined || comparePeriods(p, parsePeriod(cur)!) > 0) latestCommune.set(v.indicator, v.period);
  }
  return (v) => (v.area === opts.provinceCode ? inWindow(v) : latestCommune.get(v.indicator) === v.period);
}

/** The part of a group's state a subscription at `area` gets. */
export function scopedSnapshot(
  group: string,
  state: { version: number; at: string; values: ReadonlyMap<string, IndicatorValue> },
  opts: { area: string; provinceCode: string; now: Date },
): GroupSnapshot {
  const keep = snapshotFilter(state.values.values(), opts);
  const values: IndicatorValue[] = [];
  for (const v of state.values.values()) if (keep(v)) values.push(v);
  return { group, version: state.version, at: state.at, values };
}
