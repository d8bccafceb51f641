import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../../../contract/alerts.ts';
import { pickTakeover, type FirstShown } from './takeover.ts';

const alert = (id: string, receivedAt: string, over: Partial<Alert> = {}): Alert =>
  ({ id, severity: 'critical', state: 'active', receivedAt, kind: 'fire_smoke', cameraId: 'cam-1', ...over }) as Alert;

test('takeover: newest active critical alert; leaves after acknowledgement or timeout; others wait their turn', () => {
  let shown: FirstShown = new Map();
  const a = alert('a', '2026-11-23T10:00:00Z');
  const b = alert('b', '2026-11-23T10:00:05Z');
  const high = { ...alert('h', '2026-11-23T10:00:09Z'), severity: 'high' } as Alert;
  const ended = { ...alert('e', '2026-11-23T10:00:10Z'), state: 'ended' } as Alert;
  const T = 120_000;
  const rows: [string, Alert[], string[], number, string | null][] = [
    ['nothing critical', [high, ended], [], 0, null],
    ['newest critical first', [a, b, high], [], 0, 'b'],
    ['still b before its timeout', [a, b], [], T - 1, 'b'],
    ['b timed out: a takes the region', [a, b], [], T, 'a'],
    ['a acknowledged: region returns', [a, b], ['a'], T + 1, null],
  ];
  for (const [name, alerts, acked, now, want] of rows) {
    const pick = pickTakeover(alerts, new Set(acked), shown, T, now);
    assert.equal(pick.alert?.id ?? null, want, name);
    shown = pick.firstShown;
  }
  const again = pickTakeover([a, b], new Set(), shown, T, T + 5);
  assert.deepEqual(again.until, 2 * T, 'a leaves one timeout after it first showed');
  assert.equal(again.firstShown, shown, 'nothing new: the same bookkeeping');
  assert.equal(pickTakeover([], new Set(), shown, T, 0).firstShown.size, 0, 'bookkeeping forgets alerts that are gone');
  assert.equal(shown.size, 2, 'and never changes what it was given');
});
