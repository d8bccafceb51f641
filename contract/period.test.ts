import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addPeriods,
  dueAt,
  formatPeriod,
  freshness,
  parsePeriod,
  periodContaining,
  periodEndInstant,
  periodLabelVi,
  periodsYearToDate,
  samePeriodLastYear,
  ytdLabelVi,
} from './period.ts';

test('period codes parse and print back; invalid codes are refused', () => {
  const cases: [string, string | null][] = [
    ['2026-10', 'month 2026 10'],
    ['2026-01', 'month 2026 1'],
    ['2026-Q3', 'quarter 2026 3'],
    ['2026-H1', 'half_year 2026 1'],
    ['2026', 'year 2026 1'],
    ['2026-13', null],
    ['2026-00', null],
    ['2026-Q5', null],
    ['2026-H3', null],
    ['2026-1', null],
    ['26-10', null],
    ['2026-M10', null],
    ['', null],
    [' 2026', null],
    ['2026-10; drop table', null],
  ];
  for (const [code, expected] of cases) {
    const p = parsePeriod(code);
    assert.equal(p ? `${p.kind} ${p.year} ${p.index}` : null, expected, code);
    if (p) assert.equal(formatPeriod(p), code);
  }
});

test('arithmetic crosses year boundaries', () => {
  const cases: [string, number, string][] = [
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-Q4', 1, '2027-Q1'],
    ['2026-H1', -1, '2025-H2'],
    ['2026', 2, '2028'],
    ['2026-10', -22, '2024-12'],
  ];
  for (const [from, n, to] of cases) assert.equal(formatPeriod(addPeriods(parsePeriod(from)!, n)), to, `${from} + ${n}`);
  assert.equal(formatPeriod(samePeriodLastYear(parsePeriod('2026-Q3')!)), '2025-Q3');
  assert.deepEqual(periodsYearToDate(parsePeriod('2026-Q3')!).map(formatPeriod), ['2026-Q1', '2026-Q2', '2026-Q3']);
});

test('Vietnamese labels as reports write them', () => {
  const cases: [string, string, string][] = [
    ['2026-10', 'Tháng 10/2026', '10 tháng năm 2026 (lũy kế)'],
    ['2026-01', 'Tháng 1/2026', 'Tháng 1/2026'],
    ['2026-12', 'Tháng 12/2026', 'Năm 2026'],
    ['2026-Q3', 'Quý III/2026', '9 tháng năm 2026 (lũy kế)'],
    ['2026-H1', '6 tháng đầu năm 2026', '6 tháng năm 2026 (lũy kế)'],
    ['2026-H2', '6 tháng cuối năm 2026', 'Năm 2026'],
    ['2026', 'Năm 2026', 'Năm 2026'],
  ];
  for (const [code, label, ytd] of cases) {
    assert.equal(periodLabelVi(parsePeriod(code)!), label);
    assert.equal(ytdLabelVi(parsePeriod(code)!), ytd);
  }
});

test('the current period is taken in Vietnam time (UTC+7)', () => {
  // 31 Oct 2026 20:00 UTC is already 1 November in Nha Trang.
  assert.equal(formatPeriod(periodContaining('month', new Date('2026-10-31T20:00:00Z'))), '2026-11');
  assert.equal(formatPeriod(periodContaining('quarter', new Date('2026-09-30T16:59:00Z'))), '2026-Q3');
  assert.equal(formatPeriod(periodContaining('quarter', new Date('2026-09-30T17:00:00Z'))), '2026-Q4');
});

test('a period is over at Vietnam midnight after its last day', () => {
  const cases: [string, string][] = [
    ['2026-10', '2026-10-31T17:00:00.000Z'],
    ['2026-12', '2026-12-31T17:00:00.000Z'],
    ['2026-Q4', '2026-12-31T17:00:00.000Z'],
    ['2025-H1', '2025-06-30T17:00:00.000Z'],
    ['2025', '2025-12-31T17:00:00.000Z'],
  ];
  for (const [code, end] of cases) assert.equal(periodEndInstant(parsePeriod(code)!).toISOString(), end, code);
});

test('staleness follows each indicator’s own cadence', () => {
  const now = new Date('2026-11-23T03:00:00Z');
  const cases: [string, number | undefined, boolean, number][] = [
    // October's figure arrived: November's is not due until 20 December.
    ['2026-10', undefined, false, 0],
    // Only September: October's was due by the end of 20 November → 2 whole days overdue.
    ['2026-09', undefined, true, 2],
    // A yearly figure for 2025 is fine in November 2026 (2026's is due in March 2027).
    ['2025', undefined, false, 0],
    ['2024', undefined, true, 236],
    ['2026-Q3', undefined, false, 0],
    ['2026-Q2', undefined, true, 23],
    // An indicator due 5 days after month end: October's figure is late since the end of 5 November.
    ['2026-09', 5, true, 17],
  ];
  for (const [latest, days, stale, overdue] of cases) {
    const f = freshness(parsePeriod(latest)!, now, days);
    assert.equal(f.stale, stale, `${latest} stale`);
    assert.equal(f.overdueDays, overdue, `${latest} overdue days`);
  }
  assert.equal(dueAt(parsePeriod('2026-10')!).toISOString(), '2026-11-20T17:00:00.000Z', 'due at local midnight');
});
