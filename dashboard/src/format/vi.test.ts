import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNumber,
  formatValue,
  formatPercent,
  formatSignedPercent,
  formatSignedPoints,
  formatAxisNumber,
  formatClockVi,
  formatUpdatedVi,
  formatStaleVi,
  formatConnectionVi,
  parseInstant,
  statusLabelVi,
} from './vi.ts';
import { parsePeriod, periodLabelVi, ytdLabelVi, type Period } from '../../../contract/period.ts';

test('numbers in vi-VN', () => {
  const cases: [number, string][] = [
    [20443.2, '20.443,2'],
    [4512345, '4.512.345'],
    [5782532.3, '5.782.532'],
    [99999.94, '99.999,9'],
    [1234, '1.234'],
    [0, '0'],
    [-2.1, '\u22122,1'],
    [-0.001, '0'],
    [-0.01, '\u22120,01'],
    [2.345, '2,35'],
    [98.46, '98,5'],
  ];
  for (const [v, want] of cases) assert.equal(formatNumber(v), want, String(v));
});

test('values with units', () => {
  const cases: [number, string, string][] = [
    [20443.2, 'tỷ đồng', '20.443,2 tỷ đồng'],
    [98.46, '%', '98,5%'],
    [12, 'vụ', '12 vụ'],
    [4512345, 'lượt khách', '4.512.345 lượt khách'],
  ];
  for (const [v, u, want] of cases) assert.equal(formatValue(v, u), want);
});

test('percentages, signed changes and points', () => {
  assert.equal(formatPercent(122.5), '122,5%');
  const cases: [number, string, string][] = [
    [13.6, '+13,6%', '+13,6 điểm %'],
    [-2.1, '\u22122,1%', '\u22122,1 điểm %'],
    [0, '0%', '0 điểm %'],
    [1.2, '+1,2%', '+1,2 điểm %'],
    [-0.04, '0%', '0 điểm %'],
  ];
  for (const [v, pct, pts] of cases) {
    assert.equal(formatSignedPercent(v), pct);
    assert.equal(formatSignedPoints(v), pts);
  }
});

test('axis ticks', () => {
  const cases: [number, string][] = [
    [4_500_000, '4,5 triệu'],
    [12_500, '12,5 nghìn'],
    [2_600, '2.600'],
    [0, '0'],
  ];
  for (const [v, want] of cases) assert.equal(formatAxisNumber(v), want);
});

test('times in Vietnam time, whatever the zone of the machine', () => {
  const cases: [string, string][] = [
    ['2026-11-22T07:05:00Z', 'Chủ nhật, 22/11/2026 · 14:05'],
    ['2026-11-22T17:30:00Z', 'Thứ hai, 23/11/2026 · 00:30'],
    ['2026-11-27T02:00:00+07:00', 'Thứ sáu, 27/11/2026 · 02:00'],
    ['2026-12-31T16:59:00Z', 'Thứ năm, 31/12/2026 · 23:59'],
    ['2026-12-31T17:00:00Z', 'Thứ sáu, 01/01/2027 · 00:00'],
    ['not a time', '—'],
  ];
  for (const [iso, want] of cases) assert.equal(formatClockVi(new Date(iso)), want);
});

test('updated-at from ISO times with microseconds or database spacing', () => {
  const cases: [string, string][] = [
    ['2026-11-22T07:05:00.123456Z', 'Cập nhật 14:05, 22/11/2026'],
    ['2026-11-22T14:05:59.999999+07:00', 'Cập nhật 14:05, 22/11/2026'],
    ['2026-11-22 07:05:00.5+00', 'Cập nhật 14:05, 22/11/2026'],
    ['2026-11-22T07:05:00+0000', 'Cập nhật 14:05, 22/11/2026'],
    ['not a time', 'Cập nhật —'],
  ];
  for (const [iso, want] of cases) assert.equal(formatUpdatedVi(iso), want, iso);
  assert.equal(parseInstant('2026-11-22T07:05:00.123456Z')?.toISOString(), '2026-11-22T07:05:00.123Z');
});

test('stale text', () => {
  const p = parsePeriod('2026-09') as Period;
  assert.equal(formatStaleVi({ stale: false, overdueDays: 0, expected: p }), null);
  assert.equal(formatStaleVi({ stale: true, overdueDays: 3, expected: p }), 'Chưa cập nhật — quá hạn 3 ngày');
  assert.equal(formatStaleVi({ stale: true, overdueDays: 0, expected: p }), 'Chưa cập nhật — đã đến hạn');
});

test('status words and period labels', () => {
  assert.deepEqual((['estimate', 'preliminary', 'official'] as const).map(statusLabelVi), ['Ước tính', 'Sơ bộ', 'Chính thức']);
  const cases: [string, string, string][] = [
    ['2026-10', 'Tháng 10/2026', '10 tháng năm 2026 (lũy kế)'],
    ['2026-Q3', 'Quý III/2026', '9 tháng năm 2026 (lũy kế)'],
    ['2026-H1', '6 tháng đầu năm 2026', '6 tháng năm 2026 (lũy kế)'],
    ['2026', 'Năm 2026', 'Năm 2026'],
  ];
  for (const [code, label, ytd] of cases) {
    const p = parsePeriod(code) as Period;
    assert.equal(periodLabelVi(p), label);
    assert.equal(ytdLabelVi(p), ytd);
  }
});

test('connection state', () => {
  assert.equal(formatConnectionVi('online', null), 'Trực tuyến');
  assert.equal(
    formatConnectionVi('offline', new Date('2026-11-22T07:05:00Z')),
    'Mất kết nối máy chủ — đang hiển thị số liệu lúc 14:05',
  );
});
