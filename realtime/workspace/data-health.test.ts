import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupConfig } from '../../contract/config.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { groupHealth, isLater, rejectedOf } from './data-health.ts';

const ind = (id: string, period: GroupConfig['period'], dueAfterDays?: number) => ({
  id,
  name: id,
  nameEn: id,
  unit: 'x',
  unitEn: 'x',
  period,
  aggregation: 'sum' as const,
  higherIsBetter: true,
  neutral: false,
  hasPlan: false,
  communeLevel: false,
  ...(dueAfterDays !== undefined ? { dueAfterDays } : {}),
});
const group: GroupConfig = {
  id: 'g',
  name: 'g',
  nameEn: 'g',
  period: 'month',
  owner: 'o',
  reporter: 'R',
  indicators: [ind('g.monthly', 'month'), ind('g.quarterly', 'quarter'), ind('g.fast', 'month', 5)],
};
const v = (indicator: string, period: string, area = '56', updatedAt = '2026-11-03T02:00:00Z'): IndicatorValue => ({
  indicator,
  area,
  period,
  value: 1,
  plan: null,
  status: 'official',
  updatedAt,
});
const none = { recent: [] };

test('lag against each indicator’s cadence: the worst indicator of the group, in days past its due date', () => {
  // Monthly figures are due 20 days after the month (g.fast: 5), quarterly ones 30 days after the quarter.
  const cases: [now: string, values: IndicatorValue[], latest: string | null, lagDays: number, state: string][] = [
    ['2026-11-10T00:00:00Z', [], null, 0, 'silent'],
    ['2026-11-10T00:00:00Z', [v('g.monthly', '2026-10')], '2026-10', 0, 'ok'],
    // October's figure of g.monthly was due on 20 Nov (end of 20 Nov, Vietnam time): 1 day late on the 22nd.
    ['2026-11-22T00:00:00Z', [v('g.monthly', '2026-09')], '2026-09', 1, 'late'],
    // g.fast's October figure was due on 5 Nov.
    ['2026-11-10T00:00:00Z', [v('g.monthly', '2026-10'), v('g.fast', '2026-09')], '2026-10', 4, 'late'],
    // A quarter is not late before its own due date, whatever the monthly figures do.
    ['2026-11-10T00:00:00Z', [v('g.quarterly', '2026-Q3'), v('g.monthly', '2026-10')], '2026-10', 0, 'ok'],
    // More than a whole period behind: silent.
    ['2027-01-25T00:00:00Z', [v('g.monthly', '2026-09')], '2026-09', 65, 'silent'],
    // Commune figures do not stand in for the province's.
    ['2026-11-10T00:00:00Z', [v('g.monthly', '2026-10', '22333')], null, 0, 'silent'],
  ];
  for (const [now, values, latest, lagDays, state] of cases) {
    const h = groupHealth(group, { values }, '56', new Date(now), none);
    assert.deepEqual([h.latestPeriod, h.lagDays, h.state], [latest, lagDays, state], `${now} ${values.map((x) => x.period)}`);
  }
});

test('last update, rejected rows of the group, rejected counts of a source', () => {
  const values = [v('g.monthly', '2026-10', '56', '2026-11-03T02:00:00Z'), v('g.fast', '2026-10', '56', '2026-11-04T02:00:00Z')];
  const dead = (source: string, key: string, reason = 'bad-period') => ({
    source,
    reason,
    key,
    detail: 'd',
    at: '2026-11-04T00:00:00Z',
  });
  const summary = {
    counts: { 'reporting-db|bad-period': 3, 'reporting-db|unknown-indicator': 2, 'frigate-nt|invalid-json': 7 },
    recent: [
      dead('frigate-nt', 'x', 'invalid-json'),
      dead('reporting-db', 'g.monthly|56|2026-13'),
      dead('reporting-db', 'h.x|56|2026-10'),
    ],
  };
  const h = groupHealth(group, { values }, '56', new Date('2026-11-10T00:00:00Z'), summary);
  assert.equal(h.lastUpdateAt, '2026-11-04T02:00:00Z');
  assert.equal(h.rejected, 1);
  assert.deepEqual(rejectedOf('reporting-db', summary), { rejected: 5, lastRejectedReason: 'bad-period: d' });
  assert.deepEqual(rejectedOf('frigate-nt', summary), { rejected: 7, lastRejectedReason: 'invalid-json: d' });
  assert.deepEqual(rejectedOf('hik-its', summary), { rejected: 0, lastRejectedReason: null });
});

test('isLater: same-shape UTC texts by text, any other shape by the instant', () => {
  const cases: [string, string, boolean][] = [
    ['2026-11-03T02:00:00.000002Z', '2026-11-03T02:00:00.000001Z', true],
    ['2026-11-03T02:00:00.000001Z', '2026-11-03T02:00:00.000001Z', false],
    ['2026-10-31T23:59:59.999999Z', '2026-11-01T00:00:00.000000Z', false],
    // Different precision: compared as instants, not as text ("…00Z" > "…00.5Z" as text).
    ['2026-11-03T02:00:00Z', '2026-11-03T02:00:00.500Z', false],
    ['2026-11-03T02:00:01Z', '2026-11-03T02:00:00.500Z', true],
    // An offset: 09:00+07:00 is 02:00Z.
    ['2026-11-03T09:00:00+07:00', '2026-11-03T01:00:00.000Z', true],
  ];
  for (const [a, b, want] of cases) assert.equal(isLater(a, b), want, `${a} later than ${b}`);
});

test('groupHealth: the latest update and the latest province period, whatever the order and shape of the values', () => {
  const values = [
    v('g.monthly', '2026-10', '56', '2026-11-03T02:00:00.000001Z'),
    v('g.monthly', '2026-11', '56', '2026-11-01T00:00:00Z'),
    v('g.monthly', 'not-a-period', '56', '2026-11-02T00:00:00Z'),
    v('g.monthly', '2026-12', '22333', '2026-11-04T00:00:00.5Z'), // a commune: counts for the update, not the period
    v('g.quarterly', '2026-Q3', '56', '2026-11-01T00:00:00Z'),
    v('g.fast', '2026-09', '56', '2026-11-01T00:00:00Z'),
    v('g.fast', 'bad', '56', '2026-11-01T00:00:00Z'),
  ];
  for (const order of [values, [...values].reverse()]) {
    const h = groupHealth(group, { values: order }, '56', new Date('2026-12-02T00:00:00Z'), none);
    assert.equal(h.lastUpdateAt, '2026-11-04T00:00:00.5Z');
    assert.equal(h.latestPeriod, '2026-11');
  }
});
