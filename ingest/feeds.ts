/**
 * Builds the camera/AI feed side from the configuration: the alert engine, the webhook receiver, and (in
 * the ingest role) the connections we open: Frigate MQTT + HTTP, Hikvision alertStream, ONVIF PullPoint.
 *
 * Scale-out: there is no election here. Every ingest replica runs every feed consumer (each Frigate
 * instance with its own persistent MQTT session, named by the replica's instance id, and its HTTP
 * reconciliation; every Hikvision alertStream and ONVIF PullPoint; the idle sweep), and a webhook is
 * handled by whichever node receives the POST. So the same event reaches the alert store once per
 * replica; that is harmless because every write is an idempotent upsert keyed by the alert id and its
 * version: a compare-and-set on the stored version, where a copy with a lower or equal version never
 * overwrites a higher one (store/alert-store.ts, atomic in one Lua script in Redis), and a copy that
 * changes nothing is a duplicate (alerts/merge.ts). The second consumer finds its write already done.
 * Why not one consumer per feed: a standby consumer would have to reconnect and backfill on takeover,
 * losing the seconds in between; two live consumers lose nothing when one dies. The cost: each device
 * sees one connection per replica (cameras that limit alertStream connections need that many free).
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../contract/config.ts';
import type { AlertStore } from '../store/alert-store.ts';
import type { SnapshotCache } from '../store/snapshot-cache.ts';
import type { Store } from '../store/store.ts';
import { type AlertEngine, EMPTY_FEEDS, createAlertEngine } from './alerts/engine.ts';
import { type FrigateSource, createFrigateSource } from './frigate/source.ts';
import { startHikvisionAlertStream } from './hikvision/alert-stream.ts';
import { startOnvifPullPoint } from './onvif/pull-point.ts';
import { type FeedReceiver, createFeedReceiver } from './webhook/receiver.ts';

/** A connection we opened to a device (Hikvision alertStream, ONVIF PullPoint). */
interface Stoppable {
  stop(): Promise<void>;
}

export interface Feeds {
  engine: AlertEngine;
  receiver: FeedReceiver;
  frigate: Map<string, FrigateSource>;
  /** For the snapshot proxy: resolves an alert's image with the server's credentials. */
  fetchSnapshot(alertId: string): Promise<Buffer | null>;
  stop(): Promise<void>;
}

export async function startFeeds(opts: {
  config: Config;
  alertStore: AlertStore;
  store: Store;
  snapshots: SnapshotCache;
  log: Logger;
  registry?: Registry;
  env: Record<string, string | undefined>;
  /** Open connections to sources and run the idle sweep (the ingest role). */
  connect: boolean;
  /** This process's stable identity (ingest/instance-id.ts): names its MQTT sessions. */
  instanceId?: string;
}): Promise<Feeds> {
  const { config, log } = opts;
  const feeds = config.sources.feeds ?? EMPTY_FEEDS;
  const engine = createAlertEngine({
    alertStore: opts.alertStore,
    store: opts.store,
    config,
    log,
    snapshots: opts.snapshots,
    ...(opts.registry ? { registry: opts.registry } : {}),
  });
  const receiver = createFeedReceiver({ feeds, engine, env: opts.env, log });
  const frigate = new Map<string, FrigateSource>();
  const others: Stoppable[] = [];
  if (opts.connect) {
    engine.start();
    for (const f of feeds.frigate) {
      const src = createFrigateSource({
        feed: f,
        engine,
        log: log.child({ feed: f.id }),
        env: opts.env,
        ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
      });
      await src.start();
      frigate.set(f.id, src);
    }
    for (const f of feeds.hikvision)
      if (f.alertStreamUrl) others.push(startHikvisionAlertStream({ feed: f, engine, env: opts.env, log }));
    for (const f of feeds.onvif) others.push(startOnvifPullPoint({ feed: f, engine, env: opts.env, log }));
  }
  return {
    engine,
    receiver,
    frigate,
    async fetchSnapshot(alertId) {
      const loc = opts.snapshots.getLocator(alertId);
      if (loc?.kind === 'frigate-event') {
        const src = frigate.get(loc.instance);
        if (src) return src.fetchSnapshot(loc.eventId);
        const feed = feeds.frigate.find((f) => f.id === loc.instance);
        // A node without a connected source can still fetch from the Frigate API.
        if (feed)
          return createFrigateSource({
            feed: { ...feed, mqttUrl: undefined },
            engine,
            log,
            env: opts.env,
            poll: false,
          }).fetchSnapshot(loc.eventId);
      }
      return null;
    },
    async stop() {
      await engine.stop();
      for (const s of frigate.values()) await s.stop();
      for (const s of others) await s.stop();
    },
  };
}
