import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PanelConfig, ScreenConfig } from '../../../contract/config/screens.ts';
import type { IndicatorInfo } from '../../../contract/http.ts';
import { draftIssues, issuesAt, mergeDrafts, pageChanges } from './draft.ts';

const info = (id: string, o: Partial<IndicatorInfo> = {}): IndicatorInfo => ({
  id,
  group: id.split('.')[0]!,
  name: id,
  nameEn: id,
  unit: 'tỷ đồng',
  unitEn: 'bn',
  period: 'month',
  aggregation: 'sum',
  higherIsBetter: true,
  neutral: false,
  hasPlan: true,
  communeLevel: true,
  ...o,
});
const catalog = new Map([
  ['budget.revenue_total', info('budget.revenue_total')],
  ['traffic_safety.deaths', info('traffic_safety.deaths', { higherIsBetter: false, hasPlan: false, communeLevel: false })],
]);
const lookup = (id: string) => catalog.get(id);
const communes = new Set(['22333', '22366']);

const kpi = (col: number, row: number, extra: object = {}): PanelConfig =>
  ({ kind: 'kpi-tile', indicator: 'budget.revenue_total', at: { col, row, w: 3, h: 2 }, ...extra }) as PanelConfig;
const page = (panels: PanelConfig[], extra: Partial<ScreenConfig> = {}): ScreenConfig => ({
  id: 'thu-nghiem',
  title: 'Thử nghiệm',
  design: { width: 1920, height: 1080 },
  grid: { columns: 12, rows: 6 },
  panels,
  ...extra,
});

test('draftIssues: each problem at its field (table)', () => {
  const rows: [string, unknown, string[]][] = [
    ['a good page', page([kpi(0, 0)]), []],
    ['no panels', page([]), ['panels']],
    ['width 0', page([kpi(0, 0, { at: { col: 0, row: 0, w: 0, h: 2 } })]), ['panels.0.at.w']],
    ['off the grid', page([kpi(11, 0)]), ['panels.0.at']],
    ['overlap', page([kpi(0, 0), kpi(2, 1)]), ['panels.1.at']],
    ['unknown indicator', page([kpi(0, 0, { indicator: 'budget.nope' })]), ['panels.0.indicator']],
    ['unknown key', page([kpi(0, 0, { colour: 'red' })]), ['panels.0']],
    [
      'threshold wrong way round',
      page([kpi(0, 0, { thresholds: { on: 'pctOfPlan', good: 80, bad: 100 } })]),
      ['panels.0.thresholds.good'],
    ],
    [
      'threshold not a number',
      page([kpi(0, 0, { thresholds: { on: 'value', good: null, bad: 1 } })]),
      ['panels.0.thresholds.good'],
    ],
    [
      'down indicator, % of plan without plan',
      page([kpi(0, 0, { indicator: 'traffic_safety.deaths', thresholds: { on: 'pctOfPlan', good: 10, bad: 20 } })]),
      ['panels.0.thresholds.on'],
    ],
    [
      'gauge without a plan',
      page([{ kind: 'gauge', indicator: 'traffic_safety.deaths', at: { col: 0, row: 0, w: 2, h: 2 } }]),
      ['panels.0.indicator'],
    ],
    [
      'table with an unknown column',
      page([
        {
          kind: 'table',
          indicators: ['budget.revenue_total', 'x.y'],
          by: 'periods',
          basis: 'period',
          limit: 8,
          at: { col: 0, row: 0, w: 4, h: 3 },
        },
      ]),
      ['panels.0.indicators.1'],
    ],
    ['kpi tile on a commune of the province, in-period', page([kpi(0, 0, { area: '22333', basis: 'period' })]), []],
    ['kpi tile on an unknown commune', page([kpi(0, 0, { area: '99999' })]), ['panels.0.area']],
    ['kpi tile with a basis that does not exist', page([kpi(0, 0, { basis: 'cumulative' })]), ['panels.0.basis']],
    [
      'gauge on an unknown commune',
      page([{ kind: 'gauge', indicator: 'budget.revenue_total', area: '22334', at: { col: 0, row: 0, w: 2, h: 2 } }]),
      ['panels.0.area'],
    ],
    ['empty note', page([{ kind: 'note', text: '   ', at: { col: 0, row: 0, w: 2, h: 2 } }]), ['panels.0.text']],
    ['path characters in the id', page([kpi(0, 0)], { id: '../etc' }), ['id']],
  ];
  for (const [name, draft, paths] of rows)
    assert.deepEqual(
      draftIssues(draft, lookup, communes).map((i) => i.path),
      paths,
      name,
    );
  const [w] = draftIssues(page([kpi(0, 0, { thresholds: { on: 'pctOfPlan', good: 80, bad: 100 } })]), lookup);
  assert.match(w!.message, /ngưỡng tốt phải lớn hơn ngưỡng xấu/);
  const [a] = draftIssues(page([kpi(0, 0, { area: '99999' })]), lookup, communes);
  assert.match(a!.message, /"99999" không phải một xã, phường của tỉnh/);
  assert.deepEqual(draftIssues(page([kpi(0, 0, { area: '99999' })]), lookup), [], 'without the communes, left to the server');
});

