import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupInfo, ProvinceInfo } from '../../../contract/http.ts';
import {
  asOfLabel,
  bandViewParts,
  frozenLabel,
  meetingLineParts,
  periodSelectionLabel,
  viewTitle,
  viewTitleParts,
} from './labels.ts';

const province: ProvinceInfo = {
  code: '56',
  name: 'Khánh Hòa',
  fullName: 'Tỉnh Khánh Hòa',
  centerTitle: 'Trung tâm',
  communes: [
    { code: '22333', name: 'Bắc Nha Trang', type: 'Phường' },
    { code: '22780', name: 'Cam Lâm', type: 'Xã' },
  ],
};
const groups = [
  {
    id: 'public_investment',
    name: 'Đầu tư công',
    indicators: [{ id: 'public_investment.disbursement_rate_pm', name: 'Tỷ lệ giải ngân' }],
  },
] as unknown as GroupInfo[];

test('period selections in Vietnamese terms', () => {
  const cases: [string, string][] = [
    ['2026-10', 'Tháng 10/2026'],
    ['2026-Q3', 'Quý III/2026'],
    ['2026-H1', '6 tháng đầu năm 2026'],
    ['2026', 'Năm 2026'],
    ['2026-9M', '9 tháng năm 2026'],
    ['2026-10-YTD', 'Lũy kế 10 tháng năm 2026'],
    ['2026-01-YTD', 'Lũy kế tháng 1/2026'],
  ];
  for (const [sel, want] of cases) assert.equal(periodSelectionLabel(sel), want, sel);
});

test('the band names the view, and the frozen moment in Vietnam time', () => {
  const cases: [Parameters<typeof viewTitle>[0], string][] = [
    [{ group: 'public_investment' }, 'Đầu tư công · Toàn tỉnh Khánh Hòa'],
    [
      { group: 'public_investment', indicator: 'public_investment.disbursement_rate_pm', area: '22780', period: '2026-10-YTD' },
      'Đầu tư công · Tỷ lệ giải ngân · Xã Cam Lâm · Lũy kế 10 tháng năm 2026',
    ],
    [
      { group: 'public_investment', compare: { areas: ['22333', '22780'], periods: ['2026-Q3', '2025-Q3'] } },
      'Đầu tư công · So sánh Phường Bắc Nha Trang, Xã Cam Lâm · So sánh Quý III/2026 – Quý III/2025',
    ],
  ];
  for (const [view, want] of cases) assert.equal(viewTitle(view, groups, province), want);
  assert.equal(frozenLabel('2026-12-02T02:30:00.000Z'), 'Số liệu chốt lúc 09:30, 02/12/2026');
  assert.equal(asOfLabel('2026-12-02T02:30:00Z'), 'Số liệu tính đến 09:30, 02/12/2026');
});

test('a long band line gives way group first, never the area or the period; the title before the presenter', () => {
  const parts = viewTitleParts(
    { group: 'public_investment', indicator: 'public_investment.disbursement_rate_pm', area: '22780', period: '2026-Q3' },
    groups,
    province,
  );
  assert.deepEqual(
    parts.map((p) => [p.text, p.shrink]),
    [
      ['Đầu tư công', 4],
      ['Tỷ lệ giải ngân', 2],
      ['Xã Cam Lâm', 0],
      ['Quý III/2026', 0],
    ],
  );
  assert.deepEqual(
    bandViewParts({ group: 'public_investment', indicator: 'public_investment.disbursement_rate_pm' }, groups, province).map(
      (p) => p.text,
    ),
    ['Tỷ lệ giải ngân', 'Toàn tỉnh Khánh Hòa'],
    "on the band, an indicator's view leaves out its group",
  );
  assert.equal(bandViewParts({ group: 'public_investment' }, groups, province)[0]!.text, 'Đầu tư công');
  const [title, presenter] = meetingLineParts('Giao ban', 'Chủ tịch UBND tỉnh');
  assert.equal(presenter!.text, 'Chủ trì: Chủ tịch UBND tỉnh');
  assert.ok(title!.shrink > presenter!.shrink, 'the title is cut first');
});
