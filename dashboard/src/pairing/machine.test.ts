import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PairingStart } from '../../../contract/identity.ts';
import { countdownText, initialAccess, step, type AccessAction, type AccessEvent, type WallAccess } from './machine.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const pairing = (code: string, expiresInMs = 600_000): PairingStart => ({
  pairingId: `p-${code}`,
  code,
  claimSecret: `secret-${code}`,
  expiresAt: new Date(T0 + expiresInMs).toISOString(),
});
const device = {
  id: 'd1',
  name: 'Màn hình sảnh',
  screen: 'an-ninh-trat-tu',
  origin: 'paired',
  createdAt: '',
  createdBy: 'u1',
  revokedAt: null,
  lastSeenAt: null,
} as const;

const fmtState = (s: WallAccess) =>
  s.phase === 'pairing'
    ? `pairing ${s.pairing.code}${s.problem ? ' !' : ''}`
    : s.phase === 'wall'
      ? `wall${s.rechecking ? ' (rechecking)' : ''}`
      : s.phase === 'checking' || s.phase === 'pairing-start'
        ? `${s.phase}${s.failures ? ` ×${s.failures}` : ''}`
        : s.phase;
const fmtAction = (a: AccessAction) => (a.do === 'reload' ? 'reload' : `${a.do} in ${a.inMs}`);
const fmtEvent = (e: AccessEvent) =>
  e.type === 'session'
    ? `session ${e.outcome}`
    : e.type === 'claim'
      ? `claim ${e.claim.status}`
      : e.type === 'pairing-started'
        ? `started ${e.pairing.code}`
        : e.type;

/** Runs [ms after T0, event] rows from the initial state; one line per row. */
function run(rows: [number, AccessEvent][]): string[] {
  let { state } = initialAccess();
  return rows.map(([at, e]) => {
    const r = step(state, e, T0 + at);
    state = r.state;
    return `${fmtEvent(e)} → ${fmtState(r.state)}${r.actions.length ? ': ' + r.actions.map(fmtAction).join(', ') : ''}`;
  });
}

test('it starts by asking who it is', () => {
  const { state, actions } = initialAccess();
  assert.equal(state.phase, 'checking');
  assert.deepEqual(actions, [{ do: 'check-session', inMs: 0 }]);
});

test('a screen with a credential shows the wall; a server that cannot answer is asked again with backoff', () => {
  assert.deepEqual(
    run([
      [0, { type: 'session', outcome: 'error' }],
      [2000, { type: 'session', outcome: 'error' }],
      [6000, { type: 'session', outcome: 'ok' }],
    ]),
    [
      'session error → checking ×1: check-session in 2000',
      'session error → checking ×2: check-session in 4000',
      'session ok → wall',
    ],
  );
});

test('no credential: a code, asked about every 2 s, then paired → reload into the wall', () => {
  assert.deepEqual(
    run([
      [0, { type: 'session', outcome: 'none' }],
      [100, { type: 'pairing-started', pairing: pairing('ABC234') }],
      [2100, { type: 'claim', claim: { status: 'waiting' } }],
      [4100, { type: 'claim', claim: { status: 'waiting' } }],
      [6100, { type: 'claim', claim: { status: 'paired', device } }],
      [6200, { type: 'claim', claim: { status: 'waiting' } }],
    ]),
    [
      'session none → pairing-start: start-pairing in 0',
      'started ABC234 → pairing ABC234: claim in 2000',
      'claim waiting → pairing ABC234: claim in 2000',
      'claim waiting → pairing ABC234: claim in 2000',
      'claim paired → paired: reload',
      'claim waiting → paired',
    ],
  );
});

test('an expired code is replaced by a new one, whether the server or the clock says so', () => {
  assert.deepEqual(
    run([
      [0, { type: 'session', outcome: 'none' }],
      [100, { type: 'pairing-started', pairing: pairing('ABC234', 5000) }],
      [2100, { type: 'claim', claim: { status: 'expired' } }],
      [2200, { type: 'pairing-started', pairing: pairing('XYZ789', 5000) }],
      [6000, { type: 'claim', claim: { status: 'waiting' } }],
      [6100, { type: 'pairing-started', pairing: pairing('KMN456') }],
    ]),
    [
      'session none → pairing-start: start-pairing in 0',
      'started ABC234 → pairing ABC234: claim in 2000',
      'claim expired → pairing-start: start-pairing in 0',
      'started XYZ789 → pairing XYZ789: claim in 2000',
      'claim waiting → pairing-start: start-pairing in 0',
      'started KMN456 → pairing KMN456: claim in 2000',
    ],
  );
});

