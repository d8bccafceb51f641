import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api/client.ts';
import { sessionStateOf, type SessionState } from './session.ts';
import { signInRedirect } from './useSession.ts';

const user = {
  kind: 'user',
  id: 'u1',
  username: 'lanh-dao',
  name: 'Lãnh đạo tỉnh',
  role: 'leader',
  scope: { groups: '*', areas: '*' },
  mustChangePassword: false,
} as const;
const device = {
  kind: 'device',
  id: 'd1',
  name: 'Màn hình 1',
  role: 'viewer',
  scope: { groups: [], areas: '*' },
  screen: 'tong-quan',
};

test('GET /api/session answers → the page’s session state', () => {
  const rows: [Parameters<typeof sessionStateOf>[0], SessionState['state']][] = [
    [{ ok: true, body: user }, 'user'],
    [{ ok: true, body: device }, 'device'],
    [{ ok: true, body: { kind: 'user' } }, 'error'],
    [{ ok: true, body: null }, 'error'],
    [{ ok: false, error: new ApiError(401, 'unauthorized', 'not signed in') }, 'signed-out'],
    [{ ok: false, error: new ApiError(503, 'internal', 'x') }, 'error'],
    [{ ok: false, error: new TypeError('fetch failed') }, 'error'],
  ];
  for (const [answer, want] of rows) assert.equal(sessionStateOf(answer).state, want, JSON.stringify(answer));
  assert.deepEqual(sessionStateOf({ ok: false, error: new TypeError('x') }), {
    state: 'error',
    message: 'Không liên lạc được máy chủ',
  });
});

test('a page that needs a person: who goes to the sign-in page, with next', () => {
  const rows: [SessionState, string | null][] = [
    [{ state: 'loading' }, null],
    [{ state: 'signed-out' }, '/?next=%2Ftablet'],
    [{ state: 'device', device: device as never }, '/?next=%2Ftablet'],
    [{ state: 'user', user }, null],
    [{ state: 'user', user: { ...user, mustChangePassword: true } }, '/?next=%2Ftablet'],
    [{ state: 'error', message: 'x' }, null],
  ];
  for (const [s, want] of rows) assert.equal(signInRedirect(s, '/tablet'), want, JSON.stringify(s));
});
