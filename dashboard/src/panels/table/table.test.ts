import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import { tableModel } from './table.ts';

const info = (id: string, o: Partial<IndicatorInfo> = {}): IndicatorInfo => ({
  id,
  group: id.split('.')[0]!,
  name: id.split('.')[1]!,
  nameEn: '',
  unit: 'tỷ đồng',
  unitEn: '',
  period: 'month',
  aggregation: 'sum',
  higherIsBetter: true,
  neutral: false,
  hasPlan: false,
  communeLevel: true,
  ...o,
});
const v = (indicator: string, area: string, period: string, value: number | null): IndicatorValue => ({
  indicator,
  area,
  period,
  value,
  plan: null,
  status: 'official',
  updatedAt: `2026-11-0${period.endsWith('10') ? 5 : 3}T00:00:00Z`,
});
const infos = new Map([
  ['budget.a', info('budget.a')],
  ['tax.b', info('tax.b', { higherIsBetter: false, unit: '%', aggregation: 'last' })],
]);
const values: IndicatorValue[] = [
  v('budget.a', '56', '2026-09', 100),
  {
    ...v('budget.a', '56', '2026-10', 120),
    derived: { ytd: 310, lastYear: null, lastYearYtd: null, yoyPct: null, plan: null, pctOfPlan: null },
  },
  v('budget.a', '56', '2026-08', 90),
  v('budget.a', '22333', '2026-10', 5),
  v('budget.a', '22334', '2026-10', 7),
  v('budget.a', '22335', '2026-10', null),
  v('budget.a', '22333', '2026-09', 50),
  v('tax.b', '56', '2026-10', 3.5),
  v('tax.b', '22333', '2026-09', 1.2),
];
const valuesOf = (id: string) => values.filter((x) => x.indicator === id);
const communes = [
  { code: '22333', name: 'Phường Nha Trang' },
  { code: '22334', name: 'Xã Cam Lâm' },
  { code: '22335', name: 'Xã Khánh Sơn' },
];

test('table by periods: latest first, a dash where a column has no figure, year-to-date basis', () => {
  const m = tableModel(
    { indicators: ['budget.a', 'tax.b'], by: 'periods', basis: 'period', area: '56', limit: 2 },
    (id) => infos.get(id),
    valuesOf,
    communes,
  )!;
  assert.deepEqual(
    m.rows.map((r) => [r.label, ...r.cells]),
    [
      ['Tháng 10/2026', '120', '3,5'],
      ['Tháng 9/2026', '100', '—'],
    ],
  );
  const ytd = tableModel(
    { indicators: ['budget.a'], by: 'periods', basis: 'ytd', area: '56', limit: 1 },
    (id) => infos.get(id),
    valuesOf,
    communes,
  )!;
  assert.deepEqual(ytd.rows[0]!.cells, ['310'], 'the year-to-date figure ingest derived');
  assert.match(ytd.rows[0]!.label, /lũy kế/);
});

test('table by communes: best first on the first column, other columns at their own latest period', () => {
  const m = tableModel(
    { indicators: ['budget.a', 'tax.b'], by: 'communes', basis: 'period', area: '56', limit: 8 },
    (id) => infos.get(id),
    valuesOf,
    communes,
  )!;
  assert.deepEqual(
    m.rows.map((r) => [r.label, ...r.cells]),
    [
      ['Xã Cam Lâm', '7', '—'],
      ['Phường Nha Trang', '5', '1,2'],
    ],
  );
  assert.equal(m.periodLabel, 'Tháng 10/2026');
  assert.equal(m.columns[1]!.periodNote, 'Tháng 9/2026');
});

test('table: unknown indicators are named, none known gives null', () => {
  const m = tableModel(
    { indicators: ['budget.a', 'x.y'], by: 'periods', basis: 'period', area: '56', limit: 3 },
    (id) => infos.get(id),
    valuesOf,
    communes,
  )!;
  assert.deepEqual(m.unknown, ['x.y']);
  assert.equal(
    tableModel(
      { indicators: ['x.y'], by: 'periods', basis: 'period', area: '56', limit: 3 },
      (id) => infos.get(id),
      valuesOf,
      communes,
    ),
    null,
  );
});
