import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndicatorValue } from '../../../contract/messages.ts';
import type { SelectionKind } from '../../../contract/rollup.ts';
import { defaultPeriod, latestMonth, latestMonthOf, selectionForKind, stepSelection } from './periods.ts';

const row = (indicator: string, period: string, value: number | null): IndicatorValue => ({
  indicator,
  area: '56',
  period,
  value,
  plan: null,
  status: 'official',
  reporter: 'STC',
  updatedAt: '2026-11-20T03:00:00.000Z',
});

test("a kind opens on its latest window that has ended by the latest month's figures", () => {
  const table: [kind: SelectionKind, year: number, month: number, want: string][] = [
    ['month', 2026, 10, '2026-10'],
    ['ytd', 2026, 10, '2026-10-YTD'],
    ['quarter', 2026, 10, '2026-Q3'],
    ['quarter', 2026, 9, '2026-Q3'],
    ['quarter', 2026, 2, '2025-Q4'],
    ['half_year', 2026, 10, '2026-H1'],
    ['half_year', 2026, 12, '2026-H2'],
    ['half_year', 2026, 5, '2025-H2'],
    ['nine_months', 2026, 10, '2026-9M'],
    ['nine_months', 2026, 8, '2025-9M'],
    ['year', 2026, 10, '2025'],
    ['year', 2026, 12, '2026'],
  ];
  for (const [kind, year, month, want] of table)
    assert.equal(selectionForKind(kind, { year, month }), want, `${kind} ${month}/${year}`);
});

test('stepping a window: same kind, across year ends', () => {
  const table: [code: string, dir: 1 | -1, want: string | null][] = [
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-11-YTD', 1, '2026-12-YTD'],
    ['2026-Q4', 1, '2027-Q1'],
    ['2026-Q1', -1, '2025-Q4'],
    ['2026-H1', 1, '2026-H2'],
    ['2026-H1', -1, '2025-H2'],
    ['2026-9M', -1, '2025-9M'],
    ['2026', 1, '2027'],
    ['not-a-period', 1, null],
  ];
  for (const [code, dir, want] of table) assert.equal(stepSelection(code, dir), want, `${code} ${dir}`);
});

test('the period a view without one shows: the latest month with a figure, of its indicator or its group', () => {
  const values = [
    row('budget.revenue', '2026-10', 1),
    row('budget.revenue', '2026-11', null), // announced, no figure yet
    row('budget.spending', '2026-11', 2),
    row('budget.plan', '2026', 3), // a year is no month
    row('budget.revenue', '2025-12', 4),
  ];
  assert.deepEqual(latestMonth(values), { year: 2026, month: 11 });
  const table: [what: string, indicator: string | undefined, want: string][] = [
    ['the group: any indicator', undefined, '2026-11'],
    ['an indicator: its own latest figure', 'budget.revenue', '2026-10'],
    ['an indicator with no monthly figure: the fallback', 'budget.plan', '2026-12'],
    ['an indicator not in the group: the fallback', 'budget.none', '2026-12'],
  ];
  for (const [what, indicator, want] of table)
    assert.equal(defaultPeriod(latestMonthOf(values, indicator), '2026-12'), want, what);
  assert.equal(defaultPeriod(latestMonthOf([], undefined), '2026-12'), '2026-12', 'no figures yet');
});
