import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from '../../../../contract/period.ts';
import { hasStarted, leastFinal, reportedCountText, reportedLabel } from './reported.ts';

test('labels say which period and which status', () => {
  const cases: [string, 'estimate' | 'preliminary' | 'official', string][] = [
    ['Tháng 11/2026', 'estimate', 'Tháng 11/2026 (ước tính)'],
    ['Quý III/2026', 'preliminary', 'Quý III/2026 (sơ bộ)'],
    ['11 tháng năm 2026 (lũy kế)', 'estimate', '11 tháng năm 2026 (lũy kế, ước tính)'],
    ['Năm 2025', 'official', 'Năm 2025 (chính thức)'],
  ];
  for (const [label, status, expected] of cases) assert.equal(reportedLabel(label, status), expected);
  assert.equal(reportedCountText(48, 65), '48/65 xã, phường đã báo cáo');
  assert.equal(leastFinal(['official', 'estimate', 'preliminary']), 'estimate');
  assert.equal(leastFinal(['official', 'preliminary']), 'preliminary');
  assert.equal(leastFinal([]), null);
});

test('a period that has not started is not reported', () => {
  const now = new Date('2026-12-02T03:00:00Z');
  assert.equal(hasStarted(parsePeriod('2026-12')!, now), true);
  assert.equal(hasStarted(parsePeriod('2027')!, now), false);
  assert.equal(hasStarted(parsePeriod('2027-01')!, now), false);
});
