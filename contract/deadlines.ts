/**
 * Reporting deadlines (domain.md §2.3, ARCHITECTURE.md "Revisions and compliance"): when each period's
 * figure of each status is due, and how late a submission was. Pure and shared: the server counts
 * compliance with it, and contract/period.ts `dueAt` (the wall's staleness) is its official deadline.
 *
 * A rule names a day of a month counted from the period's last month (`monthsAfter: 0` = that month,
 * 1 = the month after), either the calendar day (`calendar_days`; when it is a weekend or a holiday the
 * deadline moves to the next working day, Civil Code 2015 Art. 148(5)) or the n-th working day of that
 * month (`working_days`). A deadline is the instant that day ends in Vietnam (midnight after it): a
 * submission strictly before it is on time.
 */
import type { Period, PeriodKind } from './period-kind.ts';
import { vnInstant } from './vn-time.ts';

export const STATUSES = ['estimate', 'preliminary', 'official'] as const;
export type ReportStatus = (typeof STATUSES)[number];

export type DayUnit = 'calendar_days' | 'working_days';

export interface DeadlineRule {
  /** 0: the period's last month; 1: the month after it; at most 3. */
  monthsAfter: number;
  /** Calendar day (1–31) or n-th working day (1–15) of that month, by `unit`. */
  day: number;
  unit: DayUnit;
}

/** Which statuses a frequency owes, and by when. A status without a rule is not owed. */
export type DeadlineRules = Record<PeriodKind, Partial<Record<ReportStatus, DeadlineRule>>>;

/** The calendar as the deadline logic reads it: plain data, resolved from config/calendar.yaml. */
export interface ReportingCalendar {
  rules: DeadlineRules;
  /** Public holidays (ngày nghỉ lễ, Tết), ISO dates `2026-02-16`. */
  holidays: ReadonlySet<string>;
  /** Weekend days that are worked (ngày làm bù), ISO dates. */
  workingWeekendDays: ReadonlySet<string>;
}

const cal = (monthsAfter: number, day: number): DeadlineRule => ({ monthsAfter, day, unit: 'calendar_days' });

/**
 * Nghị định 09/2019 defaults: periodic reports by the 25th of the period's last month (Art. 13), given
 * as an estimate; official figures after the period, on the dates the wall has always used for "due"
 * (month: 20th of the next month; quarter: 30th; half-year: 14 August / 14 February; year: 31 March).
 * Preliminary figures are owed for the year only (GRDP, budget settlement). The province overrides these
 * in config/calendar.yaml.
 */
export const DECREE_09_RULES: DeadlineRules = {
  month: { estimate: cal(0, 25), official: cal(1, 20) },
  quarter: { estimate: cal(0, 25), official: cal(1, 30) },
  half_year: { estimate: cal(0, 25), official: cal(2, 14) },
  year: { estimate: cal(0, 25), preliminary: cal(2, 15), official: cal(3, 31) },
};

/**
 * The defaults with no holidays and no working weekends, for the wall's staleness. Calendar-day rules
 * still move off weekends; the server's calendar also moves them off holidays.
 */
export const DEFAULT_CALENDAR: ReportingCalendar = {
  rules: DECREE_09_RULES,
  holidays: new Set(),
  workingWeekendDays: new Set(),
};

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };
const DAY_MS = 86_400_000;

/** A calendar date (Vietnam); month 1–12. Dates are compared as UTC midnights of the same numbers. */
interface Ymd {
  year: number;
  month: number;
  day: number;
}

const iso = (d: Ymd) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const utcDay = (d: Ymd) => Date.UTC(d.year, d.month - 1, d.day);
const fromUtcDay = (ms: number): Ymd => {
  const t = new Date(ms);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function isWorkingDay(d: Ymd, c: ReportingCalendar): boolean {
  const key = iso(d);
  if (c.holidays.has(key)) return false;
  const dow = new Date(utcDay(d)).getUTCDay();
  return (dow !== 0 && dow !== 6) || c.workingWeekendDays.has(key);
}

/** The month (year, 1–12) a rule counts in for a period: its last month plus `monthsAfter`. */
export function anchorMonth(p: Period, monthsAfter: number): { year: number; month: number } {
  const last0 = (p.index - 1) * MONTHS[p.kind] + MONTHS[p.kind] - 1 + monthsAfter;
  return { year: p.year + Math.floor(last0 / 12), month: (last0 % 12) + 1 };
}

/** The last day on which a report is on time, as a Vietnam calendar date. */
export function deadlineDate(p: Period, rule: DeadlineRule, c: ReportingCalendar): Ymd {
  const { year, month } = anchorMonth(p, rule.monthsAfter);
  if (rule.unit === 'working_days') {
    let seen = 0;
    let last: Ymd = { year, month, day: 1 };
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const d = { year, month, day };
      if (!isWorkingDay(d, c)) continue;
      last = d;
      if (++seen === rule.day) return d;
    }
    return last; // a month with fewer working days (Tết): its last working day
  }
  // The config loader refuses a day a month cannot hold; clamp anyway so a bad rule cannot throw here.
  let ms = utcDay({ year, month, day: Math.min(rule.day, daysInMonth(year, month)) });
  for (let i = 0; i < 31 && !isWorkingDay(fromUtcDay(ms), c); i++) ms += DAY_MS;
  return fromUtcDay(ms);
}

/** The rule of a frequency and status, or null when the calendar does not ask for that status. */
export function ruleFor(kind: PeriodKind, status: ReportStatus, c: ReportingCalendar): DeadlineRule | null {
  return c.rules[kind][status] ?? null;
}

/** The instant the deadline day ends in Vietnam; null when the status is not owed for that frequency. */
export function deadline(p: Period, status: ReportStatus, c: ReportingCalendar = DEFAULT_CALENDAR): Date | null {
  const rule = ruleFor(p.kind, status, c);
  return rule ? deadlineInstant(p, rule, c) : null;
}

export function deadlineInstant(p: Period, rule: DeadlineRule, c: ReportingCalendar): Date {
  const d = deadlineDate(p, rule, c);
  return vnInstant(d.year, d.month, d.day + 1);
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** The Vietnam calendar date of an instant: UTC+7 without daylight saving (as vn-time.ts vnInstant). */
function vnDate(at: Date): Ymd {
  return fromUtcDay(Math.floor((at.getTime() + VN_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/**
 * Days late in the rule's unit: 0 when `submittedAt` is before the deadline; else calendar days, or
 * working days, from the deadline day to the submission day — at least 1 (a report sent on the Saturday
 * after a Friday deadline is late, though no working day was lost).
 */
export function daysLate(submittedAt: Date, due: Date, unit: DayUnit, c: ReportingCalendar): number {
  if (submittedAt.getTime() < due.getTime()) return 0;
  const lastOk = vnDate(new Date(due.getTime() - 1));
  const sent = vnDate(submittedAt);
  const calendarDays = Math.round((utcDay(sent) - utcDay(lastOk)) / DAY_MS);
  if (unit === 'calendar_days') return Math.max(1, calendarDays);
  let working = 0;
  for (let ms = utcDay(lastOk) + DAY_MS; ms <= utcDay(sent); ms += DAY_MS) if (isWorkingDay(fromUtcDay(ms), c)) working++;
  return Math.max(1, working);
}
