import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorValue } from '../contract/messages.ts';
import { snapshotFilter } from './snapshot-scope.ts';

const v = (indicator: string, area: string, period: string, value: number | null = 1): IndicatorValue => ({
  indicator,
  area,
  period,
  value,
  plan: null,
  status: 'official',
  updatedAt: '2026-11-01T00:00:00.000000Z',
});

const all = [
  v('a.x', '56', '2024-12'),
  v('a.x', '56', '2025-01'),
  v('a.x', '56', '2026-10'),
  v('a.x', '56', '2024'),
  v('a.x', '22333', '2026-09'),
  v('a.x', '22333', '2026-10'),
  v('a.x', '22366', '2026-10'),
  v('a.x', '22366', '2026-11', null), // a row with no figure yet does not make a period "latest"
  v('a.y', '22333', '2026-08'),
];

test('a province snapshot: this year and last year of the province, plus every commune’s latest period', () => {
  const keep = snapshotFilter(all, { area: '56', provinceCode: '56', now: new Date('2026-11-23T00:00:00Z') });
  const kept = all.filter(keep).map((x) => `${x.indicator} ${x.area} ${x.period}`);
  assert.deepEqual(kept, [
    'a.x 56 2025-01',
    'a.x 56 2026-10',
    'a.x 56 2024',
    'a.x 22333 2026-10',
    'a.x 22366 2026-10',
    'a.y 22333 2026-08',
  ]);
});

test('a commune snapshot: that commune’s own series only', () => {
  const keep = snapshotFilter(all, { area: '22333', provinceCode: '56', now: new Date('2026-11-23T00:00:00Z') });
  assert.deepEqual(
    all.filter(keep).map((x) => `${x.indicator} ${x.period}`),
    ['a.x 2026-09', 'a.x 2026-10', 'a.y 2026-08'],
  );
});
