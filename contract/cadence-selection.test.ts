import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportedAtCadence, selectionAtCadence } from './cadence-selection.ts';

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

test('a period of the cadence not reported yet gives way to the latest one that is', () => {
  const table: [selection: string, cadence: string, reported: string[], shown: string][] = [
    ['2026-11', 'year', ['2024', '2025'], '2025'],
    ['2026-11', 'year', ['2025', '2026'], '2026'],
    ['2026-11', 'year', [], '2026'],
    ['2026-11', 'year', ['2020'], '2026'],
    ['2026-11', 'quarter', ['2026-Q2', '2026-Q3'], '2026-Q3'],
    ['2026-02', 'quarter', ['2025-Q4'], '2025-Q4'],
    ['2026-05', 'half_year', ['2025-H2'], '2025-H2'],
    ['2026-10-YTD', 'quarter', ['2026-Q1'], '2026-9M'],
    ['2026-11', 'month', ['2026-10'], '2026-11'],
    ['2026-12', 'month', [], '2026-12'],
  ];
  for (const [selection, cadence, reported, shown] of table)
    assert.equal(
      reportedAtCadence(selection, cadence, new Set(reported)),
      shown,
      `${selection} at ${cadence}, ${reported.join(',')}`,
    );
});
