import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectionAtCadence } from './cadence-selection.ts';

test('a selection is read at the indicator own cadence', () => {
  const table: [selection: string, cadence: string, shown: string][] = [
    ['2026-11', 'month', '2026-11'],
    ['2026-Q3', 'month', '2026-Q3'],
    ['2026-11', 'year', '2026'],
    ['2026-Q2', 'year', '2026'],
    ['2026-10-YTD', 'year', '2026'],
    ['2026', 'year', '2026'],
    ['2026-11', 'quarter', '2026-Q4'],
    ['2026-01', 'quarter', '2026-Q1'],
    ['2026-Q3', 'quarter', '2026-Q3'],
    ['2026-H1', 'quarter', '2026-H1'],
    ['2026-9M', 'quarter', '2026-9M'],
    ['2026-10-YTD', 'quarter', '2026-9M'],
    ['2026-08-YTD', 'quarter', '2026-06-YTD'],
    ['2026-02-YTD', 'quarter', '2026-Q1'],
    ['2026-12-YTD', 'quarter', '2026'],
    ['2026-05', 'half_year', '2026-H1'],
    ['2026-Q3', 'half_year', '2026-H2'],
    ['2026-H2', 'half_year', '2026-H2'],
    ['2026-9M', 'half_year', '2026-06-YTD'],
    ['2026-04-YTD', 'half_year', '2026-H1'],
    ['2026', 'half_year', '2026'],
    ['not-a-period', 'year', 'not-a-period'],
    ['2026-11', 'weekly', '2026-11'],
  ];
  for (const [selection, cadence, shown] of table)
    assert.equal(selectionAtCadence(selection, cadence), shown, `${selection} at ${cadence}`);
});
