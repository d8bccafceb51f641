import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorValue } from './messages.ts';
import { crosswalkFigures, isAdditiveIndicator, isBeforeReform, predecessorsOf, type FormerUnit } from './crosswalk.ts';
import { loadConfig } from './load-config.ts';

const units: FormerUnit[] = [
  { code: '10001', name: 'A', into: [{ code: '20001', relation: 'full' }] },
  { code: '10002', name: 'B', into: [{ code: '20001', relation: 'full' }] },
  // C was split between two of today's communes.
  {
    code: '10003',
    name: 'C',
    into: [
      { code: '20001', relation: 'partial' },
      { code: '20002', relation: 'partial' },
    ],
  },
  { code: '10004', name: 'D', into: [{ code: '20002', relation: 'full' }] },
];
const pred = predecessorsOf(units);
const v = (
  area: string,
  period: string,
  value: number | null,
  status: IndicatorValue['status'] = 'official',
): IndicatorValue => ({
  indicator: 'x.flow',
  area,
  period,
  value,
  plan: null,
  status,
  updatedAt: `2025-0${period.endsWith('02') ? 3 : 2}-05T01:00:00Z`,
});
const flow = { id: 'x.flow', aggregation: 'sum', unit: 'vụ' };
const rate = { id: 'x.flow', aggregation: 'ratio', unit: '%' };

test('periods before the reform: months to June 2025, H1 2025; not the year 2025', () => {
  const cases: [string, boolean][] = [
    ['2024-01', true],
    ['2025-06', true],
    ['2025-07', false],
    ['2025-Q2', true],
    ['2025-Q3', false],
    ['2025-H1', true],
    ['2025', false],
    ['2024', true],
    ['junk', false],
  ];
  for (const [p, want] of cases) assert.equal(isBeforeReform(p), want, p);
});

test('additivity: flows and counts add up, rates do not', () => {
  const cases: [{ aggregation: string; unit: string }, boolean][] = [
    [{ aggregation: 'sum', unit: 'tỷ đồng' }, true],
    [{ aggregation: 'last', unit: 'hồ sơ' }, true],
    [{ aggregation: 'last', unit: '%' }, false],
    [{ aggregation: 'ratio', unit: '%' }, false],
    [{ aggregation: 'avg', unit: 'AQI' }, false],
  ];
  for (const [ind, want] of cases) assert.equal(isAdditiveIndicator(ind), want, JSON.stringify(ind));
});

test('predecessors: full units count wholly, a split unit is shared equally and flagged partial', () => {
  assert.deepEqual(
    pred.get('20001')!.map((p) => [p.unit.code, p.relation, p.share]),
    [
      ['10001', 'full', 1],
      ['10002', 'full', 1],
      ['10003', 'partial', 0.5],
    ],
  );
  assert.deepEqual(
    pred.get('20002')!.map((p) => p.unit.code),
    ['10003', '10004'],
  );
});

test('crosswalk aggregation: table of cases', () => {
  const onlyFull: FormerUnit[] = units.slice(0, 2);
  const cases: {
    name: string;
    ind: typeof flow;
    area: string;
    units: FormerUnit[];
    values: IndicatorValue[];
    want: {
      period: string;
      value: number | null;
      approximate: boolean;
      bounds?: { low: number; high: number } | null;
      missing?: string[];
    }[];
  }[] = [
    {
      name: 'full units: an exact sum',
      ind: flow,
      area: '20001',
      units: onlyFull,
      values: [v('10001', '2025-01', 3), v('10002', '2025-01', 4)],
      want: [{ period: '2025-01', value: 7, approximate: false, bounds: null, missing: [] }],
    },
    {
      name: 'a partial unit: approximate, equal share, bounds from none to all of it',
      ind: flow,
      area: '20001',
      units,
      values: [v('10001', '2025-01', 3), v('10002', '2025-01', 4), v('10003', '2025-01', 10)],
      want: [{ period: '2025-01', value: 12, approximate: true, bounds: { low: 7, high: 17 }, missing: [] }],
    },
    {
      name: 'a flow with a missing unit has no total',
      ind: flow,
      area: '20001',
      units: onlyFull,
      values: [v('10001', '2025-02', 3)],
      want: [{ period: '2025-02', value: null, approximate: false, missing: ['10002'] }],
    },
    {
      name: 'rates: mean of the former units, marked approximate',
      ind: rate,
      area: '20001',
      units: onlyFull,
      values: [v('10001', '2025-01', 80), v('10002', '2025-01', 90)],
      want: [{ period: '2025-01', value: 85, approximate: true, bounds: null }],
    },
    {
      name: 'periods after the reform and other areas are ignored',
      ind: flow,
      area: '20001',
      units: onlyFull,
      values: [v('10001', '2025-07', 1), v('20001', '2025-01', 99), v('10001', '2024-12', 1), v('10002', '2024-12', 2)],
      want: [{ period: '2024-12', value: 3, approximate: false }],
    },
  ];
  for (const c of cases) {
    const got = crosswalkFigures(c.ind, c.area, predecessorsOf(c.units).get(c.area) ?? [], c.values);
    assert.equal(got.length, c.want.length, c.name);
    c.want.forEach((w, i) => {
      const g = got[i]!;
      assert.equal(g.period, w.period, c.name);
      assert.equal(g.value, w.value, c.name);
      assert.equal(g.approximate, w.approximate, c.name);
      if (w.bounds !== undefined) assert.deepEqual(g.bounds, w.bounds, c.name);
      if (w.missing) assert.deepEqual(g.missing, w.missing, c.name);
      assert.equal(g.area, c.area);
    });
  }
});

test('status is the least final of the sources; updatedAt the latest', () => {
  const [g] = crosswalkFigures(
    flow,
    '20001',
    pred.get('20001')!.slice(0, 2),
    [v('10001', '2025-01', 1, 'preliminary'), v('10002', '2025-02', 2)].map((x) => ({ ...x, period: '2025-01' })),
  );
  assert.equal(g!.status, 'preliminary');
  assert.equal(g!.updatedAt, '2025-03-05T01:00:00Z');
});

test('the shipped crosswalk: 194 former units, every commune has predecessors, 8 split units', () => {
  const config = loadConfig('config');
  const former = config.province.formerCommunes;
  assert.equal(former.length, 194);
  const p = predecessorsOf(former);
  for (const c of config.province.communes) assert.ok((p.get(c.code) ?? []).length > 0, `${c.code} ${c.name} has former units`);
  assert.equal(former.filter((f) => f.into.length > 1).length, 8);
  for (const f of former) if (f.into.length === 1) assert.equal(f.into[0]!.relation, 'full', f.code);
});
