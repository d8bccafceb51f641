import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api/client.ts';
import {
  enrolRequest,
  enrolServerErrors,
  normalizeCode,
  screenChoices,
  type EnrolDraft,
  type EnrolErrors,
} from './enrol-form.ts';

const home = {
  pages: [
    { id: 'tong-quan', title: 'Tổng quan' },
    { id: 'an-ninh', title: 'An ninh trật tự' },
  ],
  displays: [
    { id: 'man-hinh-1', name: 'Màn hình 1 (trái)', wall: 'Tường phòng điều hành' },
    { id: 'man-hinh-2', name: 'Màn hình 2 (phải)', wall: 'Tường phòng điều hành' },
    { id: 'sanh-1', name: 'Sảnh', wall: 'Tường sảnh' },
  ],
};

test('screen choices: one group per wall, then the single pages; names for the list', () => {
  const c = screenChoices(home);
  assert.deepEqual(
    c.groups.map((g) => [g.label, g.options.map((o) => o.value)]),
    [
      ['Tường phòng điều hành', ['man-hinh-1', 'man-hinh-2']],
      ['Tường sảnh', ['sanh-1']],
      ['Trang đơn (một trang cố định)', ['tong-quan', 'an-ninh']],
    ],
  );
  assert.equal(c.names.get('man-hinh-2'), 'Màn hình 2 (phải) · Tường phòng điều hành');
  assert.equal(c.names.get('tong-quan'), 'Trang: Tổng quan');
  assert.deepEqual(screenChoices({ pages: [], displays: [] }).groups, []);
});

test('the code is accepted however it is typed', () => {
  const cases: [string, string][] = [
    ['abc234', 'ABC234'],
    [' abc 234 ', 'ABC234'],
    ['ABC-234', 'ABC234'],
    ['a b-c\t2 3 4', 'ABC234'],
  ];
  for (const [raw, want] of cases) {
    assert.equal(normalizeCode(raw), want);
    assert.deepEqual(enrolRequest({ code: raw, screen: 'man-hinh-1', name: 'Sảnh' }, null), {
      ok: true,
      body: { code: want, screen: 'man-hinh-1', name: 'Sảnh' },
    });
  }
});

test('an incomplete or wrong form says so at each field', () => {
  const known = new Set(['man-hinh-1', 'tong-quan']);
  const d = (over: Partial<EnrolDraft>): EnrolDraft => ({ code: 'ABC234', screen: 'man-hinh-1', name: 'Sảnh', ...over });
  const cases: [string, EnrolDraft, EnrolErrors][] = [
    [
      'empty',
      { code: ' - ', screen: '', name: '  ' },
      {
        code: 'Nhập mã 6 ký tự đang hiện trên màn hình cần ghép nối.',
        screen: 'Chọn màn hình hoặc trang mà thiết bị sẽ hiển thị.',
        name: 'Đặt tên cho thiết bị (ví dụ “Màn hình sảnh tầng 1”).',
      },
    ],
    ['too short', d({ code: 'ABC23' }), { code: 'Mã ghép nối gồm 6 ký tự. Mã gồm chữ in hoa và số, không có 0, O, 1, I, L.' }],
    [
      'a letter the alphabet leaves out',
      d({ code: 'ABC10O' }),
      { code: 'Mã ghép nối không hợp lệ. Mã gồm chữ in hoa và số, không có 0, O, 1, I, L.' },
    ],
    ['a screen no longer listed', d({ screen: 'gone' }), { screen: 'Màn hình này không còn trong danh sách. Chọn lại.' }],
    ['a very long name', d({ name: 'x'.repeat(201) }), { name: 'Tên thiết bị không quá 200 ký tự.' }],
  ];
  for (const [name, draft, errors] of cases) assert.deepEqual(enrolRequest(draft, known), { ok: false, errors }, name);
});

test('refusals land at their fields', () => {
  const e = (status: number, code: string, message: string) => new ApiError(status, code as never, message);
  const cases: [string, unknown, EnrolErrors][] = [
    [
      'unknown or expired code (code lost by the client)',
      e(404, 'not-found', 'no screen is waiting with this code (it may have expired)'),
      { code: 'Không có màn hình nào đang chờ với mã này — mã sai hoặc đã hết hạn. Xem lại mã trên màn hình.' },
    ],
    [
      'unknown code named',
      e(404, 'unknown-code', 'x'),
      { code: 'Không có màn hình nào đang chờ với mã này — mã sai hoặc đã hết hạn. Xem lại mã trên màn hình.' },
    ],
    [
      'unknown screen',
      e(400, 'unknown-screen', 'unknown screen: x'),
      { screen: 'Máy chủ không biết màn hình này. Tải lại trang rồi chọn lại.' },
    ],
    ['zod issue at its field', e(400, 'invalid-payload', 'name: Cần có tên hiển thị.'), { name: 'Cần có tên hiển thị.' }],
    ['staff only', e(403, 'forbidden', 'staff only'), { form: 'Tài khoản của bạn không có quyền làm việc này.' }],
    ['network', new TypeError('Failed to fetch'), { form: 'Không liên lạc được máy chủ. Vui lòng thử lại.' }],
  ];
  for (const [name, err, want] of cases) assert.deepEqual(enrolServerErrors(err), want, name);
});