test('the server away while pairing: the code stays with a warning, retries back off; a refused claim starts over', () => {
  assert.deepEqual(
    run([
      [0, { type: 'session', outcome: 'none' }],
      [10, { type: 'pairing-failed', problem: 'Không liên lạc được máy chủ' }],
      [2010, { type: 'pairing-failed', problem: 'Không liên lạc được máy chủ' }],
      [6010, { type: 'pairing-started', pairing: pairing('ABC234') }],
      [8010, { type: 'claim-failed', problem: 'Không liên lạc được máy chủ' }],
      [10010, { type: 'claim-failed', problem: 'Không liên lạc được máy chủ' }],
      [14010, { type: 'claim', claim: { status: 'waiting' } }],
      [16010, { type: 'claim-failed', problem: 'Máy chủ trả lỗi 400', refused: true }],
    ]),
    [
      'session none → pairing-start: start-pairing in 0',
      'pairing-failed → pairing-start ×1: start-pairing in 2000',
      'pairing-failed → pairing-start ×2: start-pairing in 4000',
      'started ABC234 → pairing ABC234: claim in 2000',
      'claim-failed → pairing ABC234 !: claim in 2000',
      'claim-failed → pairing ABC234 !: claim in 4000',
      'claim waiting → pairing ABC234: claim in 2000',
      'claim-failed → pairing-start: start-pairing in 0',
    ],
  );
  // Past the expiry with no server: a new code is asked for (it will be retried until the server answers).
  let s = step(initialAccess().state, { type: 'session', outcome: 'none' }, T0).state;
  s = step(s, { type: 'pairing-started', pairing: pairing('ABC234', 3000) }, T0).state;
  assert.deepEqual(step(s, { type: 'claim-failed', problem: 'x' }, T0 + 3000).actions, [{ do: 'start-pairing', inMs: 2000 }]);
});

test('a revoked screen returns to pairing by itself; a doubt the server clears keeps the wall', () => {
  assert.deepEqual(
    run([
      [0, { type: 'session', outcome: 'ok' }],
      [1000, { type: 'doubt' }],
      [1001, { type: 'doubt' }],
      [1100, { type: 'session', outcome: 'error' }],
      [5000, { type: 'doubt' }],
      [5100, { type: 'session', outcome: 'ok' }],
      [9000, { type: 'session', outcome: 'none' }],
      [9000, { type: 'doubt' }],
      [9100, { type: 'doubt' }],
      [9200, { type: 'session', outcome: 'none' }],
      [9300, { type: 'pairing-started', pairing: pairing('ABC234') }],
    ]),
    [
      'session ok → wall',
      'doubt → wall (rechecking): check-session in 0',
      'doubt → wall (rechecking)',
      'session error → wall',
      'doubt → wall (rechecking): check-session in 0',
      'session ok → wall',
      'session none → wall',
      'doubt → wall (rechecking): check-session in 0',
      'doubt → wall (rechecking)',
      'session none → pairing-start: start-pairing in 0',
      'started ABC234 → pairing ABC234: claim in 2000',
    ],
  );
});

test('events that do not belong to a phase change nothing', () => {
  const rows: [WallAccess, AccessEvent][] = [
    [{ phase: 'checking', failures: 0, problem: null }, { type: 'doubt' }],
    [
      { phase: 'checking', failures: 0, problem: null },
      { type: 'claim', claim: { status: 'waiting' } },
    ],
    [{ phase: 'pairing-start', failures: 0, problem: null }, { type: 'doubt' }],
    [
      { phase: 'pairing-start', failures: 0, problem: null },
      { type: 'session', outcome: 'ok' },
    ],
    [{ phase: 'paired' }, { type: 'session', outcome: 'none' }],
    [
      { phase: 'wall', rechecking: false },
      { type: 'claim', claim: { status: 'paired', device } },
    ],
  ];
  for (const [s, e] of rows) assert.deepEqual(step(s, e, T0), { state: s, actions: [] }, `${s.phase} ${e.type}`);
});

test('countdown text', () => {
  const rows: [number, string][] = [
    [600_000, '10:00'],
    [545_500, '9:06'],
    [59_001, '1:00'],
    [1, '0:01'],
    [0, '0:00'],
    [-5000, '0:00'],
  ];
  for (const [left, want] of rows) assert.equal(countdownText(T0 + left, T0), want, String(left));
});
