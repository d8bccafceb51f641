import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompliancePayload, ComplianceRow } from '../../../contract/compliance.ts';
import { complianceLine, complianceSummary, trendSeries } from './model.ts';

const row = (over: Partial<ComplianceRow>): ComplianceRow => ({
  key: 'STC',
  name: 'Sở Tài chính',
  expected: 20,
  onTime: 20,
  late: 0,
  missing: 0,
  pending: 0,
  maxDaysLate: 0,
  trend: [],
  ...over,
});

test('a line says what is overdue, late, by how long, and the share on time', () => {
  const cases: [Partial<ComplianceRow>, string, string][] = [
    [
      { onTime: 14, late: 2, missing: 3, pending: 1, maxDaysLate: 7 },
      'missing',
      'Sở Tài chính: 3 quá hạn, 2 nộp muộn, chậm 7 ngày, 73,6% đúng hạn',
    ],
    [{ onTime: 18, late: 2, maxDaysLate: 1 }, 'late', 'Sở Tài chính: 2 nộp muộn, chậm 1 ngày, 90% đúng hạn'],
    [{}, 'ok', 'Sở Tài chính: 100% đúng hạn'],
    [{ onTime: 0, pending: 20 }, 'pending', 'Sở Tài chính: Chưa đến hạn'],
    // 2 of 3 on time is 66.66…%: never rounded up to look better.
    [{ expected: 3, onTime: 2, missing: 1, maxDaysLate: 12 }, 'missing', 'Sở Tài chính: 1 quá hạn, chậm 12 ngày, 66,6% đúng hạn'],
  ];
  for (const [over, severity, label] of cases) {
    const l = complianceLine(row(over));
    assert.equal(l.severity, severity, label);
    assert.equal(l.label, label);
  }
});

test('the summary names the period, how many rows, and the totals', () => {
  const p: CompliancePayload = {
    period: '2026-11',
    by: 'commune',
    area: null,
    asOf: '2026-12-02T03:00:00Z',
    totals: { expected: 130, onTime: 60, late: 3, missing: 2, pending: 65, maxDaysLate: 7 },
    rows: [row({ key: '22366', missing: 2 }), row({ key: '22333' })],
    trend: [
      { period: '2026-10', due: 10, onTime: 9, rate: 0.9 },
      { period: '2026-11', due: 0, onTime: 0, rate: null },
    ],
  };
  const s = complianceSummary(p);
  assert.equal(s.periodLabel, 'Tháng 11/2026');
  assert.equal(s.countText, '2 xã, phường');
  assert.equal(s.headline, '2 quá hạn · 3 nộp muộn · 92,3% đúng hạn');
  assert.equal(s.behind, 1);
  assert.deepEqual(trendSeries(p), { labels: ['T10/2026', 'T11/2026'], pct: [90, null] });
  assert.equal(complianceSummary({ ...p, totals: { ...p.totals, late: 0, missing: 0 } }).headline, 'Tất cả đúng hạn');
});
