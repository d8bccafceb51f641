/**
 * The HTTP side of a Frigate instance: login (port 8971: a JWT in the frigate_token cookie, again on 401),
 * backfill and reconciliation (`/api/events` paged with an overlap window, since `after=` filters on start
 * time; `in_progress=1` separately; `/api/review` for severity), `/api/stats` for camera health, and event
 * snapshots. Every body is bounded.
 */
import type { Logger } from 'pino';
import type { FeedsConfig } from '../../contract/config.ts';
import { credFrom, readLimited } from '../alerts/device-http.ts';
import type { AlertEngine } from '../alerts/engine.ts';
import type { ParseContext } from '../alerts/model.ts';
import { FeedReject, LIMITS, isObject, parseJsonLenient } from '../alerts/validate.ts';
import { frigateReviewPatches, parseFrigateApiEvent, parseFrigateStats } from './parse.ts';

export interface FrigateHttp {
  /** One reconciliation round: events in progress, new events since the cursor, reviews. */
  reconcile(): Promise<void>;
  pollStats(): Promise<void>;
  /** Fetches an event snapshot with our credentials (for the snapshot proxy). */
  fetchSnapshot(eventId: string): Promise<Buffer | null>;
}

export function createFrigateHttp(opts: {
  feed: FeedsConfig['frigate'][number];
  engine: AlertEngine;
  log: Logger;
  env: Record<string, string | undefined>;
  now: () => number;
  ctx: () => ParseContext;
}): FrigateHttp {
  const { feed, engine, log, now, ctx } = opts;
  /** Largest start_time (epoch s) seen by the HTTP pager. */
  let cursorS: number | null = null;
  let token: string | null = null;
  const httpCred = credFrom(opts.env, feed.httpUserEnv, feed.httpPasswordEnv);

  async function api(path: string, maxBytes = LIMITS.multipartBytes, retry = true): Promise<Buffer | null> {
    if (!feed.httpUrl) return null;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${feed.httpUrl.replace(/\/$/, '')}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
    if (res.status === 401 && retry && httpCred) {
      await res.body?.cancel().catch(() => {});
      await login();
      return api(path, maxBytes, false);
    }
    if (res.status === 404) {
      await res.body?.cancel().catch(() => {});
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new Error(`frigate ${path.split('?')[0]}: HTTP ${res.status}`);
    }
    return readLimited(res, maxBytes);
  }

  /** Port 8971: POST /api/login, token from the frigate_token cookie (JWT; expires, so again on 401). */
  async function login(): Promise<void> {
    if (!httpCred || !feed.httpUrl) return;
    const res = await fetch(`${feed.httpUrl.replace(/\/$/, '')}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: httpCred.user, password: httpCred.password }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel().catch(() => {});
    const cookie = res.headers.get('set-cookie') ?? '';
    token = /frigate_token=([^;]+)/.exec(cookie)?.[1] ?? null;
    if (!res.ok || !token) log.warn({ feed: feed.id, status: res.status }, 'frigate login failed');
  }

  async function listFrom(path: string): Promise<unknown[]> {
    const body = await api(path);
    if (!body) return [];
    const { value } = parseJsonLenient(body.toString('utf8'));
    if (!Array.isArray(value)) throw new FeedReject('invalid-shape', `${path.split('?')[0]} did not return a list`);
    return value;
  }

  async function reconcile(): Promise<void> {
    if (!feed.httpUrl) return;
    const c = ctx();
    // Events still in progress (their start may be older than any window).
    for (const e of await listFrom('/api/events?in_progress=1&include_thumbnails=0&limit=500'))
      await engine.ingest(feed.id, () => parseFrigateApiEvent(e, c));
    // Then pages from the cursor minus the overlap window, oldest first.
    const overlapS = feed.overlapWindowMs / 1000;
    let after = cursorS === null ? now() / 1000 - 3600 : cursorS - overlapS;
    for (let page = 0; page < 20; page++) {
      const list = await listFrom(`/api/events?after=${after.toFixed(6)}&sort=date_asc&limit=100&include_thumbnails=0`);
      for (const e of list) {
        await engine.ingest(feed.id, () => parseFrigateApiEvent(e, c));
        const st = isObject(e) && typeof e.start_time === 'number' && Number.isFinite(e.start_time) ? e.start_time : null;
        if (st !== null && (cursorS === null || st > cursorS)) cursorS = st;
        if (st !== null && st > after) after = st;
      }
      if (list.length < 100) break;
    }
    // Reviews overlap-filtered: `alert` severity raises the events they name.
    const reviewAfter = (cursorS ?? now() / 1000) - overlapS - 120;
    for (const r of await listFrom(`/api/review?after=${reviewAfter.toFixed(3)}&limit=200`))
      await engine.ingest(feed.id, () => frigateReviewPatches(r, c));
  }

  async function pollStats(): Promise<void> {
    const body = await api('/api/stats', LIMITS.httpBodyBytes);
    if (!body) return;
    await engine.ingest(feed.id, () => {
      const items = parseFrigateStats(parseJsonLenient(body.toString('utf8')).value, ctx());
      for (const s of items) engine.expectHeartbeat(feed.id, s.cameraRefs, feed.statsIntervalMs);
      return items;
    });
  }

  return {
    reconcile,
    pollStats,
    async fetchSnapshot(eventId) {
      if (!/^[\w.-]{1,64}$/.test(eventId)) return null;
      return api(`/api/events/${encodeURIComponent(eventId)}/snapshot.jpg?bbox=0`, LIMITS.multipartBytes);
    },
  };
}
