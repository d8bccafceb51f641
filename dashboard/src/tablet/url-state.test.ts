import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlace, parsePlace } from './url-state.ts';

test('URL state: round trip, and invalid parts dropped', () => {
  const rows: [string, ReturnType<typeof parsePlace>][] = [
    ['', { view: null, meeting: null }],
    ['?g=budget', { view: { group: 'budget' }, meeting: null }],
    [
      '?g=budget&i=budget.revenue&a=56001&p=2026-Q3',
      { view: { group: 'budget', indicator: 'budget.revenue', area: '56001', period: '2026-Q3' }, meeting: null },
    ],
    [
      '?g=budget&i=budget.revenue&ca=56001,56004&p=2026-9M',
      {
        view: { group: 'budget', indicator: 'budget.revenue', period: '2026-9M', compare: { areas: ['56001', '56004'] } },
        meeting: null,
      },
    ],
    [
      '?g=budget&i=budget.revenue&cp=2026-Q3,2025-Q3',
      { view: { group: 'budget', indicator: 'budget.revenue', compare: { periods: ['2026-Q3', '2025-Q3'] } }, meeting: null },
    ],
    ['?g=budget&m=abc', { view: { group: 'budget' }, meeting: 'abc' }],
    // A lone commune in a comparison is no comparison.
    ['?g=budget&ca=56001', { view: { group: 'budget' }, meeting: null }],
    // Bad period: dropped, the rest kept.
    ['?g=budget&i=budget.revenue&p=2026-13', { view: { group: 'budget', indicator: 'budget.revenue' }, meeting: null }],
    [
      '?g=budget&i=budget.revenue&a=abc&p=2026-10',
      { view: { group: 'budget', indicator: 'budget.revenue', period: '2026-10' }, meeting: null },
    ],
    ['?g=Bad Group', { view: null, meeting: null }],
    ['?g=budget&ca=1,2,3', { view: { group: 'budget' }, meeting: null }],
  ];
  for (const [search, want] of rows) assert.deepEqual(parsePlace(search), want, search);
  for (const [, place] of rows) assert.deepEqual(parsePlace(formatPlace(place)), place, JSON.stringify(place));
  assert.equal(
    formatPlace({ view: { group: 'budget', compare: { areas: ['56001', '56004'] } }, meeting: null }),
    '?g=budget&ca=56001,56004',
  );
});
