/**
 * Alert sanity through the real engine, with the drafts of the real parsers (Frigate MQTT and API,
 * the generic webhook): times that cannot be a live event are refused with a reason, counted and
 * dead-lettered; the copies of one alert inside a batch apply in order, so the later `ended` one wins.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { loadConfig } from '../../contract/load-config.ts';
import { createMemoryAlertStore } from '../../store/memory-alert-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { AlertChange } from '../../store/alert-store.ts';
import { parseFrigateApiEvent, parseFrigateMqttEvent } from '../frigate/parse.ts';
import { ctx, sampleJson } from '../test/samples.ts';
import { parseGenericWebhook } from '../webhook/parse.ts';
import { type Outcome, createAlertEngine } from './engine.ts';
import type { FeedItem, ParseContext } from './model.ts';
import { alertId } from './validate.ts';

const config = loadConfig('config');
const NOW = Date.UTC(2026, 11, 1, 3, 0, 0);
const S = 1000;
const H = 3600 * S;
const FRIGATE = 'frigate-nt';
const WEBHOOK = 'doi-tac-ai';
const ctxOf = (instance: string): ParseContext => ({ ...ctx, instance, nowMs: NOW });

function setup(opts: { maxStartAgeMs?: number } = {}) {
  const store = createMemoryStore();
  const alertStore = createMemoryAlertStore();
  const engine = createAlertEngine({ alertStore, store, config, log: pino({ level: 'silent' }), now: () => NOW, ...opts });
  return { store, alertStore, engine };
}

/** The shared Frigate docs sample (`frigate/events`), as our camera nt_cho_dam sends it. */
function frigateEvent(type: 'new' | 'update' | 'end', id: string, t: { start: number; frame: number; end?: number }, over = {}) {
  const msg = structuredClone(sampleJson('frigate-mqtt-events-update.docs.stripped.json')) as Record<
    string,
    Record<string, unknown>
  >;
  Object.assign(msg.after!, {
    id,
    camera: 'nt_cho_dam',
    start_time: t.start / 1000,
    frame_time: t.frame / 1000,
    end_time: t.end === undefined ? null : t.end / 1000,
    ...over,
  });
  return parseFrigateMqttEvent({ ...msg, type }, ctxOf(FRIGATE));
}
const webhook = (body: Record<string, unknown>) =>
  parseGenericWebhook({ camera: 'nt-cho-dam', kind: 'flooding', ...body }, ctxOf(WEBHOOK));
const frigateApi = (id: string, start: number) =>
  parseFrigateApiEvent(
    { id, camera: 'nt_cho_dam', label: 'car', start_time: start / 1000, end_time: null, data: {} },
    ctxOf(FRIGATE),
  );

const refusals: { name: string; feed: string; item: () => FeedItem; reason: string; key: string }[] = [
  {
    name: 'a Frigate event whose end_time is before its start_time',
    feed: FRIGATE,
    item: () => frigateEvent('end', 'f-end-first', { start: NOW - 10 * S, frame: NOW, end: NOW - 60 * S }),
    reason: 'end-before-start',
    key: 'f-end-first',
  },
  {
    name: 'a webhook event that ended before it started',
    feed: WEBHOOK,
    item: () => webhook({ id: 'w-end-first', startedAt: NOW - 60 * S, endedAt: NOW - 120 * S }),
    reason: 'end-before-start',
    key: 'w-end-first',
  },
  {
    name: 'a webhook event that started 30 h ago (new to us)',
    feed: WEBHOOK,
    item: () => webhook({ id: 'w-old', startedAt: NOW - 30 * H }),
    reason: 'start-too-old',
    key: 'w-old',
  },
  {
    name: 'a Frigate event first heard of 25 h after it started (device clock right)',
    feed: FRIGATE,
    item: () => frigateEvent('update', 'f-old', { start: NOW - 25 * H, frame: NOW }),
    reason: 'start-too-old',
    key: 'f-old',
  },
  {
    name: 'a Frigate API event in progress since two days',
    feed: FRIGATE,
    item: () => frigateApi('f-api-old', NOW - 48 * H),
    reason: 'start-too-old',
    key: 'f-api-old',
  },
  {
    name: 'a webhook event starting in an hour (beyond the clock-skew allowance)',
    feed: WEBHOOK,
    item: () => webhook({ id: 'w-future', startedAt: NOW + H }),
    reason: 'future-timestamp',
    key: 'w-future',
  },
  {
    name: 'a webhook event ending in an hour',
    feed: WEBHOOK,
    item: () => webhook({ id: 'w-future-end', startedAt: NOW - 60 * S, endedAt: NOW + H }),
    reason: 'future-timestamp',
    key: 'w-future-end',
  },
];
for (const row of refusals) {
  test(`refused, counted and dead-lettered: ${row.name} (${row.reason})`, async () => {
    const { store, alertStore, engine } = setup();
    assert.deepEqual(await engine.handle(row.feed, row.item(), NOW), ['rejected']);
    const { counts, recent } = await store.getRejected(10);
    assert.deepEqual(counts, { [`${row.feed}|${row.reason}`]: 1 });
    assert.equal(recent[0]!.key, row.key);
    assert.deepEqual(await alertStore.recent(10), [], 'nothing reached the alert store');
  });
}

