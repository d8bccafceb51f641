import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankCommunes } from './ranking.ts';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';

const communes = [
  { code: '22333', name: 'Bắc Nha Trang', type: 'Phường' },
  { code: '22366', name: 'Nha Trang', type: 'Phường' },
  { code: '22435', name: 'Cam Hiệp', type: 'Xã' },
  { code: '22453', name: 'Cam Lâm', type: 'Xã' },
  { code: '22736', name: 'Trường Sa', type: 'Đặc khu' },
];
const base: IndicatorInfo = {
  id: 'public_admin.on_time_rate',
  group: 'public_admin',
  name: 'Tỷ lệ hồ sơ đúng hạn',
  nameEn: '',
  unit: '%',
  unitEn: '',
  period: 'month',
  aggregation: 'ratio',
  higherIsBetter: true,
  neutral: false,
  hasPlan: true,
  communeLevel: true,
};
const val = (area: string, period: string, value: number | null): IndicatorValue => ({
  indicator: base.id,
  area,
  period,
  value,
  plan: null,
  status: 'official',
  updatedAt: `2026-11-0${area.at(-1)}T07:05:00Z`,
});

const values = [
  val('56', '2026-10', 97), // the province itself is not ranked
  val('22333', '2026-10', 99.1),
  val('22366', '2026-10', 95),
  val('22435', '2026-10', 99.1),
  val('22453', '2026-10', 90),
  val('22736', '2026-10', null),
  val('22736', '2026-09', 100), // an older period does not count
  val('99999', '2026-10', 100), // not a commune of the province
];

test('higher is better: best first, ties share a rank, names from the payload', () => {
  const r = rankCommunes(base, values, communes, 3);
  assert.ok(r);
  assert.equal(r.periodLabel, 'Tháng 10/2026');
  assert.deepEqual(
    r.rows.map((x) => [x.rank, x.name, x.valueText, x.rankText, x.barPct]),
    [
      [1, 'Bắc Nha Trang', '99,1%', 'xếp thứ 1/4 xã, phường', 100],
      [1, 'Cam Hiệp', '99,1%', 'xếp thứ 1/4 xã, phường', 100],
      [3, 'Nha Trang', '95%', 'xếp thứ 3/4 xã, phường', 95.9],
    ],
  );
  assert.equal(r.ranked, 4);
  assert.equal(r.missing, 1);
  assert.equal(r.updatedText, 'Cập nhật 14:05, 06/11/2026');
});

test('lower is better: fewest first', () => {
  const crashes = { ...base, id: 'traffic_safety.crashes', unit: 'vụ', higherIsBetter: false, aggregation: 'sum' };
  const r = rankCommunes(
    crashes,
    values.map((v) => ({ ...v, indicator: crashes.id })),
    communes,
    10,
  );
  assert.ok(r);
  assert.deepEqual(
    r.rows.map((x) => [x.rank, x.name, x.valueText]),
    [
      [1, 'Cam Lâm', '90 vụ'],
      [2, 'Nha Trang', '95 vụ'],
      [3, 'Bắc Nha Trang', '99,1 vụ'],
      [3, 'Cam Hiệp', '99,1 vụ'],
    ],
  );
});

test('no commune figures yet', () => {
  assert.equal(rankCommunes(base, [val('56', '2026-10', 1)], communes, 5), null);
});

test('says which period and how many reported; a few early figures of a new month do not replace the last one', () => {
  const r = rankCommunes(base, values, communes, 3);
  assert.ok(r);
  assert.equal(r.reportedLabel, 'Tháng 10/2026 (chính thức)');
  assert.equal(r.reportedText, '4/5 xã, phường đã báo cáo');
  const early = [...values, { ...val('22366', '2026-11', 80), status: 'estimate' as const }];
  const r2 = rankCommunes(base, early, communes, 3, new Date('2026-11-20T03:00:00Z'));
  assert.equal(r2?.periodLabel, 'Tháng 10/2026', 'one commune of five is not yet November');
  const most = [
    ...early,
    { ...val('22333', '2026-11', 80), status: 'estimate' as const },
    { ...val('22435', '2026-11', 70), status: 'official' as const },
  ];
  const r3 = rankCommunes(base, most, communes, 3, new Date('2026-11-20T03:00:00Z'));
  assert.equal(r3?.reportedLabel, 'Tháng 11/2026 (ước tính)');
  assert.equal(r3?.reportedText, '3/5 xã, phường đã báo cáo');
  // A period that has not begun is never ranked, however many report it.
  const future = communes.map((c) => val(c.code, '2026-12', 1));
  assert.equal(
    rankCommunes(base, [...values, ...future], communes, 3, new Date('2026-11-20T03:00:00Z'))?.periodLabel,
    'Tháng 10/2026',
  );
});

test('ties: every commune at 0 vụ shares rank 1; then 1, 2, 2, 4 by the figure as shown', () => {
  const crashes = { ...base, id: 'traffic_safety.crashes', unit: 'vụ', higherIsBetter: false, aggregation: 'sum' };
  const v = (area: string, n: number) => ({ ...val(area, '2026-11', n), indicator: crashes.id });
  const zeros = rankCommunes(
    crashes,
    communes.map((c) => v(c.code, 0)),
    communes,
    10,
  );
  assert.deepEqual(
    zeros?.rows.map((r) => r.rank),
    [1, 1, 1, 1, 1],
  );
  const mixed = rankCommunes(crashes, [v('22333', 3), v('22366', 5), v('22435', 5), v('22453', 8), v('22736', 9)], communes, 4);
  assert.deepEqual(
    mixed?.rows.map((r) => [r.rank, r.rankText]),
    [
      [1, 'xếp thứ 1/5 xã, phường'],
      [2, 'xếp thứ 2/5 xã, phường'],
      [2, 'xếp thứ 2/5 xã, phường'],
      [4, 'xếp thứ 4/5 xã, phường'],
    ],
  );
});
