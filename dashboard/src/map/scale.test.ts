import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEUTRAL_RAMP, NO_DATA, POLARITY_RAMP, buildLegend, colorScale, cssColor } from './scale.ts';

const good = POLARITY_RAMP[4]!;
const bad = POLARITY_RAMP[0]!;
const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

test('colour scale follows polarity, never the sign; neutral indicators get no hue', () => {
  const cases: { name: string; p: { higherIsBetter: boolean; neutral: boolean }; low: unknown; high: unknown }[] = [
    { name: 'higher is better: high blue, low orange', p: { higherIsBetter: true, neutral: false }, low: bad, high: good },
    { name: 'lower is better: high orange, low blue', p: { higherIsBetter: false, neutral: false }, low: good, high: bad },
    {
      name: 'neutral: grey ramp, dark to light',
      p: { higherIsBetter: true, neutral: true },
      low: NEUTRAL_RAMP[0],
      high: NEUTRAL_RAMP[4],
    },
  ];
  for (const c of cases) {
    const s = colorScale(values, c.p);
    assert.deepEqual(s.colorOf(10), c.low, c.name);
    assert.deepEqual(s.colorOf(100), c.high, c.name);
    assert.equal(s.colors.length, 5, c.name);
    if (c.p.neutral)
      for (const col of s.colors)
        assert.ok(Math.max(col[0], col[1], col[2]) - Math.min(col[0], col[1], col[2]) < 25, 'grey, no hue');
  }
});

test('quantile classes: equal counts, equal values collapse, missing values are "no data"', () => {
  const s = colorScale(values, { higherIsBetter: true, neutral: false });
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(s.colorOf(v)), (counts.get(String(s.colorOf(v))) ?? 0) + 1);
  assert.deepEqual([...counts.values()], [2, 2, 2, 2, 2]);
  const flat = colorScale([5, 5, 5], { higherIsBetter: true, neutral: false });
  assert.equal(flat.colors.length, 1);
  assert.deepEqual(flat.colorOf(5), POLARITY_RAMP[2]);
  const two = colorScale([1, 1, 1, 9], { higherIsBetter: true, neutral: false });
  assert.equal(two.colors.length, 2);
  assert.deepEqual(two.colorOf(9), good);
  assert.deepEqual(two.colorOf(1), bad);
  for (const v of [null, undefined, NaN]) assert.deepEqual(s.colorOf(v), NO_DATA);
  assert.deepEqual(colorScale([], { higherIsBetter: true, neutral: false }).colorOf(3), NO_DATA);
});

test('legend: vi-VN ranges, unit, period label, best first, no-data count and how to read it', () => {
  const info = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', higherIsBetter: true, neutral: false };
  const l = buildLegend(colorScale([60.5, 70.25, 80, 90.75, 99.5], info), info, '2026-10', 3);
  assert.equal(l.periodText, 'Tháng 10/2026');
  assert.equal(l.unitText, 'Đơn vị: %');
  assert.equal(l.items.length, 5);
  assert.deepEqual(l.items[0]!.color, good, 'best class first');
  assert.match(l.items[0]!.label, /^\d+,\d+ – 99,5$/);
  assert.match(l.items[4]!.label, /^60,5 – /);
  assert.deepEqual(l.noData, { color: NO_DATA, label: 'Chưa có số liệu', count: 3 });
  assert.match(l.reading, /Xanh: cao hơn là tốt/);

  const crashes = { name: 'Số vụ tai nạn', unit: 'vụ', higherIsBetter: false, neutral: false };
  const lc = buildLegend(colorScale([1, 2, 3, 1200, 3400], crashes), crashes, '2026-Q3', 0);
  assert.equal(lc.periodText, 'Quý III/2026');
  assert.deepEqual(lc.items[0]!.color, good, 'lowest (best) first');
  assert.match(lc.items.at(-1)!.label, /3\.400$/, 'thousands separator');
  assert.equal(lc.noData, null);
  assert.match(lc.reading, /thấp hơn là tốt/);

  const neutral = { name: 'Hồ sơ tiếp nhận', unit: 'hồ sơ', higherIsBetter: true, neutral: true };
  assert.match(buildLegend(colorScale([1, 2], neutral), neutral, '2026', 0).reading, /trung tính/);
  assert.equal(buildLegend(colorScale([], neutral), neutral, null, 65).periodText, 'Chưa có kỳ báo cáo');
  assert.equal(cssColor([255, 0, 10, 255]), 'rgba(255, 0, 10, 1.00)');
});
