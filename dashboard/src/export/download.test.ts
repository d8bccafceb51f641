import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, fileNameOf } from '../api/client.ts';
import { exportErrorText } from './download.ts';

test('the file name the server gave, or none', () => {
  const cases: [string | null, string | null][] = [
    ['attachment; filename="ioc-tile-budget.revenue_total-2026-11.xlsx"', 'ioc-tile-budget.revenue_total-2026-11.xlsx'],
    ['attachment', null],
    [null, null],
  ];
  for (const [header, name] of cases) assert.equal(fileNameOf(header), name, String(header));
});

test('what a person reads when an export fails', () => {
  const cases: [unknown, string][] = [
    [new ApiError(403, 'forbidden', 'outside your scope'), 'Bạn không có quyền xuất số liệu này'],
    [new ApiError(404, 'not-found', 'none'), 'Chưa có số liệu để xuất'],
    [new ApiError(401, 'unauthorized', 'x'), 'Phiên đăng nhập đã hết, vui lòng đăng nhập lại'],
    [new ApiError(400, 'invalid-payload', 'x'), 'Yêu cầu xuất số liệu không hợp lệ'],
    [new ApiError(500, 'internal', 'x'), 'Máy chủ chưa xuất được tệp, vui lòng thử lại'],
    [new TypeError('Failed to fetch'), 'Mất kết nối máy chủ, vui lòng thử lại'],
  ];
  for (const [err, text] of cases) assert.equal(exportErrorText(err), text);
});
