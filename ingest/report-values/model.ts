/**
 * The ingest's picture of the reporting table: every accepted row, grouped into series per indicator and
 * area, and what has been published to the store. Applying rows recomputes the derived figures of the
 * series they touch (a revised January changes every later year-to-date) and returns only the values
 * whose published form changed, so re-reading rows is harmless (idempotent).
 */
import type { IndicatorConfig } from '../../contract/config.ts';
import { type Series, type SeriesPoint, derive } from '../../contract/derive.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { valueKey } from '../../contract/value-key.ts';
import { isBeforeReform } from '../../contract/crosswalk.ts';

/**
 * A commune code names a former unit before 1 July 2025 and today's commune after it (GSO kept one of
 * the former codes for most new communes): their figures are separate series, so year-to-date and
 * "same period last year" never mix a former unit with the commune that replaced it.
 */
function seriesKey(v: IndicatorValue): string {
  const era = v.area.length === 5 && isBeforeReform(v.period) ? '|former' : '';
  return `${v.indicator}|${v.area}${era}`;
}

export interface AcceptedRow {
  value: IndicatorValue;
  indicator: IndicatorConfig;
  group: string;
}

interface SeriesState {
  indicator: IndicatorConfig;
  group: string;
  rows: Map<string, IndicatorValue>; // by period
}

export class ReportingModel {
  private readonly series = new Map<string, SeriesState>(); // by indicator|area[|former]
  private readonly published = new Map<string, string>(); // valueKey → JSON last published

  /** Remembers what the store already holds, so a restart publishes only what changed since. */
  seedPublished(values: IndicatorValue[]): void {
    for (const v of values) this.published.set(valueKey(v), JSON.stringify(v));
  }

  get size(): number {
    let n = 0;
    for (const s of this.series.values()) n += s.rows.size;
    return n;
  }

  /** Applies accepted rows; returns the changed values per group, derived figures included. */
  apply(rows: AcceptedRow[]): Map<string, IndicatorValue[]> {
    const touched = new Set<string>();
    for (const r of rows) {
      const sk = seriesKey(r.value);
      let s = this.series.get(sk);
      if (!s) this.series.set(sk, (s = { indicator: r.indicator, group: r.group, rows: new Map() }));
      s.rows.set(r.value.period, r.value);
      touched.add(sk);
    }
    const out = new Map<string, IndicatorValue[]>();
    for (const sk of touched) {
      const s = this.series.get(sk)!;
      const points: Series = new Map<string, SeriesPoint>(
        [...s.rows].map(([period, v]) => [period, { value: v.value, plan: v.plan }]),
      );
      for (const v of s.rows.values()) {
        const full: IndicatorValue = { ...v, derived: derive(points, v.period, s.indicator.aggregation) };
        const k = valueKey(full);
        const json = JSON.stringify(full);
        if (this.published.get(k) === json) continue;
        this.published.set(k, json);
        let list = out.get(s.group);
        if (!list) out.set(s.group, (list = []));
        list.push(full);
      }
    }
    return out;
  }
}
