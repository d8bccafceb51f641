/** One behaviour, two implementations: runs against the in-process alert store and a real Redis. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CameraStatus } from '../contract/alerts.ts';
import { type AlertChange, type AlertStore, ALERT_RETENTION_MS } from './alert-store.ts';
import { sampleAlert } from '../testing/fixtures.ts';
import { eventually, sleep } from '../testing/eventually.ts';

export function runAlertStoreContract(name: string, open: (opts?: { now?: () => number }) => Promise<AlertStore>): void {
  test(`${name}: put is a compare-and-set on the version`, async () => {
    const s = await open();
    try {
      assert.equal(await s.get('a-1'), null);
      assert.equal(await s.put(sampleAlert(), 0, 'alert:raised'), true);
      assert.equal(await s.put(sampleAlert({ label: 'racer' }), 0, 'alert:raised'), false, 'a second create loses');
      assert.equal((await s.get('a-1'))?.label, 'person');
      assert.equal(await s.put(sampleAlert({ version: 2, score: 0.9 }), 1, 'alert:updated'), true);
      assert.equal(await s.put(sampleAlert({ version: 2, score: 0.1 }), 1, 'alert:updated'), false, 'stale writer loses');
      assert.equal((await s.get('a-1'))?.score, 0.9);
    } finally {
      await s.close();
    }
  });

  test(`${name}: a lower or equal version never overwrites a higher one`, async () => {
    const s = await open();
    try {
      assert.equal(await s.put(sampleAlert({ version: 1 }), 0, 'alert:raised'), true);
      assert.equal(
        await s.put(sampleAlert({ version: 3, state: 'ended', endedAt: '2026-11-20T01:05:00.000Z' }), 1, 'alert:updated'),
        true,
      );
      const rows: [string, number, number][] = [
        ['an equal version', 3, 3],
        ['a lower version, expecting the stored one', 2, 3],
        ['a lower version, expecting an older one', 2, 1],
        ['version 0 over a stored alert', 0, 3],
      ];
      for (const [what, version, expected] of rows)
        assert.equal(
          await s.put(sampleAlert({ version, state: 'active', label: 'stale' }), expected, 'alert:updated'),
          false,
          what,
        );
      const stored = await s.get('a-1');
      assert.deepEqual([stored?.version, stored?.state, stored?.label], [3, 'ended', 'person']);
      assert.equal(
        await s.put(sampleAlert({ id: 'zero', version: 0 }), 0, 'alert:raised'),
        false,
        'a first copy is version 1 or more',
      );
      assert.equal(await s.get('zero'), null);
    } finally {
      await s.close();
    }
  });

  test(`${name}: two consumers writing the same copies race harmlessly: one write each, in order`, async () => {
    const s = await open();
    const seen: AlertChange[] = [];
    const off = await s.subscribe((c) => seen.push(c));
    try {
      // Two ingest replicas received the same feed event and the same update: each tries every write.
      const copies = [
        sampleAlert({ id: 'dup', version: 1 }),
        sampleAlert({ id: 'dup', version: 2, score: 0.95 }),
        sampleAlert({ id: 'dup', version: 3, state: 'ended', endedAt: '2026-11-20T01:06:00.000Z' }),
      ];
      for (const [i, copy] of copies.entries()) {
        const publish = i === 0 ? 'alert:raised' : 'alert:updated';
        const results = await Promise.all([s.put(copy, copy.version - 1, publish), s.put(copy, copy.version - 1, publish)]);
        assert.deepEqual(results.filter(Boolean).length, 1, `exactly one write of version ${copy.version}`);
      }
      // A late redelivery of the first copy, by a consumer that believes nothing is stored.
      assert.equal(await s.put(copies[0]!, 0, 'alert:raised'), false);
      await eventually(() => seen.length >= 3, '3 changes');
      await sleep(50);
      assert.deepEqual(
        seen.map((c) => (c.type === 'camera:status-changed' ? '?' : `${c.type}@${c.alert.version}`)),
        ['alert:raised@1', 'alert:updated@2', 'alert:updated@3'],
      );
      assert.equal((await s.get('dup'))?.state, 'ended');
      assert.deepEqual(await s.listActive(), []);
    } finally {
      await off();
      await s.close();
    }
  });

  test(`${name}: the active set follows the state; recent lists latest copies newest first`, async () => {
    const s = await open();
    try {
      await s.put(sampleAlert({ id: 'x' }), 0, 'alert:raised');
      await s.put(sampleAlert({ id: 'y', receivedAt: '2026-11-20T01:02:04.000Z' }), 0, 'alert:raised');
      assert.deepEqual((await s.listActive()).map((a) => a.id).sort(), ['x', 'y']);
      await s.put(sampleAlert({ id: 'x', version: 2, state: 'ended', endedAt: '2026-11-20T01:03:00.000Z' }), 1, 'alert:updated');
      assert.deepEqual(
        (await s.listActive()).map((a) => a.id),
        ['y'],
      );
      const recent = await s.recent(10);
      assert.deepEqual(
        recent.map((a) => a.id),
        ['x', 'y'],
        'x changed last',
      );
      assert.equal(recent[0]!.state, 'ended');
      assert.equal(recent[0]!.version, 2);
    } finally {
      await s.close();
    }
  });

  test(`${name}: a silent write changes the copy but not the feed`, async () => {
    const s = await open();
    const seen: AlertChange[] = [];
    const off = await s.subscribe((c) => seen.push(c));
    try {
      await s.put(sampleAlert({ id: 'q' }), 0, 'alert:raised');
      await s.put(sampleAlert({ id: 'q', version: 2, lastSeenAt: '2026-11-20T01:09:00.000Z' }), 1, null);
      await s.put(sampleAlert({ id: 'q', version: 3, state: 'ended' }), 2, 'alert:updated');
      await eventually(() => seen.length >= 2, '2 changes');
      await sleep(50);
      assert.deepEqual(
        seen.map((c) => c.type),
        ['alert:raised', 'alert:updated'],
      );
      assert.equal((await s.get('q'))?.version, 3);
    } finally {
      await off();
      await s.close();
    }
  });

  test(`${name}: camera status publishes only when the state changes`, async () => {
    const s = await open();
    const seen: AlertChange[] = [];
    const off = await s.subscribe((c) => seen.push(c));
    const st = (state: CameraStatus['state'], fps: number): CameraStatus => ({
      cameraId: 'cam-1',
      state,
      since: '2026-11-20T00:00:00.000Z',
      fps,
      reason: null,
      source: 'frigate',
    });
    try {
      assert.equal(await s.setCameraStatus(st('online', 5)), true);
      assert.equal(await s.setCameraStatus(st('online', 4.8)), false);
      assert.equal(await s.setCameraStatus(st('offline', 0)), true);
      await eventually(() => seen.length >= 2, '2 changes');
      assert.deepEqual(
        seen.map((c) => (c.type === 'camera:status-changed' ? c.status.state : '?')),
        ['online', 'offline'],
      );
      const all = await s.getCameraStatuses();
      assert.equal(all.length, 1);
      assert.equal(all[0]!.state, 'offline');
    } finally {
      await off();
      await s.close();
    }
  });

  test(`${name}: subscribers get every change in order`, async () => {
    const s = await open();
    const seen: AlertChange[] = [];
    const off = await s.subscribe((c) => seen.push(c));
    try {
      for (let i = 1; i <= 50; i++) await s.put(sampleAlert({ id: `n${i}` }), 0, 'alert:raised');
      await eventually(() => seen.length >= 50, '50 changes');
      assert.deepEqual(
        seen.map((c) => (c.type === 'alert:raised' ? c.alert.id : '')),
        Array.from({ length: 50 }, (_, i) => `n${i + 1}`),
      );
    } finally {
      await off();
      await s.close();
    }
  });

  test(`${name}: history is bounded`, async () => {
    const s = await open();
    try {
      for (let i = 0; i < 300; i++) await s.put(sampleAlert({ id: `h${i}` }), 0, 'alert:raised');
      const recent = await s.recent(1000);
      assert.ok(recent.length <= 250, `kept ${recent.length}`);
      assert.equal(recent[0]!.id, 'h299');
    } finally {
      await s.close();
    }
  });

  test(`${name}: ended alerts are forgotten after the retention period; active ones stay`, async () => {
    let nowMs = Date.parse('2026-11-20T00:00:00Z');
    const s = await open({ now: () => nowMs });
    const n = 5000; // more than a store keeps between two prunes
    const ids = (p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    try {
      await Promise.all(
        ids('old').map((id) => s.put(sampleAlert({ id, state: 'ended', endedAt: '2026-11-20T00:00:00.000Z' }), 0, null)),
      );
      await s.put(sampleAlert({ id: 'still-active' }), 0, null);
      nowMs += ALERT_RETENTION_MS + 60_000;
      await Promise.all(ids('new').map((id) => s.put(sampleAlert({ id }), 0, null)));
      const old = await Promise.all(ids('old').map((id) => s.get(id)));
      assert.equal(old.filter((a) => a !== null).length, 0, 'every ended alert past retention is gone');
      assert.equal((await s.get('still-active'))?.state, 'active', 'an active alert is never forgotten');
      assert.ok(await s.get(`new${n - 1}`));
    } finally {
      await s.close();
    }
  });
}
