import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from './period.ts';
import {
  DEFAULT_CALENDAR,
  daysLate,
  deadline,
  type DeadlineRule,
  type ReportStatus,
  type ReportingCalendar,
} from './deadlines.ts';
import { loadConfig } from './load-config.ts';
import { calendarForGroup } from './config.ts';
import { vnInstant } from './vn-time.ts';
import { replaceIn, withEditedConfig } from './load-config/config-fixture.ts';

const config = loadConfig('config');
/** The shipped calendar: province deadlines and the 2025–2027 holidays. */
const khanhHoa = calendarForGroup(config.calendar!, 'budget');
const grdp = calendarForGroup(config.calendar!, 'grdp');
const insurance = calendarForGroup(config.calendar!, 'social_insurance');

/** The last Vietnam day on which a report is on time, `YYYY-MM-DD`. */
function lastDay(period: string, status: ReportStatus, c: ReportingCalendar): string | null {
  const d = deadline(parsePeriod(period)!, status, c);
  return d ? new Date(d.getTime() - 1 + 7 * 3_600_000).toISOString().slice(0, 10) : null;
}

test('deadlines per frequency and status: Nghị định 09 defaults, the province, its groups, weekends and holidays', () => {
  const cases: [string, ReportStatus, ReportingCalendar, string | null, string][] = [
    // The 25th rule: the estimate by the 25th of the period's last month (Decree 09 Art. 13).
    ['2026-11', 'estimate', DEFAULT_CALENDAR, '2026-11-25', 'month estimate, Decree default (a Wednesday)'],
    ['2026-10', 'estimate', DEFAULT_CALENDAR, '2026-10-26', '25 Oct 2026 is a Sunday → Monday'],
    ['2026-Q3', 'estimate', DEFAULT_CALENDAR, '2026-09-25', "quarter: the 25th of the quarter's last month"],
    ['2026-H1', 'estimate', DEFAULT_CALENDAR, '2026-06-25', 'half-year: 25 June'],
    ['2026', 'estimate', DEFAULT_CALENDAR, '2026-12-25', 'year: 25 December'],
    ['2026-10', 'official', DEFAULT_CALENDAR, '2026-11-20', 'month official: 20th of the next month'],
    ['2026-12', 'official', DEFAULT_CALENDAR, '2027-01-20', 'December: across the year boundary'],
    ['2026-Q4', 'official', DEFAULT_CALENDAR, '2027-02-01', '30 Jan 2027 is a Saturday → Monday 1 Feb'],
    ['2026-H2', 'official', DEFAULT_CALENDAR, '2027-02-15', 'second half: 14 Feb 2027 is a Sunday → 15 Feb'],
    ['2026', 'official', DEFAULT_CALENDAR, '2027-03-31', 'year: 31 March'],
    ['2026', 'preliminary', DEFAULT_CALENDAR, '2027-02-15', 'year preliminary: 15 February'],
    ['2026-10', 'preliminary', DEFAULT_CALENDAR, null, 'no preliminary figure is owed for a month'],
    // The province: the estimate by the 20th, holidays skipped.
    ['2026-11', 'estimate', khanhHoa, '2026-11-20', 'province: estimate by the 20th'],
    ['2026-12', 'estimate', khanhHoa, '2026-12-21', '20 Dec 2026 is a Sunday'],
    ['2026-01', 'official', khanhHoa, '2026-02-23', '20 Feb 2026 falls in the Tết holiday (14–22 Feb) → Monday 23'],
    ['2025-04', 'estimate', khanhHoa, '2025-04-21', '20 Apr 2025 is a Sunday'],
    ['2026-03', 'official', khanhHoa, '2026-04-20', 'an ordinary Monday'],
    ['2026-08', 'official', khanhHoa, '2026-09-21', '20 Sep 2026 is a Sunday'],
    // A group's own rule: GSO's official quarter on the 12th working day after it.
    ['2026-Q3', 'official', grdp, '2026-10-16', '12 working days of October 2026'],
    ['2026-Q4', 'official', grdp, '2027-01-19', 'January 2027: New Year 1–3 Jan skipped'],
    ['2025-Q4', 'official', grdp, '2026-01-19', 'January 2026: 1 Jan skipped'],
    ['2026-Q1', 'official', grdp, '2026-04-16', 'April 2026'],
    ['2026-11', 'estimate', insurance, '2026-11-27', 'social insurance: by the 27th'],
    ['2026-11', 'official', insurance, '2026-12-21', 'other statuses stay the province’s (20 Dec is a Sunday)'],
  ];
  for (const [period, status, cal, want, why] of cases)
    assert.equal(lastDay(period, status, cal), want, `${period} ${status}: ${why}`);
});

