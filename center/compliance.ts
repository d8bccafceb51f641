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
import type { Queryable } from './db.ts';

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

interface Bucket {
  grp: string;
  area: string;
  status: string;
  seen: number;
  on_time: number;
  last_ms: number | null;
}

const TREND_SQL = `
  select s.period, case when $5 = 'commune' then s.area else split_part(s.indicator, '.', 1) end as key,
         count(*)::int as on_time
    from value_submissions s
    join unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) as d(grp, period, status, deadline)
      on d.period = s.period and d.status = s.status and d.grp = split_part(s.indicator, '.', 1)
   where s.period = any($6::text[]) and s.indicator = any($7::text[])
     and (s.area = $8 or (s.area = any($9::text[]) and s.indicator = any($10::text[])))
     and coalesce(s.submitted_at, s.first_seen_at) < d.deadline
   group by 1, 2`;

const PERIOD_SQL = `
  select split_part(s.indicator, '.', 1) as grp, s.area, s.status,
         count(*)::int as seen,
         (count(*) filter (where coalesce(s.submitted_at, s.first_seen_at) < d.deadline))::int as on_time,
         (extract(epoch from max(coalesce(s.submitted_at, s.first_seen_at))) * 1000)::float8 as last_ms
    from value_submissions s
    join unnest($2::text[], $3::text[], $4::timestamptz[]) as d(grp, status, deadline)
      on d.status = s.status and d.grp = split_part(s.indicator, '.', 1)
   where s.period = $1 and s.indicator = any($5::text[])
     and (s.area = $6 or (s.area = any($7::text[]) and s.indicator = any($8::text[])))
   group by 1, 2, 3`;

