import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areaName, subtitle } from './titles.ts';

const province = {
  code: '56',
  communes: [
    { code: '22333', name: 'Phường Nha Trang', type: 'phường' },
    { code: '22366', name: 'Xã Nam Cam Ranh', type: 'xã' },
  ],
};

test('the commune a panel area names', () => {
  const cases: { area: string | undefined; want: string | null }[] = [
    { area: undefined, want: null },
    { area: '56', want: null },
    { area: '22366', want: 'Xã Nam Cam Ranh' },
    // The loader refuses unknown codes; should one get through, the code is shown rather than nothing.
    { area: '99999', want: '99999' },
  ];
  for (const c of cases) assert.equal(areaName(c.area, province), c.want, String(c.area));
});

test('a panel subtitle', () => {
  const cases: { parts: (string | null | undefined)[]; want: string }[] = [
    { parts: [null, 'Tháng 10/2026 (ước tính)'], want: 'Tháng 10/2026 (ước tính)' },
    { parts: ['Phường Nha Trang', 'Tháng 10/2026'], want: 'Phường Nha Trang · Tháng 10/2026' },
    { parts: ['Phường Nha Trang', 'Tháng 10/2026', 'Chính thức'], want: 'Phường Nha Trang · Tháng 10/2026 · Chính thức' },
    { parts: [undefined, '', 'Theo kỳ báo cáo'], want: 'Theo kỳ báo cáo' },
    { parts: [], want: '' },
  ];
  for (const c of cases) assert.equal(subtitle(...c.parts), c.want, JSON.stringify(c.parts));
});
