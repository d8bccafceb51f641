/**
 * Compliance from value_submissions (center migration 0002; contract/compliance.ts for the rules): per
 * agency or per commune, how many figures of a period were owed, came on time, came late, are missing,
 * and the longest delay; and the on-time rate of monthly figures over the last 12 months.
 *
 * Who owes what and every deadline are computed here from the catalog and the calendar (a few hundred
 * deadlines); the database does the heavy part in one grouped query per answer: submissions joined to
 * their deadline, counted per group, area and status. No row per obligation crosses the wire.
 */
import type { Config } from '../contract/config.ts';
import { EMPTY_CALENDAR, calendarForGroup } from '../contract/config.ts';
import {
  STATUSES,
  daysLate,
  deadlineInstant,
  type DayUnit,
  type ReportStatus,
  type ReportingCalendar,
} from '../contract/deadlines.ts';
import {
  MONTHS_PER_PERIOD,
  addPeriods,
  formatPeriod,
  periodContaining,
  type Period,
  type PeriodKind,
} from '../contract/period.ts';
import type { Scope } from '../contract/scope.ts';
import {
  COMPLIANCE_GROUP,
  compareWorstFirst,
  emptyCounts,
  type ComplianceBy,
  type ComplianceCounts,
  type CompliancePayload,
  type ComplianceRow,
  type ComplianceTrendPoint,
} from '../contract/compliance.ts';
import type { TransactionalDb } from './db.ts';

export interface ComplianceQuery {
  period: Period;
  by: ComplianceBy;
  /** What the caller may read; groups and areas outside it are not counted. */
  scope: Scope;
  /** Limit to one commune (or the province code: the province-level figures only). */
  area?: string;
  /** Limit to one reporting agency's groups (an agency user's own). */
  agency?: string;
}

export interface ComplianceRepo {
  report(q: ComplianceQuery): Promise<CompliancePayload>;
  /** The latest month with a deadline already passed (this month from its estimate's deadline on, else the last). */
  defaultPeriod(): Period;
}

export interface ComplianceRepoOptions {
  now?: () => Date;
  /** Months in the trend (default 12). */
  trendMonths?: number;
  /** How long the trend's months are reused before they are counted again (default 60 s). */
  trendMaxAgeMs?: number;
}

interface GroupInfo {
  id: string;
  agency: string;
  calendar: ReportingCalendar;
  /** Indicator ids by period kind: all, and the commune-level ones. */
  byKind: Map<PeriodKind, { all: string[]; communeLevel: string[] }>;
}

/** One (group, status) obligation set of a period: its deadline and the rule's unit. */
interface Due {
  group: GroupInfo;
  period: string;
  status: ReportStatus;
  deadline: Date;
  unit: DayUnit;
}

/** Submissions of one (group, area, status) of a period, counted against their deadline. */
interface Bucket {
  period: string;
  grp: string;
  area: string;
  status: string;
  seen: number;
  on_time: number;
  /** The latest submission (a late one whenever seen > on_time). */
  last_ms: number | null;
}

/**
 * One grouped pass over the periods' submissions, for every group and area (scope and `by` are applied
 * in memory on a few thousand buckets, so one answer serves every caller). Only catalogued indicators
 * of the period's frequency count, and a province-level indicator only for the province.
 */
const BUCKETS_SQL = `
  select s.period, d.grp, s.area, s.status,
         count(*)::int as seen,
         (count(*) filter (where coalesce(s.submitted_at, s.first_seen_at) < d.deadline))::int as on_time,
         (extract(epoch from max(coalesce(s.submitted_at, s.first_seen_at))) * 1000)::float8 as last_ms
    from value_submissions s
    join unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bool[])
         as d(period, grp, indicator, status, deadline, commune_level)
      on d.period = s.period and d.indicator = s.indicator and d.status = s.status
   where s.period = any($1::text[]) and (s.area = $8 or d.commune_level)
   group by 1, 2, 3, 4`;

