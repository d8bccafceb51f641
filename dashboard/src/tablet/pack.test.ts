import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { View } from '../../../contract/meetings.ts';
import { addView, picked, viewKey } from './pack.ts';

const budget: View = { group: 'budget' };
const revenue: View = { group: 'budget', indicator: 'budget.revenue_total' };
const camLam: View = { group: 'budget', indicator: 'budget.revenue_total', area: '22453' };
const camLamQ3: View = { area: '22453', indicator: 'budget.revenue_total', group: 'budget', period: '2026-Q3' };

test('the pack keeps each view once, in the order first shown, up to the server limit', () => {
  const table: [what: string, steps: (View | null)[], max: number, keys: View[]][] = [
    ['in order', [budget, revenue, camLam], 40, [budget, revenue, camLam]],
    ['a view shown again keeps its first place', [budget, revenue, budget, camLam, revenue], 40, [budget, revenue, camLam]],
    ['the group list (no view) is not a page', [null, budget, null], 40, [budget]],
    ['a period makes another view', [camLam, camLamQ3], 40, [camLam, camLamQ3]],
    ['never more than the limit', [budget, revenue, camLam, camLamQ3], 2, [budget, revenue]],
  ];
  for (const [what, steps, max, want] of table) {
    let list: readonly View[] = [];
    for (const s of steps) list = addView(list, s, max);
    assert.deepEqual(list.map(viewKey), want.map(viewKey), what);
  }
});

test('keys ignore the order of a view’s fields; picked keeps the pack order', () => {
  assert.equal(viewKey({ indicator: 'budget.revenue_total', group: 'budget' }), viewKey(revenue));
  const list = [budget, revenue, camLam];
  assert.deepEqual(picked(list, new Set([viewKey(camLam), viewKey(budget)])), [budget, camLam]);
});
