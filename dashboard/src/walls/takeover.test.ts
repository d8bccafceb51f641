import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../../../contract/alerts.ts';
import {
  pickTakeover,
  takeoverBackLabel,
  takeoverMinSize,
  takeoverRect,
  type FirstShown,
  type TakeoverOver,
} from './takeover.ts';

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

test('takeover over a meeting: below the band, at least legible at the minimum type, inside the canvas', () => {
  const canvas = { width: 1920, height: 1080 };
  const meeting = { kind: 'meeting', band: 160 } as const;
  const min = takeoverMinSize(56);
  assert.deepEqual(min, { width: 896, height: Math.ceil(56 * (1.2 + 1.61 + 1.2 + 2.4) + 8 + 48 + 72) });
  const r = (left: number, top: number, width: number, height: number) => ({ left, top, width, height });
  const rows: [string, ReturnType<typeof r>, TakeoverOver, number, ReturnType<typeof r>][] = [
    ['over its page: the region as configured', r(1440, 437, 460, 635), { kind: 'page' }, 56, r(1440, 437, 460, 635)],
    ['a large region below the band: unchanged', r(20, 400, 1200, 600), meeting, 56, r(20, 400, 1200, 600)],
    ['the demo region: widened to the left, right edge kept', r(1440, 420, 460, 635), meeting, 56, r(1004, 420, 896, 635)],
    ['a region under the band: starts below it, bottom kept', r(20, 112, 1000, 700), meeting, 56, r(20, 168, 1000, 644)],
    [
      'a small region: grown up to legible, not above the band',
      r(1000, 200, 400, 100),
      meeting,
      56,
      r(504, 168, 896, min.height),
    ],
    ['a short region low down: grown upwards', r(100, 900, 1000, 160), meeting, 56, r(100, 1060 - min.height, 1000, min.height)],
    ['a region past the edge: kept inside the margins', r(1800, 600, 300, 600), meeting, 56, r(1004, 460, 896, 600)],
    ['huge type on a small canvas: all the room below the band', r(0, 0, 100, 100), meeting, 200, r(20, 168, 1880, 892)],
  ];
  for (const [name, region, over, minType, want] of rows) {
    const got = takeoverRect(region, canvas, over, minType);
    assert.deepEqual(got, want, name);
    if (over.kind === 'meeting') {
      assert.ok(got.top >= over.band + 8, `${name}: never over the band`);
      assert.ok(got.left >= 20 && got.left + got.width <= 1900 && got.top + got.height <= 1060, `${name}: inside the canvas`);
    }
  }
});

test('takeover: the way back names where the wall returns to', () => {
  assert.equal(takeoverBackLabel(105, { kind: 'page' }), 'Trở lại bảng số liệu sau 1:45 hoặc khi trực ban xác nhận');
  assert.equal(
    takeoverBackLabel(59.6, { kind: 'meeting', band: 160 }),
    'Trở lại nội dung cuộc họp sau 1:00 hoặc khi trực ban xác nhận',
  );
  assert.equal(takeoverBackLabel(-3, { kind: 'page' }), 'Trở lại bảng số liệu sau 0:00 hoặc khi trực ban xác nhận');
});