export function createComplianceRepo(db: TransactionalDb, config: Config, opts: ComplianceRepoOptions = {}): ComplianceRepo {
  const now = opts.now ?? (() => new Date());
  const trendMonths = opts.trendMonths ?? 12;
  const trendMaxAgeMs = opts.trendMaxAgeMs ?? 60_000;
  const province = config.province.code;
  const calendarConfig = config.calendar ?? EMPTY_CALENDAR;
  const communes = config.province.communes.map((c) => ({ code: c.code, name: c.name }));
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  const agencyName = (code: string) => calendarConfig.agencies[code] ?? code;
  const communeLevel = new Set(config.groups.flatMap((g) => g.indicators.filter((i) => i.communeLevel).map((i) => i.id)));
  const groups: GroupInfo[] = config.groups.map((g) => {
    const byKind = new Map<PeriodKind, { all: string[]; communeLevel: string[] }>();
    for (const i of g.indicators) {
      const k = byKind.get(i.period) ?? { all: [], communeLevel: [] };
      k.all.push(i.id);
      if (i.communeLevel) k.communeLevel.push(i.id);
      byKind.set(i.period, k);
    }
    return { id: g.id, agency: g.reporter, calendar: calendarForGroup(calendarConfig, g.id), byKind };
  });

  /** The groups and areas a scope counts: groups by id (a screen with a compliance panel: all). */
  function visible({ scope, area, agency }: ComplianceQuery) {
    const allGroups = scope.groups === '*' || scope.groups.includes(COMPLIANCE_GROUP);
    const gs = (allGroups ? groups : groups.filter((g) => (scope.groups as string[]).includes(g.id))).filter(
      (g) => agency === undefined || g.agency === agency,
    );
    const wholeProvince = scope.areas === '*' || scope.areas.includes(province);
    let areas = wholeProvince ? communes.map((c) => c.code) : communes.map((c) => c.code).filter((c) => scope.areas.includes(c));
    let withProvince = wholeProvince;
    if (area !== undefined) {
      withProvince = withProvince && area === province;
      areas = areas.filter((c) => c === area);
    }
    return { groups: gs, areas, withProvince };
  }

  /** Deadlines never change while the process runs: computed once per period. */
  const duesMemo = new Map<string, Due[]>();
  function duesOf(gs: GroupInfo[], p: Period): Due[] {
    const code = formatPeriod(p);
    let all = duesMemo.get(code);
    if (!all) duesMemo.set(code, (all = computeDues(p)));
    return gs.length === groups.length ? all : all.filter((d) => gs.includes(d.group));
  }

  function computeDues(p: Period): Due[] {
    const out: Due[] = [];
    for (const group of groups) {
      if (!group.byKind.has(p.kind)) continue;
      for (const status of STATUSES) {
        const rule = group.calendar.rules[p.kind][status];
        if (rule)
          out.push({
            group,
            period: formatPeriod(p),
            status,
            deadline: deadlineInstant(p, rule, group.calendar),
            unit: rule.unit,
          });
      }
    }
    return out;
  }

  /** Every indicator of every group owing a status for a period: the deadline table the query joins. */
  function deadlineTable(periods: Period[]) {
    const cols: [string[], string[], string[], string[], string[], boolean[]] = [[], [], [], [], [], []];
    for (const p of periods)
      for (const d of duesOf(groups, p))
        for (const ind of d.group.byKind.get(p.kind)!.all) {
          cols[0].push(d.period);
          cols[1].push(d.group.id);
          cols[2].push(ind);
          cols[3].push(d.status);
          cols[4].push(d.deadline.toISOString());
          cols[5].push(communeLevel.has(ind));
        }
    return cols;
  }

  async function fetchBuckets(periods: Period[]): Promise<Map<string, Map<string, Bucket>>> {
    const out = new Map<string, Map<string, Bucket>>(periods.map((p) => [formatPeriod(p), new Map()]));
    if (periods.length === 0) return out;
    const params = [periods.map(formatPeriod), ...deadlineTable(periods), province];
    // The planner cannot see inside unnest(): left alone it merge-joins on the period alone (every row of
    // the month against every deadline) and sorts to group. A hash join and a hash aggregate are right.
    const { rows } = await db.transaction(async (tx) => {
      await tx.exec('set local enable_mergejoin = off; set local enable_nestloop = off; set local enable_sort = off');
      return tx.query<Bucket>(BUCKETS_SQL, params);
    });
    for (const b of rows) out.get(b.period)?.set(`${b.grp}|${b.area}|${b.status}`, b);
    return out;
  }

  /**
   * Months for the trend, kept between answers: a year of buckets is one pass over every row, and past
   * months' punctuality hardly moves. The asked period is always read fresh; other months older than
   * `trendMaxAgeMs` are served as they were while one refresh runs behind the answer (only a month
   * never read is waited for).
   */
  const cache = new Map<string, { at: number; buckets: Map<string, Bucket> }>();
  let refreshing: Promise<void> | null = null;
  function store(found: Map<string, Map<string, Bucket>>, at: number) {
    for (const [code, buckets] of found) cache.set(code, { at, buckets });
  }
  async function monthsBuckets(months: Period[], fresh: Map<string, Map<string, Bucket>>) {
    const t = Date.now();
    store(fresh, t);
    const absent = months.filter((m) => !cache.has(formatPeriod(m)));
    if (absent.length) store(await fetchBuckets(absent), t);
    const stale = months.filter((m) => t - cache.get(formatPeriod(m))!.at > trendMaxAgeMs);
    if (stale.length && !refreshing)
      refreshing = fetchBuckets(stale)
        .then((found) => store(found, Date.now()))
        .catch(() => {}) // the next answer tries again
        .finally(() => (refreshing = null));
    const snapshot = new Map(months.map((m) => [formatPeriod(m), cache.get(formatPeriod(m))!.buckets]));
    // Bounded: months nobody asked for lately go first.
    if (cache.size > 4 * trendMonths) for (const code of cache.keys()) if (!snapshot.has(code)) cache.delete(code);
    return (code: string) => snapshot.get(code) ?? new Map<string, Bucket>();
  }

  type Visible = ReturnType<typeof visible>;

  /** Counts of one period, per row key, from its buckets (keyed `group|area|status`). */
  function countPeriod(q: ComplianceQuery, v: Visible, p: Period, buckets: Map<string, Bucket>, at: Date, withDelays = true) {
    const byKey = new Map<string, ComplianceRow>();
    const row = (key: string, name: string) => {
      let r = byKey.get(key);
      if (!r) byKey.set(key, (r = { key, name, ...emptyCounts(), trend: [] }));
      return r;
    };
    const areas = [...(v.withProvince && q.by === 'agency' ? [province] : []), ...v.areas];
    for (const d of duesOf(v.groups, p)) {
      const isDue = at.getTime() >= d.deadline.getTime();
      // Every missing figure of this deadline is overdue by the same days: counted once.
      const overdueDays = withDelays && isDue ? daysLate(at, d.deadline, d.unit, d.group.calendar) : 0;
      const byAgency = q.by === 'agency';
      const prefix = `${d.group.id}|`;
      const suffix = `|${d.status}`;
      const kinds = d.group.byKind.get(p.kind)!;
      for (const area of areas) {
        const n = area === province ? kinds.all.length : kinds.communeLevel.length;
        if (n === 0) continue;
        const r = byAgency ? row(d.group.agency, agencyName(d.group.agency)) : row(area, communeName.get(area) ?? area);
        const b = buckets.get(prefix + area + suffix);
        const seen = b ? Math.min(n, b.seen) : 0;
        const onTime = b ? Math.min(seen, b.on_time) : 0;
        r.expected += n;
        r.onTime += onTime;
        r.late += seen - onTime;
        if (isDue) r.missing += n - seen;
        else r.pending += n - seen;
        if (!withDelays) continue;
        if (seen > onTime && b?.last_ms != null)
          r.maxDaysLate = Math.max(r.maxDaysLate, daysLate(new Date(b.last_ms), d.deadline, d.unit, d.group.calendar));
        if (n > seen && overdueDays > r.maxDaysLate) r.maxDaysLate = overdueDays;
      }
    }
    return byKey;
  }

  /**
   * A past month's counts for the trend, kept with its buckets once every deadline of it has passed
   * (then they no longer depend on the time of asking): per `by` and visible set, so the wall's and
   * staff's repeated answers count only the asked period.
   */
  const trendMemo = new WeakMap<Map<string, Bucket>, Map<string, Map<string, ComplianceRow>>>();
  function trendCounts(q: ComplianceQuery, v: Visible, m: Period, buckets: Map<string, Bucket>, at: Date) {
    const compute = () => {
      const counts = countPeriod(q, v, m, buckets, at, false);
      for (const c of counts.values()) c.pending = 0; // not due yet: not in the rate
      return counts;
    };
    if (!duesOf(v.groups, m).every((d) => d.deadline.getTime() <= at.getTime())) return compute();
    const key = [
      q.by,
      v.withProvince,
      v.groups.length === groups.length ? '*' : v.groups.map((g) => g.id).join(','),
      v.areas.length === communes.length ? '*' : v.areas.join(','),
    ].join('|');
    let perScope = trendMemo.get(buckets);
    if (!perScope) trendMemo.set(buckets, (perScope = new Map()));
    let counts = perScope.get(key);
    if (!counts) perScope.set(key, (counts = compute()));
    return counts;
  }

  function totalsOf(rows: Iterable<ComplianceCounts>): ComplianceCounts {
    const t = emptyCounts();
    for (const r of rows) {
      t.expected += r.expected;
      t.onTime += r.onTime;
      t.late += r.late;
      t.missing += r.missing;
      t.pending += r.pending;
      t.maxDaysLate = Math.max(t.maxDaysLate, r.maxDaysLate);
    }
    return t;
  }

  /** The on-time share of what was due (null when nothing was). */
  const rateOf = (c: ComplianceCounts) => {
    const due = c.onTime + c.late + c.missing;
    return due === 0 ? null : c.onTime / due;
  };

  return {
    defaultPeriod() {
      const at = now();
      const month = periodContaining('month', at);
      const passed = duesOf(groups, month).some((d) => d.deadline.getTime() <= at.getTime());
      return passed ? month : addPeriods(month, -1);
    },
    async report(q) {
      const at = now();
      const fresh = await fetchBuckets([q.period]);
      const v = visible(q);
      const rowsByKey = countPeriod(q, v, q.period, fresh.get(formatPeriod(q.period))!, at);
      const rows = [...rowsByKey.values()].sort(compareWorstFirst);
      // The trend: the 12 months up to the period's last month, counting only what was due by now.
      const last: Period = { kind: 'month', year: q.period.year, index: q.period.index * MONTHS_PER_PERIOD[q.period.kind] };
      const months = Array.from({ length: trendMonths }, (_, i) => addPeriods(last, i - trendMonths + 1));
      const bucketsOf = await monthsBuckets(months, q.period.kind === 'month' ? fresh : new Map());
      const perMonth = months.map((m) => trendCounts(q, v, m, bucketsOf(formatPeriod(m)), at));
      for (const r of rows) r.trend = perMonth.map((counts) => (counts.has(r.key) ? rateOf(counts.get(r.key)!) : null));
      const trend: ComplianceTrendPoint[] = months.map((m, i) => {
        const t = totalsOf(perMonth[i]!.values());
        const due = t.onTime + t.late + t.missing;
        return { period: formatPeriod(m), due, onTime: t.onTime, rate: due === 0 ? null : t.onTime / due };
      });
      return {
        period: formatPeriod(q.period),
        by: q.by,
        area: q.area ?? null,
        asOf: at.toISOString(),
        totals: totalsOf(rows),
        rows,
        trend,
      };
    },
  };
}