test('issuesAt: exact field, or everything under a panel', () => {
  const issues = [
    { path: 'panels.1.at.w', message: 'Tối thiểu 1' },
    { path: 'panels.1.indicator', message: 'Không có' },
    { path: 'panels.10.at', message: 'x' },
  ];
  assert.equal(issuesAt(issues, 'panels.1.at.w'), 'Tối thiểu 1');
  assert.equal(issuesAt(issues, 'panels.1', true), 'Tối thiểu 1 Không có');
  assert.equal(issuesAt(issues, 'panels.2', true), undefined);
});

const label = (p: PanelConfig) => `${p.kind}@${p.at.col},${p.at.row}`;

test('mergeDrafts: my changes on top of theirs where they do not collide (table)', () => {
  const base = page([kpi(0, 0), kpi(3, 0)]);
  const rows: [string, ScreenConfig, ScreenConfig, string[], string[]][] = [
    // [name, mine, theirs, resulting panels, conflicts]
    [
      'I add, they add elsewhere',
      page([kpi(0, 0), kpi(3, 0), kpi(0, 2)]),
      page([kpi(0, 0), kpi(3, 0), kpi(6, 0)]),
      ['kpi-tile@0,0', 'kpi-tile@3,0', 'kpi-tile@6,0', 'kpi-tile@0,2'],
      [],
    ],
    [
      'we both add on the same cells',
      page([kpi(0, 0), kpi(3, 0), kpi(6, 0)]),
      page([kpi(0, 0), kpi(3, 0), kpi(7, 0)]),
      ['kpi-tile@0,0', 'kpi-tile@3,0', 'kpi-tile@7,0'],
      ['kpi-tile@6,0 (cột 7, hàng 1)'],
    ],
    ['I remove one they kept', page([kpi(0, 0)]), page([kpi(0, 0), kpi(3, 0), kpi(6, 0)]), ['kpi-tile@0,0', 'kpi-tile@6,0'], []],
    ['I move one they removed', page([kpi(0, 0), kpi(3, 2)]), page([kpi(0, 0)]), ['kpi-tile@0,0', 'kpi-tile@3,2'], []],
    [
      'we both make the same change',
      page([kpi(0, 0), kpi(3, 0), kpi(6, 0)]),
      page([kpi(0, 0), kpi(3, 0), kpi(6, 0)]),
      ['kpi-tile@0,0', 'kpi-tile@3,0', 'kpi-tile@6,0'],
      [],
    ],
  ];
  for (const [name, mine, theirs, panels, conflicts] of rows) {
    const r = mergeDrafts(base, mine, theirs, label);
    assert.deepEqual(r.page.panels.map(label), panels, name);
    assert.deepEqual(r.conflicts, conflicts, name);
  }
  const titled = mergeDrafts(base, page(base.panels, { title: 'Mới' }), page([kpi(0, 0)]), label);
  assert.equal(titled.page.title, 'Mới');
  const both = mergeDrafts(base, page(base.panels, { title: 'Của tôi' }), page(base.panels, { title: 'Của họ' }), label);
  assert.equal(both.page.title, 'Của họ');
  assert.deepEqual(both.conflicts, ['Tên trang']);
});

test('pageChanges: what the other version changed, in words', () => {
  const a = page([kpi(0, 0), kpi(3, 0)]);
  const b = page([kpi(0, 0), kpi(6, 0)], { title: 'Khác' });
  assert.deepEqual(pageChanges(a, b, label), [
    'Tên trang: “Thử nghiệm” → “Khác”',
    '− kpi-tile@3,0 (cột 4, hàng 1)',
    '+ kpi-tile@6,0 (cột 7, hàng 1)',
  ]);
});
