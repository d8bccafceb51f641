import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, initialState, step, type WatchdogAction, type WatchdogEvent, type WatchdogState } from './watchdog.ts';

const MB = 2 ** 20;
const cfg = { ...DEFAULT_SETTINGS, stallMs: 30_000, memoryLimitBytes: 500 * MB, memoryWaitMs: 600_000 };

/** Runs [at ms, event] rows; returns each row's actions as short strings, and the last state. */
function run(rows: [number, WatchdogEvent][]): { out: string[]; state: WatchdogState } {
  let st = initialState(0);
  const out: string[] = [];
  for (const [at, e] of rows) {
    const r = step(st, e, at, cfg);
    st = r.state;
    out.push(
      `${at} ${e.type}${e.type === 'server' ? (e.reachable ? '+' : '-') : ''} → ${r.state.phase}${r.actions.length ? ': ' + r.actions.map(fmt).join(', ') : ''}`,
    );
  }
  return { out, state: st };
}
const fmt = (a: WatchdogAction) =>
  a.do === 'probe'
    ? `probe in ${a.inMs}`
    : a.do === 'show-connecting'
      ? `connecting page, retry in ${a.retryInMs}`
      : `${a.do} (${a.reason})`;

test('boot while the server is down: the local connecting page, probes with backoff, then the wall', () => {
  const { out } = run([
    [0, { type: 'server', reachable: false }],
    [1000, { type: 'server', reachable: false }],
    [3000, { type: 'server', reachable: false }],
    [7000, { type: 'server', reachable: true }],
    [8000, { type: 'loaded' }],
    [9000, { type: 'beat', heapBytes: 40 * MB }],
  ]);
  assert.deepEqual(out, [
    '0 server- → offline: connecting page, retry in 1000, probe in 1000',
    '1000 server- → offline: connecting page, retry in 2000, probe in 2000',
    '3000 server- → offline: connecting page, retry in 4000, probe in 4000',
    '7000 server+ → loading: navigate (boot)',
    '8000 loaded → loading',
    '9000 beat → running',
  ]);
});

test('heartbeats stop: reload (through a probe) after the stall time; a page that never beats is reloaded too', () => {
  const { out } = run([
    [0, { type: 'server', reachable: true }],
    [500, { type: 'loaded' }],
    [5000, { type: 'beat', heapBytes: null }],
    [34_999, { type: 'tick' }],
    [35_000, { type: 'tick' }],
    [35_100, { type: 'server', reachable: true }],
    [36_000, { type: 'loaded' }],
    [66_000, { type: 'tick' }],
  ]);
  assert.deepEqual(out, [
    '0 server+ → loading: navigate (boot)',
    '500 loaded → loading',
    '5000 beat → running',
    '34999 tick → running',
    '35000 tick → probing: probe in 0',
    '35100 server+ → loading: navigate (heartbeats stopped)',
    '36000 loaded → loading',
    '66000 tick → probing: probe in 0',
  ]);
});

test('a server outage alone never reloads the wall: heartbeats are local', () => {
  const rows: [number, WatchdogEvent][] = [
    [0, { type: 'server', reachable: true }],
    [100, { type: 'loaded' }],
  ];
  for (let t = 5000; t <= 300_000; t += 5000) rows.push([t, { type: 'beat', heapBytes: 50 * MB }], [t + 1, { type: 'tick' }]);
  const { out, state } = run(rows);
  assert.equal(out.filter((l) => l.includes('probe') || l.includes('navigate')).length, 1, 'only the boot navigation');
  assert.equal(state.phase, 'running');
});

test('renderer crash: a new page at once; a crash loop backs off; a closed browser is relaunched', () => {
  const { out } = run([
    [0, { type: 'server', reachable: true }],
    [100, { type: 'beat', heapBytes: null }],
    [10_000, { type: 'crash' }],
    [10_050, { type: 'server', reachable: true }],
    [11_000, { type: 'crash' }],
    [13_000, { type: 'crash' }],
    [200_000, { type: 'closed' }],
  ]);
  assert.deepEqual(out, [
    '0 server+ → loading: navigate (boot)',
    '100 beat → running',
    '10000 crash → probing: new-page (renderer crashed), probe in 0',
    '10050 server+ → loading: navigate (renderer crashed)',
    '11000 crash → probing: new-page (renderer crashed), probe in 1000',
    '13000 crash → probing: new-page (renderer crashed), probe in 2000',
    '200000 closed → probing: new-browser (browser closed), probe in 0',
  ]);
});

test('memory above the limit: reload at the next page boundary, or after the longest wait on a pinned page', () => {
  const rotating = run([
    [0, { type: 'server', reachable: true }],
    [100, { type: 'beat', heapBytes: 100 * MB }],
    [200, { type: 'boundary' }],
    [5000, { type: 'beat', heapBytes: 600 * MB }],
    [9000, { type: 'beat', heapBytes: 610 * MB }],
    [20_000, { type: 'boundary' }],
  ]).out;
  assert.deepEqual(rotating.slice(2), [
    '200 boundary → running',
    '5000 beat → running',
    '9000 beat → running',
    '20000 boundary → probing: probe in 0',
  ]);
  const pinned = run([
    [0, { type: 'server', reachable: true }],
    [5000, { type: 'beat', heapBytes: 600 * MB }],
    [300_000, { type: 'beat', heapBytes: 600 * MB }],
    [400_000, { type: 'beat', heapBytes: 300 * MB }],
    [500_000, { type: 'beat', heapBytes: 600 * MB }],
    [1_100_000, { type: 'beat', heapBytes: 600 * MB }],
  ]);
  assert.equal(pinned.out[3], '400000 beat → running', 'back under the limit: the wait starts over');
  assert.equal(pinned.out[5], '1100000 beat → probing: probe in 0');
  assert.equal(pinned.state.reason, 'memory above the limit (no page boundary in time)');
});

test('a navigation that fails (server gone between probe and load) shows the connecting page', () => {
  const { out } = run([
    [0, { type: 'server', reachable: true }],
    [50, { type: 'load-failed' }],
    [1050, { type: 'server', reachable: true }],
  ]);
  assert.deepEqual(out, [
    '0 server+ → loading: navigate (boot)',
    '50 load-failed → offline: connecting page, retry in 1000, probe in 1000',
    '1050 server+ → loading: navigate (load failed)',
  ]);
});
