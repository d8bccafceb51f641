import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionInfo } from '../../../contract/identity.ts';
import type { Role } from '../../../contract/roles.ts';
import { ApiError } from '../api/client.ts';
import { SECTIONS, accessOf, sectionOfHash, type SectionId } from './access.ts';

const user = (role: Role): SessionInfo => ({
  kind: 'user',
  id: `id-${role}`,
  username: role,
  name: `Tên ${role}`,
  role,
  scope: { groups: '*', areas: '*' },
  mustChangePassword: false,
});

test('the role decides access and sections', () => {
  const cases: [Role, string | SectionId[]][] = [
    ['viewer', 'forbidden'],
    ['leader', 'forbidden'],
    ['agency', 'forbidden'],
    ['staff', ['screens', 'devices', 'rejected']],
    ['admin', ['screens', 'devices', 'users', 'audit', 'rejected']],
  ];
  for (const [role, want] of cases) {
    const a = accessOf({ session: user(role) });
    if (typeof want === 'string') assert.equal(a.kind, want, role);
    else {
      assert.equal(a.kind, 'ok', role);
      if (a.kind === 'ok') {
        assert.deepEqual(
          a.sections.map((s) => s.id),
          want,
          role,
        );
        assert.deepEqual(a.user, { id: `id-${role}`, username: role, name: `Tên ${role}`, role });
      }
    }
  }
  assert.deepEqual(accessOf({ session: user('viewer') }), { kind: 'forbidden', who: 'Tên viewer (viewer)' });
});

test('a device is no one at the desk; no session means sign-in; other failures say so', () => {
  const device: SessionInfo = {
    kind: 'device',
    id: 'd',
    name: 'Sảnh',
    role: 'viewer',
    scope: { groups: [], areas: '*' },
    screen: 's',
  };
  assert.deepEqual(accessOf({ session: device }), { kind: 'forbidden', who: 'thiết bị “Sảnh”' });
  assert.deepEqual(accessOf({ error: new ApiError(401, 'unauthorized', 'x') }), { kind: 'sign-in' });
  assert.deepEqual(accessOf({ error: new TypeError('x') }), {
    kind: 'error',
    message: 'Không liên lạc được máy chủ — đang thử lại.',
  });
  assert.deepEqual(accessOf({ error: new ApiError(500, 'internal', 'boom') }), {
    kind: 'error',
    message: 'Máy chủ trả lỗi 500: boom',
  });
});

test('the fragment opens a section the user has, else the first', () => {
  const staff = SECTIONS.filter((s) => !s.adminOnly);
  const cases: [string, readonly (typeof SECTIONS)[number][], SectionId][] = [
    ['', SECTIONS, 'screens'],
    ['#thiet-bi', staff, 'devices'],
    ['nhat-ky', SECTIONS, 'audit'],
    ['#nhat-ky', staff, 'screens'],
    ['#nonsense', SECTIONS, 'screens'],
  ];
  for (const [hash, sections, want] of cases) assert.equal(sectionOfHash(hash, sections), want, hash);
});
