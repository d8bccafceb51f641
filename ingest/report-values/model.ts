/**
 * The ingest's picture of the reporting table: every accepted row, grouped into series per indicator and
 * area, and what has been published to the store. Applying rows recomputes the derived figures of the
 * series they touch (a revised January changes every later year-to-date) and returns only the values
 * whose published form changed, so re-reading rows is harmless (idempotent).
 *
 * It also decides what a leader must be told about a figure (ARCHITECTURE.md "Revisions and compliance"):
 * whether it was revised after its first publication (revision.ts) and whether it breaks a plausibility
 * rule (contract/plausibility.ts); and it keeps the row-level changes for the revision history, which the
 * ingest drains after publishing (takeRecorded).
 */
import type { IndicatorConfig, TrustConfig } from '../../contract/config.ts';
import { DEFAULT_TRUST } from '../../contract/config/trust.ts';
import { type Series, type SeriesPoint, derive } from '../../contract/derive.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { addPeriods, formatPeriod, parsePeriod, samePeriodLastYear } from '../../contract/period.ts';
import {
  type PlausibilityCheck,
  type ResolvedRule,
  checkPlausibility,
  median,
  resolveRule,
} from '../../contract/plausibility.ts';
import { valueKey } from '../../contract/value-key.ts';
import { isBeforeReform } from '../../contract/crosswalk.ts';
import { type Revision, type RowState, nextRevision, revisionOf, revisionShows, rowChanged, rowStateOf } from './revision.ts';

/**
 * A commune code names a former unit before 1 July 2025 and today's commune after it (GSO kept one of
 * the former codes for most new communes): their figures are separate series, so year-to-date and
 * "same period last year" never mix a former unit with the commune that replaced it.
 */
function seriesKey(v: { indicator: string; area: string; period: string }): string {
  const era = v.area.length === 5 && isBeforeReform(v.period) ? '|former' : '';
  return `${v.indicator}|${v.area}${era}`;
}

export interface AcceptedRow {
  value: IndicatorValue;
  indicator: IndicatorConfig;
  group: string;
  /** The reporting system's own submission time, where its view has the column. */
  submittedAt?: string | null;
}

/** One row-level change, for the revision history. */
export interface RecordedChange {
  value: IndicatorValue;
  submittedAt: string | null;
}

export interface ModelOptions {
  trust?: TrustConfig;
  /** The province code: its figures are not a commune's (no median rule). */
  provinceCode?: string;
  now?: () => Date;
  /** Called when a value is published implausible and was not before (a counter). */
  onImplausible?: (v: IndicatorValue, checks: PlausibilityCheck[]) => void;
  /** Whether to keep row-level changes for the history (off: nothing accumulates). */
  recordHistory?: boolean;
}

interface SeriesState {
  indicator: IndicatorConfig;
  group: string;
  rows: Map<string, IndicatorValue>; // by period
}

export class ReportingModel {
  private readonly series = new Map<string, SeriesState>(); // by indicator|area[|former]
  private readonly published = new Map<string, string>(); // valueKey → JSON last published
  private readonly lastRow = new Map<string, RowState>(); // valueKey → the row as last seen
  private readonly revisions = new Map<string, Revision>(); // valueKey → latest revision
  private readonly implausible = new Set<string>(); // valueKeys published with checks
  private readonly communeSeries = new Map<string, Set<string>>(); // indicator → its current communes' series keys
  private readonly rules = new Map<string, ResolvedRule>();
  private recorded: RecordedChange[] = [];
  private readonly trust: TrustConfig;
  private readonly now: () => Date;

  constructor(private readonly opts: ModelOptions = {}) {
    this.trust = opts.trust ?? DEFAULT_TRUST;
    this.now = opts.now ?? (() => new Date());
  }

  /** Remembers what the store already holds, so a restart publishes only what changed since. */
  seedPublished(values: IndicatorValue[]): void {
    for (const v of values) {
      const k = valueKey(v);
      this.published.set(k, JSON.stringify(v));
      this.lastRow.set(k, rowStateOf(v));
      const rev = revisionOf(v);
      if (rev) this.revisions.set(k, rev);
      else this.revisions.delete(k);
      if (v.flags?.includes('implausible')) this.implausible.add(k);
    }
  }

  /**
   * Replays the revision history (ordered by key, then as seen), so a restart knows each figure's first
   * publication and its revisions even when the store was emptied. Publishes nothing by itself.
   */
  seedHistory(entries: Iterable<IndicatorValue>): void {
    for (const v of entries) {
      const k = valueKey(v);
      const st = rowStateOf(v);
      const prev = this.lastRow.get(k);
      const rev = nextRevision(prev, st, this.revisions.get(k) ?? null);
      if (rev) this.revisions.set(k, rev);
      else this.revisions.delete(k);
      this.lastRow.set(k, st);
    }
  }

  get size(): number {
    let n = 0;
    for (const s of this.series.values()) n += s.rows.size;
    return n;
  }

  /** The row-level changes since the last call (the history the ingest writes after publishing). */
  takeRecorded(): RecordedChange[] {
    const out = this.recorded;
    this.recorded = [];
    return out;
  }

