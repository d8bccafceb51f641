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