const accepted: {
  name: string;
  feed: string;
  item: () => FeedItem;
  check?: (a: { startedAt: string; clockSuspect: boolean }) => void;
}[] = [
  { name: 'a webhook event that started 23 h ago', feed: WEBHOOK, item: () => webhook({ id: 'w-23h', startedAt: NOW - 23 * H }) },
  {
    name: 'a start a few minutes ahead (within the allowance)',
    feed: WEBHOOK,
    item: () => webhook({ id: 'w-ahead', startedAt: NOW + 3 * 60 * S }),
  },
  {
    name: 'an end equal to the start',
    feed: WEBHOOK,
    item: () => webhook({ id: 'w-instant', startedAt: NOW - 5 * S, endedAt: NOW - 5 * S }),
  },
  {
    name: 'a Frigate camera whose clock is a day slow: placed on our clock, flagged',
    feed: FRIGATE,
    item: () => frigateEvent('new', 'f-slow-clock', { start: NOW - 25 * H - 5 * S, frame: NOW - 25 * H }),
    check: (a) => assert.deepEqual([a.startedAt, a.clockSuspect], [new Date(NOW - 5 * S).toISOString(), true]),
  },
];
for (const row of accepted) {
  test(`accepted as live: ${row.name}`, async () => {
    const { store, alertStore, engine } = setup();
    assert.deepEqual(await engine.handle(row.feed, row.item(), NOW), ['raised']);
    assert.deepEqual((await store.getRejected()).counts, {});
    const [a] = await alertStore.recent(1);
    row.check?.(a!);
  });
}

test('the live window is configurable; a copy of an alert we already hold passes whatever its start', async () => {
  const { engine, alertStore } = setup({ maxStartAgeMs: H });
  assert.deepEqual(await engine.handle(WEBHOOK, webhook({ id: 'w-2h', startedAt: NOW - 2 * H }), NOW), ['rejected']);
  // A parked car Frigate has tracked for 30 hours, raised while it was new:
  const { engine: longRunning, alertStore: held } = setup();
  const start = NOW - 30 * H;
  assert.deepEqual(await longRunning.handle(FRIGATE, frigateApi('parked', start), start + 60 * S), ['raised']);
  const outcomes = await longRunning.handle(
    FRIGATE,
    frigateEvent('update', 'parked', { start, frame: NOW }, { top_score: 0.99 }),
    NOW,
  );
  assert.deepEqual(outcomes, ['updated']);
  assert.equal((await held.get(alertId('frigate', FRIGATE, 'parked')))?.score, 0.99);
  assert.deepEqual(await alertStore.recent(5), []);
});

test('an end before the stored start is refused beyond the clock tolerance, moved to the start within it', async () => {
  const { engine, alertStore, store } = setup();
  const start = NOW - 60 * S;
  await engine.handle(WEBHOOK, webhook({ id: 'w-late-end', startedAt: start }), NOW);
  // The stored start is on our clock; an end from another clock reading can disagree a little.
  const tooEarly = await engine.handle(
    WEBHOOK,
    webhook({ id: 'w-late-end', startedAt: start - 10 * 60 * S, endedAt: start - 5 * 60 * S }),
    NOW,
  );
  assert.deepEqual(tooEarly, ['rejected']);
  assert.equal((await store.getRejected()).counts[`${WEBHOOK}|end-before-start`], 1);
  assert.equal((await alertStore.get(alertId('webhook', WEBHOOK, 'w-late-end')))?.state, 'active');
  await engine.handle(WEBHOOK, webhook({ id: 'w-late-end', startedAt: start - 2 * S, endedAt: start - S }), NOW);
  const ended = await alertStore.get(alertId('webhook', WEBHOOK, 'w-late-end'));
  assert.deepEqual([ended?.state, ended?.endedAt], ['ended', new Date(start).toISOString()]);
});