export function createComplianceRepo(db: Queryable, config: Config, opts: ComplianceRepoOptions = {}): ComplianceRepo {
  const now = opts.now ?? (() => new Date());
  const trendMonths = opts.trendMonths ?? 12;
  const province = config.province.code;
  const calendarConfig = config.calendar ?? EMPTY_CALENDAR;
  const communes = config.province.communes.map((c) => ({ code: c.code, name: c.name }));
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  const agencyName = (code: string) => calendarConfig.agencies[code] ?? code;
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

  function duesOf(gs: GroupInfo[], p: Period): Due[] {
    const out: Due[] = [];
    for (const group of gs) {
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

  /** How many figures a (group, area) owes in a period of this kind. */
  const owed = (g: GroupInfo, kind: PeriodKind, area: string) =>
    area === province ? (g.byKind.get(kind)?.all.length ?? 0) : (g.byKind.get(kind)?.communeLevel.length ?? 0);

  function indicatorLists(gs: GroupInfo[], kind: PeriodKind) {
    return {
      all: gs.flatMap((g) => g.byKind.get(kind)?.all ?? []),
      communeLevel: gs.flatMap((g) => g.byKind.get(kind)?.communeLevel ?? []),
    };
  }

  async function periodRows(q: ComplianceQuery, at: Date): Promise<{ totals: ComplianceCounts; rows: ComplianceRow[] }> {
    const v = visible(q);
    const dues = duesOf(v.groups, q.period);
    const lists = indicatorLists(v.groups, q.period.kind);
    const { rows: buckets } = await db.query<Bucket>(PERIOD_SQL, [
      formatPeriod(q.period),
      dues.map((d) => d.group.id),
      dues.map((d) => d.status),
      dues.map((d) => d.deadline.toISOString()),
      lists.all,
      v.withProvince ? province : '',
      v.areas,
      lists.communeLevel,
    ]);
    const got = new Map(buckets.map((b) => [`${b.grp}|${b.area}|${b.status}`, b]));
    const byKey = new Map<string, ComplianceRow>();
    const row = (key: string, name: string) => {
      let r = byKey.get(key);
      if (!r) byKey.set(key, (r = { key, name, ...emptyCounts(), trend: [] }));
      return r;
    };
    const areas = [...(v.withProvince ? [province] : []), ...v.areas];
    for (const d of dues)
      for (const area of areas) {
        const n = owed(d.group, q.period.kind, area);
        if (n === 0) continue;
        if (q.by === 'commune' && area === province) continue;
        const r = q.by === 'agency' ? row(d.group.agency, agencyName(d.group.agency)) : row(area, communeName.get(area) ?? area);
        const b = got.get(`${d.group.id}|${area}|${d.status}`);
        const seen = Math.min(n, Number(b?.seen ?? 0));
        const onTime = Math.min(seen, Number(b?.on_time ?? 0));
        const isDue = at.getTime() >= d.deadline.getTime();
        r.expected += n;
        r.onTime += onTime;
        r.late += seen - onTime;
        if (isDue) r.missing += n - seen;
        else r.pending += n - seen;
        if (seen > onTime && b?.last_ms != null)
          r.maxDaysLate = Math.max(r.maxDaysLate, daysLate(new Date(b.last_ms), d.deadline, d.unit, d.group.calendar));
        if (isDue && n > seen) r.maxDaysLate = Math.max(r.maxDaysLate, daysLate(at, d.deadline, d.unit, d.group.calendar));
      }
    const rows = [...byKey.values()].sort(compareWorstFirst);
    const totals = emptyCounts();
    for (const r of rows) {
      totals.expected += r.expected;
      totals.onTime += r.onTime;
      totals.late += r.late;
      totals.missing += r.missing;
      totals.pending += r.pending;
      totals.maxDaysLate = Math.max(totals.maxDaysLate, r.maxDaysLate);
    }
    return { totals, rows };
  }

  /** On-time rates of monthly figures whose deadline passed, per month, overall and per row key. */
  async function trend(q: ComplianceQuery, at: Date, keys: string[]) {
    const v = visible(q);
    const lastMonth: Period = {
      kind: 'month',
      year: q.period.year,
      index: q.period.index * MONTHS_PER_PERIOD[q.period.kind],
    };
    const months = Array.from({ length: trendMonths }, (_, i) => addPeriods(lastMonth, i - trendMonths + 1));
    const dues = months.flatMap((m) => duesOf(v.groups, m)).filter((d) => d.deadline.getTime() <= at.getTime());
    const lists = indicatorLists(v.groups, 'month');
    const { rows } = await db.query<{ period: string; key: string; on_time: number }>(TREND_SQL, [
      dues.map((d) => d.group.id),
      dues.map((d) => d.period),
      dues.map((d) => d.status),
      dues.map((d) => d.deadline.toISOString()),
      q.by,
      months.map(formatPeriod),
      lists.all,
      v.withProvince ? province : '',
      v.areas,
      lists.communeLevel,
    ]);
    const areas = [...(v.withProvince ? [province] : []), ...v.areas];
    // Owed per (month, row key): the denominators.
    const dueCount = new Map<string, number>();
    for (const d of dues)
      for (const area of areas) {
        if (q.by === 'commune' && area === province) continue;
        const n = owed(d.group, 'month', area);
        if (!n) continue;
        const key = `${d.period}|${q.by === 'agency' ? d.group.agency : area}`;
        dueCount.set(key, (dueCount.get(key) ?? 0) + n);
      }
    const onTimeCount = new Map<string, number>();
    const agencyOf = new Map(groups.map((g) => [g.id, g.agency]));
    for (const r of rows) {
      if (q.by === 'commune' && r.key === province) continue;
      const key = `${r.period}|${q.by === 'agency' ? (agencyOf.get(r.key) ?? r.key) : r.key}`;
      onTimeCount.set(key, (onTimeCount.get(key) ?? 0) + Number(r.on_time));
    }
    const ratio = (on: number, due: number) => (due > 0 ? Math.min(1, on / due) : null);
    const overall: ComplianceTrendPoint[] = months.map((m) => {
      const code = formatPeriod(m);
      let due = 0;
      let on = 0;
      for (const k of keys) {
        due += dueCount.get(`${code}|${k}`) ?? 0;
        on += onTimeCount.get(`${code}|${k}`) ?? 0;
      }
      on = Math.min(on, due);
      return { period: code, due, onTime: on, rate: ratio(on, due) };
    });
    const perKey = (k: string) =>
      months.map((m) => {
        const code = formatPeriod(m);
        return ratio(onTimeCount.get(`${code}|${k}`) ?? 0, dueCount.get(`${code}|${k}`) ?? 0);
      });
    return { overall, perKey };
  }

  return {
    defaultPeriod() {
      const at = now();
      const month = periodContaining('month', at);
      const passed = duesOf(groups, month).some((d) => d.deadline.getTime() <= at.getTime());
      return passed ? month : addPeriods(month, -1);
    },
    async report(q) {
      const at = now();
      const { totals, rows } = await periodRows(q, at);
      // Every key the scope could show (also one with nothing owed this period) takes part in the trend.
      const v = visible(q);
      const keys = q.by === 'agency' ? [...new Set(v.groups.map((g) => g.agency))] : v.areas.filter((a) => communeName.has(a));
      const t = await trend(q, at, keys);
      for (const r of rows) r.trend = t.perKey(r.key);
      return {
        period: formatPeriod(q.period),
        by: q.by,
        area: q.area ?? null,
        asOf: at.toISOString(),
        totals,
        rows,
        trend: t.overall,
      };
    },
  };
}
