import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trustMarks } from './trust.ts';

test('a revised figure names the earlier one, its status and day (Vietnam time)', () => {
  const m = trustMarks(
    { flags: ['revised'], previous: { value: 4120.5, status: 'estimate', updatedAt: '2026-11-20T03:00:00.000000Z' } },
    'tỷ đồng',
  );
  assert.deepEqual(m.revised, { label: 'Đã điều chỉnh', detail: 'trước: 4.120,5 tỷ đồng (ước tính, 20/11)' });
  assert.equal(m.implausible, null);
});

test('late evening UTC is the next day in Vietnam', () => {
  const m = trustMarks(
    { flags: ['revised'], previous: { value: 98.5, status: 'official', updatedAt: '2026-11-20T18:30:00Z' } },
    '%',
  );
  assert.equal(m.revised?.detail, 'trước: 98,5% (chính thức, 21/11)');
});

test('an implausible figure says what rule it broke', () => {
  const m = trustMarks({ flags: ['implausible'], checks: [{ rule: 'range', message: '130%: ngoài khoảng hợp lý 0–100%' }] }, '%');
  assert.deepEqual(m.implausible, { label: 'Cần kiểm tra', detail: '130%: ngoài khoảng hợp lý 0–100%' });
});

test('no flags, no marks', () => {
  assert.deepEqual(trustMarks({}, '%'), { revised: null, implausible: null });
  assert.deepEqual(trustMarks(undefined, '%'), { revised: null, implausible: null });
});

test('on a cumulative tile the earlier figure is the total as it was, and a broken rule names the month', () => {
  // The tile shows 25.666,8 for 11 months; November's own estimate went from 2.335 to 2.412,3.
  const shown = { figure: 25_666.8, inPeriodName: 'Riêng tháng 11' };
  const m = trustMarks(
    {
      value: 2412.3,
      flags: ['revised', 'implausible'],
      previous: { value: 2335, status: 'estimate', updatedAt: '2026-11-19T03:00:00Z' },
      checks: [{ rule: 'yoy-change', message: 'Gấp 29,2 lần cùng kỳ năm trước (17,2 tỷ đồng)' }],
    },
    'tỷ đồng',
    shown,
  );
  assert.equal(m.revised?.detail, 'trước: 25.589,5 tỷ đồng (ước tính, 19/11)');
  assert.equal(m.implausible?.detail, 'Riêng tháng 11: Gấp 29,2 lần cùng kỳ năm trước (17,2 tỷ đồng)');
  // A figure that had no value before has no earlier total either.
  const none = trustMarks(
    { value: 10, flags: ['revised'], previous: { value: null, status: 'estimate', updatedAt: '2026-11-19T03:00:00Z' } },
    'tỷ đồng',
    shown,
  );
  assert.equal(none.revised?.detail, 'trước: chưa có số (ước tính, 19/11)');
});
