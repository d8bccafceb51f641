import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Period } from '../../contract/period.ts';
import { vnParts } from '../../contract/vn-time.ts';
import { makeRand } from './random.ts';
import {
  CORRECTION_SHARE,
  LATE_SHARE,
  MISSING_SHARE,
  figureCalendar,
  firstSendTime,
  latestSent,
  reportingMonth,
} from './schedule.ts';

const rand = makeRand(42);
const NOW = new Date('2026-12-02T03:00:00Z');
const day = (d: Date) => {
  const p = vnParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};
const m = (year: number, index: number): Period => ({ kind: 'month', year, index });

test('on-time windows by frequency: estimate near the 20th of the last month, then preliminary/official', () => {
  // [period, who, expected statuses, first submission's day range, last regular submission's month]
  const cases: [Period, 'agency' | 'commune', string[], [string, string], string][] = [
    [m(2026, 10), 'agency', ['estimate', 'official'], ['2026-10-17', '2026-10-21'], '2026-11'],
    [m(2026, 10), 'commune', ['estimate', 'official'], ['2026-10-15', '2026-10-19'], '2026-11'],
    [m(2026, 12), 'agency', ['estimate', 'official'], ['2026-12-17', '2026-12-21'], '2027-01'],
    [
      { kind: 'quarter', year: 2026, index: 3 },
      'agency',
      ['estimate', 'preliminary', 'official'],
      ['2026-09-17', '2026-09-21'],
      '2026-11',
    ],
    [
      { kind: 'half_year', year: 2026, index: 1 },
      'agency',
      ['estimate', 'preliminary', 'official'],
      ['2026-06-15', '2026-06-20'],
      '2026-08',
    ],
    [
      { kind: 'year', year: 2025, index: 1 },
      'agency',
      ['estimate', 'preliminary', 'official'],
      ['2025-12-15', '2025-12-20'],
      '2026-03',
    ],
  ];
  for (const [p, who, statuses, [from, to], lastMonth] of cases) {
    for (let i = 0; i < 40; i++) {
      const cal = figureCalendar(p, who, rand, `case|${i}`, new Date('2030-01-01T00:00:00Z'));
      const regular = cal.submissions.filter((s) => !s.correction);
      assert.deepEqual(
        regular.map((s) => s.status),
        statuses,
      );
      const first = regular[0]!;
      if (!first.late) assert.ok(day(first.at) >= from && day(first.at) <= to, `${p.kind} ${who}: ${day(first.at)}`);
      const last = regular.at(-1)!;
      if (!regular.some((s) => s.late)) assert.equal(day(last.at).slice(0, 7), lastMonth);
      const hour = vnParts(first.at).hour;
      assert.ok(hour >= 8 && hour < 17, `office hours, got ${hour}`);
      for (let k = 1; k < cal.submissions.length; k++)
        assert.ok(cal.submissions[k]!.at > cal.submissions[k - 1]!.at, 'in time order');
      assert.ok(first.at >= firstSendTime(p));
    }
  }
});

test('what has been sent by a given day: nothing of December on the 2nd, November estimated, October official', () => {
  const rows = Array.from({ length: 400 }, (_, i) => i);
  const sent = (p: Period, who: 'agency' | 'commune') =>
    rows.map((i) => latestSent(figureCalendar(p, who, rand, `k${i}`, NOW), NOW));
  assert.ok(sent(m(2026, 12), 'agency').every((s) => s === null));
  assert.ok(sent(m(2026, 12), 'commune').every((s) => s === null));
  const nov = sent(m(2026, 11), 'agency');
  assert.ok(nov.filter((s) => s?.status === 'estimate').length > 300, 'most sent November’s estimate');
  assert.ok(
    nov.some((s) => s === null),
    'a few are late',
  );
  const oct = sent(m(2026, 10), 'agency');
  assert.ok(
    oct.every((s) => s?.status === 'official'),
    'October is official by 2 December',
  );
  assert.ok(sent({ kind: 'quarter', year: 2026, index: 4 }, 'agency').every((s) => s === null));
});

test('shares of late, missing and corrected figures are near their settings; missing only for recent commune figures', () => {
  const n = 4000;
  let late = 0;
  let missing = 0;
  let corrected = 0;
  for (let i = 0; i < n; i++) {
    const cal = figureCalendar(m(2026, 10), 'commune', rand, `s${i}`, NOW);
    if (cal.missing) missing++;
    if (cal.submissions[0]?.late) late++;
    if (cal.submissions.some((s) => s.correction)) corrected++;
    assert.equal(figureCalendar(m(2025, 10), 'commune', rand, `s${i}`, NOW).missing, false, 'a year-old figure is never missing');
    assert.equal(figureCalendar(m(2026, 10), 'agency', rand, `s${i}`, NOW).missing, false, 'agencies are late, never missing');
  }
  const near = (x: number, share: number, base: number) => Math.abs(x / base - share) < share * 0.35;
  assert.ok(near(missing, MISSING_SHARE, n), `missing ${missing}`);
  assert.ok(near(late, LATE_SHARE, n - missing), `late ${late}`);
  assert.ok(near(corrected, CORRECTION_SHARE, n - missing), `corrected ${corrected}`);
});

test('deterministic: the calendar of a figure does not depend on now beyond what is missing', () => {
  const a = figureCalendar(m(2026, 5), 'agency', rand, 'x', NOW);
  const b = figureCalendar(m(2026, 5), 'agency', rand, 'x', new Date('2027-06-01T00:00:00Z'));
  assert.deepEqual(a, b);
});

test('the month agencies report for: the current one from its estimate window on, else the one before', () => {
  const cases: [string, string][] = [
    ['2026-12-02T03:00:00Z', '2026-12 → 2026-11'],
    ['2026-12-14T03:00:00Z', '2026-12 → 2026-11'],
    ['2026-12-16T03:00:00Z', '2026-12 → 2026-12'],
    ['2026-12-31T16:59:00Z', '2026-12 → 2026-12'], // 23:59 on the 31st in Vietnam
    ['2026-12-31T17:00:00Z', '2027-01 → 2026-12'], // 00:00 on 1 January in Vietnam
    ['2027-01-20T03:00:00Z', '2027-01 → 2027-01'],
  ];
  for (const [at, expected] of cases) {
    const now = new Date(at);
    const p = reportingMonth(now);
    const cur = vnParts(now);
    assert.equal(
      `${cur.year}-${String(cur.month).padStart(2, '0')} → ${p.year}-${String(p.index).padStart(2, '0')}`,
      expected,
      at,
    );
  }
});
