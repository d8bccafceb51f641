import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from '../../../contract/roles.ts';
import {
  AUDIT_ACTIONS,
  ROLE_OPTIONS,
  actionLabel,
  actorKindLabel,
  originLabel,
  outcomeLabel,
  roleHint,
  roleLabel,
} from './labels.ts';

test('every role has a Vietnamese label and a hint; the options follow the contract’s order', () => {
  const cases: [string, string][] = [
    ['viewer', 'Người xem'],
    ['leader', 'Lãnh đạo'],
    ['agency', 'Cơ quan báo cáo'],
    ['staff', 'Chuyên viên'],
    ['admin', 'Quản trị viên'],
    ['auditor', 'auditor'], // a newer server's role reads as itself
  ];
  for (const [role, want] of cases) assert.equal(roleLabel(role), want, role);
  for (const r of ROLES) assert.ok(roleHint(r).length > 10, r);
  assert.equal(roleHint('auditor'), '');
  assert.deepEqual(
    ROLE_OPTIONS.map((o) => o.value),
    [...ROLES],
  );
});

test('origins, outcomes, actor kinds and actions', () => {
  const cases: [(s: string) => string, string, string][] = [
    [originLabel, 'config', 'Tệp cấu hình'],
    [originLabel, 'paired', 'Ghép nối'],
    [originLabel, 'other', 'other'],
    [outcomeLabel, 'ok', 'Thành công'],
    [outcomeLabel, 'refused', 'Bị từ chối'],
    [outcomeLabel, 'failed', 'Lỗi'],
    [outcomeLabel, 'new', 'new'],
    [actorKindLabel, 'user', 'Người dùng'],
    [actorKindLabel, 'device', 'Thiết bị'],
    [actorKindLabel, 'system', 'Hệ thống'],
    [actorKindLabel, 'anonymous', 'Chưa đăng nhập'],
    [actionLabel, 'user.create', 'Tạo người dùng'],
    [actionLabel, 'device.enrol', 'Ghép nối thiết bị'],
    [actionLabel, 'device.revoke', 'Thu hồi thiết bị'],
    [actionLabel, 'meeting.start', 'meeting.start'],
  ];
  for (const [f, code, want] of cases) assert.equal(f(code), want, code);
  assert.equal(new Set(AUDIT_ACTIONS.map((a) => a.value)).size, AUDIT_ACTIONS.length, 'no action twice');
});
