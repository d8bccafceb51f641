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
