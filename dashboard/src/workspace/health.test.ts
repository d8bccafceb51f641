import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agencyHealth, agencyState, overdueTextVi, periodTextVi } from './health.ts';

test('periodTextVi: period codes as the wall writes them (table)', () => {
  const cases: [string | null, string][] = [
    ['2026-11', 'Tháng 11/2026'],
    ['2026-Q3', 'Quý III/2026'],
    ['2026-H1', '6 tháng đầu năm 2026'],
    ['2025', 'Năm 2025'],
    [null, '—'],
    ['not-a-period', 'not-a-period'],
  ];
  for (const [code, want] of cases) assert.equal(periodTextVi(code), want, String(code));
});

test('agencyState: late when some due figure is missing, silent when none came, else ok (table)', () => {
  const cases: [{ onTime: number; late: number; missing: number }, string][] = [
    [{ onTime: 10, late: 0, missing: 0 }, 'ok'],
    [{ onTime: 8, late: 2, missing: 0 }, 'ok'], // came late: history, nothing to chase now
    [{ onTime: 0, late: 0, missing: 0 }, 'ok'], // nothing due yet
    [{ onTime: 9, late: 0, missing: 1 }, 'late'],
    [{ onTime: 0, late: 1, missing: 4 }, 'late'],
    [{ onTime: 0, late: 0, missing: 5 }, 'silent'],
  ];
  for (const [row, want] of cases) assert.equal(agencyState(row), want, JSON.stringify(row));
});

test('agencyHealth: worst first — silent, then late by most missing and longest delay, then the rest by name', () => {
  const row = (key: string, name: string, onTime: number, late: number, missing: number, maxDaysLate: number) => ({
    key,
    name,
    expected: onTime + late + missing,
    onTime,
    late,
    missing,
    pending: 0,
    maxDaysLate,
    trend: [],
  });
  const out = agencyHealth({
    rows: [
      row('STC', 'Sở Tài chính', 10, 0, 0, 0),
      row('CAT', 'Công an tỉnh', 5, 0, 2, 4),
      row('VPUBND', 'Văn phòng UBND tỉnh', 5, 1, 2, 13),
      row('SYT', 'Sở Y tế', 0, 0, 3, 9),
      row('BHXH', 'Bảo hiểm xã hội tỉnh', 10, 3, 0, 6),
    ],
  });
  assert.deepEqual(
    out.map((a) => [a.key, a.state, a.due]),
    [
      ['SYT', 'silent', 3],
      ['VPUBND', 'late', 8],
      ['CAT', 'late', 7],
      ['BHXH', 'ok', 13],
      ['STC', 'ok', 10],
    ],
  );
});

test('overdueTextVi names how many figures are overdue and the longest delay', () => {
  assert.equal(overdueTextVi({ missing: 0, maxDaysLate: 6 }), 'không');
  assert.equal(overdueTextVi({ missing: 3, maxDaysLate: 13 }), '3 số liệu quá hạn (chậm nhất 13 ngày)');
  assert.equal(overdueTextVi({ missing: 1200, maxDaysLate: 0 }), '1.200 số liệu quá hạn');
});