test('working-day rules skip weekends, Tết and worked Saturdays count; a month too short ends on its last working day', () => {
  const rule = (day: number): DeadlineRule => ({ monthsAfter: 1, day, unit: 'working_days' });
  const withRule = (day: number): ReportingCalendar => ({
    ...khanhHoa,
    rules: { ...khanhHoa.rules, month: { official: rule(day) } },
  });
  const cases: [string, number, string][] = [
    ['2026-01', 1, '2026-02-02'], // 1 Feb 2026 is a Sunday
    ['2026-01', 10, '2026-02-13'], // the last working day before Tết
    ['2026-01', 11, '2026-02-23'], // the first after it
    ['2026-01', 15, '2026-02-27'], // February 2026 has exactly 15 working days
    ['2025-03', 18, '2025-04-25'], // (the schema caps at 15; the logic still counts) 7 Apr holiday skipped
    ['2025-03', 19, '2025-04-26'], // the worked Saturday 26 Apr 2025 counts
    ['2025-03', 21, '2025-04-29'], // then 28, 29; 30 Apr – 4 May off
    ['2025-03', 22, '2025-04-29'],
    ['2025-03', 40, '2025-04-29'], // fewer than 40: the last working day of the month
  ];
  for (const [period, day, want] of cases) assert.equal(lastDay(period, 'official', withRule(day)), want, `${period} day ${day}`);
});

test('days late in the rule’s unit: calendar days, or working days (at least one once late)', () => {
  const due = vnInstant(2026, 11, 21); // end of Friday 20 Nov 2026 (Vietnam)
  const at = (m: number, d: number, h = 9) => vnInstant(2026, m, d, h);
  const cases: [Date, 'calendar_days' | 'working_days', number, string][] = [
    [at(11, 20, 23), 'calendar_days', 0, 'on the day, late evening: on time'],
    [new Date(due.getTime() - 1), 'working_days', 0, 'the last millisecond'],
    [due, 'calendar_days', 1, 'midnight after: one day late'],
    [at(11, 21), 'working_days', 1, 'Saturday: late, no working day lost, still 1'],
    [at(11, 23), 'calendar_days', 3, 'Monday: 3 calendar days'],
    [at(11, 23), 'working_days', 1, 'Monday: 1 working day'],
    [at(11, 27), 'working_days', 5, 'the next Friday: 5 working days'],
    [at(12, 2), 'calendar_days', 12, 'into December'],
  ];
  for (const [sent, unit, want, why] of cases) assert.equal(daysLate(sent, due, unit, khanhHoa), want, why);
  // Across the new year and Tết: a December estimate due 21 Dec 2026, sent on 4 Jan 2027.
  const dec = deadline(parsePeriod('2026-12')!, 'estimate', khanhHoa)!;
  assert.equal(daysLate(vnInstant(2027, 1, 4, 8), dec, 'calendar_days', khanhHoa), 14);
  assert.equal(daysLate(vnInstant(2027, 1, 4, 8), dec, 'working_days', khanhHoa), 9, '22–25 and 28–31 Dec, 1–3 Jan off, 4 Jan');
});

test('the wall’s “due” is the official deadline: dueAt keeps its dates, an indicator’s dueAfterDays still wins', async () => {
  const { dueAt } = await import('./period.ts');
  assert.equal(dueAt(parsePeriod('2026-10')!).toISOString(), '2026-11-20T17:00:00.000Z');
  assert.equal(dueAt(parsePeriod('2026-10')!, 5).toISOString(), '2026-11-05T17:00:00.000Z');
  assert.equal(dueAt(parsePeriod('2026-01')!, undefined, khanhHoa).toISOString(), '2026-02-23T17:00:00.000Z', 'Tết');
});

test('a calendar with an impossible date, an impossible rule day or an unknown frequency stops start-up with file, line and key', () => {
  const cases: [RegExp | string, string, RegExp][] = [
    ["{ date: '2025-04-07'", "{ date: '2026-02-30'", /calendar\.yaml:\d+ at "holidays\.2\.date": no such date/],
    [
      'month:\n    estimate: { monthsAfter: 0, day: 20 }',
      'month:\n    estimate: { monthsAfter: 1, day: 31 }',
      /calendar\.yaml:\d+ at "deadlines\.month\.estimate\.day": day 31 does not exist in every month .*shortest has 28/,
    ],
    [
      'quarter:\n    estimate: { monthsAfter: 0, day: 20 }',
      'weekly:\n    estimate: { monthsAfter: 0, day: 20 }',
      /calendar\.yaml:20 at "deadlines\.weekly": unknown key "weekly"/,
    ],
    [
      'groups: [grdp]',
      'groups: [gdrp]',
      /calendar\.yaml:\d+ at "overrides\.1\.groups\.0": unknown group "gdrp".*did you mean "grdp"/s,
    ],
    [
      'official: { monthsAfter: 1, day: 12, unit: working_days }',
      'official: { monthsAfter: 1, day: 22, unit: working_days }',
      /at most 15 working days/,
    ],
  ];
  for (const [from, to, want] of cases) {
    const err = withEditedConfig((d) => replaceIn(d, 'calendar.yaml', from, to));
    assert.ok(err, `${to} is refused`);
    assert.match(err.message, want);
  }
});
