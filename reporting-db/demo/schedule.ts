/**
 * The demo's reporting calendar: when an agency or a commune sends each figure, so the seeded history and
 * the live simulator look like real reporting (domain.md §2.3–2.4):
 *  - the estimate (ước tính) around the 20th of the period's last month (communes a couple of days before
 *    the department that consolidates them),
 *  - quarters, half-years and years a preliminary figure (sơ bộ) the month after, then the official one;
 *    months go straight to the official figure by about the 12th of the next month,
 *  - most on time; about one submission in ten late by 3–14 days; a few recent commune figures never sent;
 *    a few official figures corrected some days after they were published.
 * Pure and deterministic: every draw is rand(tag, key), so a figure's calendar does not depend on `now`
 * (only which of its submissions have happened by then does).
 */
import type { ValueStatus } from '../../contract/messages.ts';
import {
  type Period,
  type PeriodKind,
  MONTHS_PER_PERIOD,
  addPeriods,
  periodContaining,
  periodEndInstant,
} from '../../contract/period.ts';
import { vnInstant } from '../../contract/vn-time.ts';
import type { Rand } from './random.ts';
import { DAY_MS } from './calendar.ts';

/** When a submission is normally sent: `month` after the period's last month (0 = in it), days from–to. */
interface Window {
  month: number;
  from: number;
  to: number;
}

/** The on-time windows per frequency and status, in the order they are sent. */
export const SEND_WINDOWS: Record<PeriodKind, readonly (readonly [ValueStatus, Window])[]> = {
  month: [
    ['estimate', { month: 0, from: 17, to: 21 }],
    ['official', { month: 1, from: 3, to: 11 }],
  ],
  quarter: [
    ['estimate', { month: 0, from: 17, to: 21 }],
    ['preliminary', { month: 1, from: 8, to: 14 }],
    ['official', { month: 2, from: 10, to: 20 }],
  ],
  half_year: [
    ['estimate', { month: 0, from: 15, to: 20 }],
    ['preliminary', { month: 1, from: 10, to: 18 }],
    ['official', { month: 2, from: 15, to: 25 }],
  ],
  year: [
    ['estimate', { month: 0, from: 15, to: 20 }],
    ['preliminary', { month: 1, from: 10, to: 20 }],
    ['official', { month: 3, from: 15, to: 28 }],
  ],
};

/** Shares of the demo's misbehaviour. */
export const LATE_SHARE = 0.1;
export const MISSING_SHARE = 0.04;
export const CORRECTION_SHARE = 0.04;
/** A commune figure can go missing only for periods that ended at most this long before now (recent ones). */
export const MISSING_WITHIN_MS = 100 * DAY_MS;

export interface Submission {
  status: ValueStatus;
  at: Date;
  /** Sent after its window (the demo's notion of on time; the compliance calendar judges for itself). */
  late: boolean;
  /** A corrected official figure (same status, new value). */
  correction: boolean;
}

export interface FigureCalendar {
  /** In time order. */
  submissions: Submission[];
  /** Never sent (a recent commune figure): no submissions at all. */
  missing: boolean;
}

export type Reporter = 'agency' | 'commune';

/** The first day of the month `offset` months after the period's last month, as (year, month 1–12). */
function monthAfter(p: Period, offset: number): { year: number; month: number } {
  const last = (p.index - 1) * MONTHS_PER_PERIOD[p.kind] + MONTHS_PER_PERIOD[p.kind]; // 1–12
  const m0 = last - 1 + offset;
  return { year: p.year + Math.floor(m0 / 12), month: (m0 % 12) + 1 };
}

/** A day of that month in office hours (08:00–17:00 Vietnam time), with a draw per tag. */
function sendTime(p: Period, w: Window, dayShift: number, rand: Rand, key: string, tag: string): Date {
  const { year, month } = monthAfter(p, w.month);
  const day = w.from + Math.floor((w.to - w.from + 1) * rand('day', tag, key)) + dayShift;
  const minutes = Math.floor((8 * 60 + 9 * 60 * rand('min', tag, key)) * 60_000);
  // vnInstant takes day 1; days beyond the month's end roll over like Date.UTC does.
  return new Date(vnInstant(year, month, 1).getTime() + (day - 1) * DAY_MS + minutes);
}

/**
 * The whole calendar of one figure (indicator, area, period). `key` names it for the draws; communes send
 * two days earlier than their department and may go missing for recent periods (relative to `now`).
 */
export function figureCalendar(p: Period, who: Reporter, rand: Rand, key: string, now: Date): FigureCalendar {
  const end = periodEndInstant(p).getTime();
  if (who === 'commune' && now.getTime() - end <= MISSING_WITHIN_MS && rand('missing', key) < MISSING_SHARE)
    return { submissions: [], missing: true };
  const shift = who === 'commune' ? -2 : 0;
  const submissions: Submission[] = [];
  let previous = 0;
  for (const [status, w] of SEND_WINDOWS[p.kind]) {
    let at = sendTime(p, w, shift, rand, key, status).getTime();
    const late = rand('late', status, key) < LATE_SHARE;
    if (late) at += (3 + Math.floor(12 * rand('lateDays', status, key))) * DAY_MS;
    // A late estimate never overtakes the figure that replaces it: the later one waits a day.
    at = Math.max(at, previous + DAY_MS);
    previous = at;
    submissions.push({ status, at: new Date(at), late, correction: false });
  }
  if (rand('correct', key) < CORRECTION_SHARE) {
    const at = previous + (5 + Math.floor(20 * rand('correctDays', key))) * DAY_MS;
    submissions.push({ status: 'official', at: new Date(at), late: false, correction: true });
  }
  return { submissions, missing: false };
}

/** The latest submission sent by `now`, or null when nothing has been sent yet. */
export function latestSent(cal: FigureCalendar, now: Date): Submission | null {
  let out: Submission | null = null;
  for (const s of cal.submissions) if (s.at.getTime() <= now.getTime()) out = s;
  return out;
}

/** The earliest instant any figure of a period can have been sent (its estimate window's first day, communes). */
export function firstSendTime(p: Period): Date {
  const [, w] = SEND_WINDOWS[p.kind][0]!;
  const { year, month } = monthAfter(p, w.month);
  return new Date(vnInstant(year, month, 1).getTime() + (w.from - 1 - 2) * DAY_MS);
}

/**
 * The month agencies are reporting for at `now`: the current month once its estimates are due (from about
 * the 15th), else the month before — on 2 December that is November, never December.
 */
export function reportingMonth(now: Date): Period {
  const current = periodContaining('month', now);
  return now.getTime() >= firstSendTime(current).getTime() ? current : addPeriods(current, -1);
}