// ---- versions inside one batch -------------------------------------------------------------------
const T0 = NOW - 30 * S;
const lifecycle = (id: string) => ({
  new: frigateEvent('new', id, { start: T0, frame: T0 }, { top_score: 0.6, current_zones: ['a'], entered_zones: ['a'] }),
  update: frigateEvent(
    'update',
    id,
    { start: T0, frame: T0 + 10 * S },
    { top_score: 0.9, current_zones: ['b'], entered_zones: ['b'] },
  ),
  end: frigateEvent(
    'end',
    id,
    { start: T0, frame: T0 + 20 * S, end: T0 + 20 * S },
    { top_score: 0.9, current_zones: ['b'], entered_zones: ['b'] },
  ),
});

const batches: { name: string; order: ('new' | 'update' | 'end')[]; outcomes: Outcome[]; feed: string[]; zone: string }[] = [
  {
    name: 'new → update → end: each applied, the end last',
    order: ['new', 'update', 'end'],
    outcomes: ['raised', 'updated', 'updated'],
    feed: ['alert:raised@1 active', 'alert:updated@2 active', 'alert:updated@3 ended'],
    zone: 'b',
  },
  {
    name: 'the same copy twice (a redelivery inside the batch): the second changes nothing',
    order: ['new', 'new', 'end'],
    outcomes: ['raised', 'duplicate', 'updated'],
    feed: ['alert:raised@1 active', 'alert:updated@2 ended'],
    zone: 'b',
  },
  {
    name: 'end → new (sent out of order): ended stays ended, the earlier copy never reopens it',
    order: ['end', 'new'],
    outcomes: ['raised', 'duplicate'],
    feed: ['alert:raised@1 ended'],
    zone: 'b',
  },
];
for (const row of batches) {
  test(`one batch, one alert: ${row.name}`, async () => {
    const { engine, alertStore } = setup();
    const seen: AlertChange[] = [];
    await alertStore.subscribe((c) => seen.push(c));
    const copies = lifecycle('batch-1');
    assert.deepEqual(
      await engine.handle(
        FRIGATE,
        row.order.map((k) => copies[k]),
        NOW,
      ),
      row.outcomes,
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      seen.map((c) => (c.type === 'camera:status-changed' ? '?' : `${c.type}@${c.alert.version} ${c.alert.state}`)),
      row.feed,
    );
    const stored = await alertStore.get(alertId('frigate', FRIGATE, 'batch-1'));
    assert.deepEqual([stored?.state, stored?.zone], ['ended', row.zone]);
  });
}

test('two batches in flight at once: the copies of one alert apply in arrival order across them', async () => {
  const { engine, alertStore } = setup();
  const copies = lifecycle('batch-2');
  // A batch with the start and an update, and right behind it (not awaited) one with the end.
  const first = engine.handle(FRIGATE, [copies.new, copies.update], NOW);
  const second = engine.handle(FRIGATE, [copies.end], NOW);
  assert.deepEqual(await Promise.all([first, second]), [['raised', 'updated'], ['updated']]);
  const stored = await alertStore.get(alertId('frigate', FRIGATE, 'batch-2'));
  assert.deepEqual(
    [stored?.state, stored?.zone, stored?.version],
    ['ended', 'b', 3],
    'the update (zone b) applied before the end, not after it',
  );
});

test('a webhook batch ({ events: [...] } as the receiver splits it) of one id: the ended copy wins', async () => {
  const { engine, alertStore } = setup();
  const events = [
    webhook({ id: 'w-batch', startedAt: NOW - 60 * S, score: 0.5 }),
    webhook({ id: 'w-batch', startedAt: NOW - 60 * S, score: 0.8 }),
    webhook({ id: 'w-batch', startedAt: NOW - 60 * S, state: 'ended', endedAt: NOW - 5 * S }),
  ];
  assert.deepEqual(await engine.handle(WEBHOOK, events, NOW), ['raised', 'updated', 'updated']);
  const stored = await alertStore.get(alertId('webhook', WEBHOOK, 'w-batch'));
  assert.deepEqual([stored?.state, stored?.score, stored?.endedAt], ['ended', 0.8, new Date(NOW - 5 * S).toISOString()]);
});

test('the idle sweep never ends an alert before its start (a device a little ahead of our clock)', async () => {
  const receivedMs = NOW - 16 * 60 * S; // the partner's webhook idles out after 15 minutes
  const { engine, alertStore } = setup();
  assert.deepEqual(
    await engine.handle(WEBHOOK, webhook({ id: 'w-ahead-idle', startedAt: receivedMs + 3 * 60 * S }), receivedMs),
    ['raised'],
  );
  await engine.sweep();
  const a = await alertStore.get(alertId('webhook', WEBHOOK, 'w-ahead-idle'));
  assert.deepEqual([a?.state, a?.endedAt], ['ended', a?.startedAt]);
});
