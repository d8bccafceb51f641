/**
 * Hikvision alertStream, the connection we open to a Hikvision device: a never-ending multipart/mixed
 * body (boundary from the header), XML/JSON parts → alerts, `videoloss inactive` parts → heartbeats;
 * reconnect with the shared backoff (contract/backoff.ts) from 5 s up to 295 s, as pyHik bounds it; no
 * heartbeat for 30 s means the stream is dead.
 */
import type { Logger } from 'pino';
import { backoffMs, type BackoffOptions } from '../../contract/backoff.ts';
import type { FeedsConfig } from '../../contract/config.ts';
import { credFrom, fetchAuth } from '../alerts/device-http.ts';
import type { AlertEngine } from '../alerts/engine.ts';
import { MultipartStreamParser } from './multipart.ts';
import { parseHikvisionBody } from './parse.ts';

const HEARTBEAT_DEAD_MS = 30_000;
/** Between connection attempts: from 5 s (pyHik's step) up to its ceiling of 295 s. */
const RECONNECT: BackoffOptions = { baseMs: 5000, maxMs: 295_000 };

export function startHikvisionAlertStream(opts: {
  feed: FeedsConfig['hikvision'][number];
  engine: AlertEngine;
  env: Record<string, string | undefined>;
  log: Logger;
  /** The reconnect schedule (default: RECONNECT); tests shorten it. */
  reconnect?: BackoffOptions;
}): { stop(): Promise<void> } {
  const { feed, engine, log } = opts;
  const reconnect: BackoffOptions = { ...RECONNECT, ...opts.reconnect };
  const url = feed.alertStreamUrl!;
  const cred = credFrom(opts.env, feed.userEnv, feed.passwordEnv);
  let stopped = false;
  let failures = 0;
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    abort = new AbortController();
    let lastHeard = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard > HEARTBEAT_DEAD_MS) abort?.abort(new Error('no heartbeat for 30 s'));
    }, 5000);
    try {
      const res = await fetchAuth(url, { signal: abort.signal, timeoutMs: 24 * 3600_000 }, cred);
      if (!res.ok || !res.body) throw new Error(`alertStream: HTTP ${res.status}`);
      const boundary = /boundary="?([^";]+)"?/i.exec(res.headers.get('content-type') ?? '')?.[1];
      if (!boundary) throw new Error('alertStream: no multipart boundary');
      const parser = new MultipartStreamParser(boundary, (type, body) => {
        lastHeard = Date.now();
        // The backoff resets once the stream delivers, not on the headers: a device that accepts and
        // closes at once (connection limit, reboot loop) was otherwise retried at the shortest delay forever.
        failures = 0;
        if (type.includes('image/')) return; // pictures of an alert: not kept from the stream
        void engine.ingest(feed.id, () => parseHikvisionBody(body.toString('utf8'), { instance: feed.id, nowMs: Date.now() }));
      });
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.push(Buffer.from(chunk));
    } catch (err) {
      if (!stopped) log.warn({ feed: feed.id, err: (err as Error).message }, 'hikvision alertStream lost');
    } finally {
      clearInterval(watchdog);
    }
    if (stopped) return;
    failures++;
    timer = setTimeout(() => void connect(), backoffMs(failures, reconnect));
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort?.abort();
    },
  };
}