  /** Applies accepted rows; returns the changed values per group, derived figures and flags included. */
  apply(rows: AcceptedRow[]): Map<string, IndicatorValue[]> {
    const touched = new Set<string>();
    const touchedPeriods = new Map<string, Set<string>>(); // indicator → periods whose commune median moved
    for (const r of rows) {
      const k = valueKey(r.value);
      const st = rowStateOf(r.value);
      const prev = this.lastRow.get(k);
      if (rowChanged(prev, st)) {
        if (this.opts.recordHistory !== false) this.recorded.push({ value: r.value, submittedAt: r.submittedAt ?? null });
        const rev = nextRevision(prev, st, this.revisions.get(k) ?? null);
        if (rev) this.revisions.set(k, rev);
        else this.revisions.delete(k);
        this.lastRow.set(k, st);
      }
      const sk = seriesKey(r.value);
      let s = this.series.get(sk);
      if (!s) {
        this.series.set(sk, (s = { indicator: r.indicator, group: r.group, rows: new Map() }));
        if (this.isCommuneSeries(r.value)) {
          let set = this.communeSeries.get(r.indicator.id);
          if (!set) this.communeSeries.set(r.indicator.id, (set = new Set()));
          set.add(sk);
        }
      }
      s.rows.set(r.value.period, r.value);
      touched.add(sk);
      if (this.isCommuneSeries(r.value) && this.ruleOf(r.indicator).maxTimesMedian !== null) {
        let ps = touchedPeriods.get(r.indicator.id);
        if (!ps) touchedPeriods.set(r.indicator.id, (ps = new Set()));
        ps.add(r.value.period);
      }
    }
    const out = new Map<string, IndicatorValue[]>();
    const medians = new Map<string, number | null>();
    for (const sk of touched) this.publishSeries(sk, null, out, medians);
    // A commune's new figure moves the median every other commune is judged against.
    for (const [indicator, periods] of touchedPeriods)
      for (const sk of this.communeSeries.get(indicator) ?? [])
        if (!touched.has(sk)) this.publishSeries(sk, periods, out, medians);
    return out;
  }

  /** Drops revision flags whose time is up; returns the values to publish again without them. */
  expireFlags(): Map<string, IndicatorValue[]> {
    const now = this.now();
    const series = new Set<string>();
    for (const [k, rev] of this.revisions) {
      if (revisionShows(rev, now, this.trust.revisedFlagDays)) continue;
      this.revisions.delete(k);
      const [indicator, area, period] = k.split('|') as [string, string, string];
      series.add(seriesKey({ indicator, area, period }));
    }
    const out = new Map<string, IndicatorValue[]>();
    const medians = new Map<string, number | null>();
    for (const sk of series) if (this.series.has(sk)) this.publishSeries(sk, null, out, medians);
    return out;
  }

  private isCommuneSeries(v: IndicatorValue): boolean {
    return v.area !== this.opts.provinceCode && v.area.length === 5 && !isBeforeReform(v.period);
  }

  private ruleOf(ind: IndicatorConfig): ResolvedRule {
    let r = this.rules.get(ind.id);
    if (!r) this.rules.set(ind.id, (r = resolveRule(ind, this.trust)));
    return r;
  }

  private communeMedian(indicator: string, period: string, cache: Map<string, number | null>): number | null {
    const ck = `${indicator}|${period}`;
    if (cache.has(ck)) return cache.get(ck)!;
    const values: number[] = [];
    for (const sk of this.communeSeries.get(indicator) ?? []) {
      const v = this.series.get(sk)?.rows.get(period)?.value;
      if (v !== null && v !== undefined) values.push(v);
    }
    const m = median(values);
    cache.set(ck, m);
    return m;
  }

  /** Builds the series' values (or only `periods` of it) and collects those whose published form changed. */
  private publishSeries(
    sk: string,
    periods: ReadonlySet<string> | null,
    out: Map<string, IndicatorValue[]>,
    medians: Map<string, number | null>,
  ): void {
    const s = this.series.get(sk)!;
    const points: Series = new Map<string, SeriesPoint>(
      [...s.rows].map(([period, v]) => [period, { value: v.value, plan: v.plan }]),
    );
    const rule = this.ruleOf(s.indicator);
    const now = this.now();
    for (const v of s.rows.values()) {
      if (periods && !periods.has(v.period)) continue;
      const k = valueKey(v);
      const full: IndicatorValue = { ...v, derived: derive(points, v.period, s.indicator.aggregation) };
      const p = parsePeriod(v.period);
      const checks = checkPlausibility(
        rule,
        v.value,
        {
          lastYear: p ? (points.get(formatPeriod(samePeriodLastYear(p)))?.value ?? null) : null,
          previous: p && p.kind !== 'year' ? (points.get(formatPeriod(addPeriods(p, -1)))?.value ?? null) : null,
          communeMedian:
            rule.maxTimesMedian !== null && this.isCommuneSeries(v) ? this.communeMedian(v.indicator, v.period, medians) : null,
        },
        s.indicator.unit,
      );
      const rev = this.revisions.get(k) ?? null;
      const revised = revisionShows(rev, now, this.trust.revisedFlagDays);
      if (revised || checks.length) {
        full.flags = [...(revised ? (['revised'] as const) : []), ...(checks.length ? (['implausible'] as const) : [])];
        if (revised) full.previous = rev.previous;
        if (checks.length) full.checks = checks;
      }
      const json = JSON.stringify(full);
      if (this.published.get(k) === json) continue;
      this.published.set(k, json);
      if (checks.length && !this.implausible.has(k)) {
        this.implausible.add(k);
        this.opts.onImplausible?.(full, checks);
      } else if (!checks.length) this.implausible.delete(k);
      let list = out.get(s.group);
      if (!list) out.set(s.group, (list = []));
      list.push(full);
    }
  }
}
