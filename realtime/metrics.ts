/**
 * The realtime server's own Prometheus metrics (plugins register theirs on the same registry). The
 * rejected-inputs gauge reads the store at scrape time, so every node reports the same counts.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Store } from '../store/store.ts';

export type RealtimeMetrics = ReturnType<typeof createRealtimeMetrics>;

export function createRealtimeMetrics(registry: Registry, store: Store) {
  const registers = [registry];
  return {
    connections: new Gauge({ name: 'ioc_socket_connections', help: 'Open Socket.IO connections', registers }),
    updates: new Counter({
      name: 'ioc_group_updates_emitted_total',
      help: 'group:updated broadcasts',
      labelNames: ['group'],
      registers,
    }),
    resyncs: new Counter({
      name: 'ioc_group_resyncs_total',
      help: 'server:resync sent because the store feed of a group was not continuous',
      labelNames: ['group', 'reason'],
      registers,
    }),
    clientErrors: new Counter({
      name: 'ioc_client_errors_total',
      help: 'Client requests refused',
      labelNames: ['code'],
      registers,
    }),
    httpRefused: new Counter({
      name: 'ioc_http_refused_total',
      help: 'HTTP requests answered with a client error (401 no credential, 403 out of scope, 400, 413, 429, …)',
      labelNames: ['status'],
      registers,
    }),
    refused: new Counter({
      name: 'ioc_socket_refused_total',
      help: 'Connections refused at the handshake',
      labelNames: ['reason'],
      registers,
    }),
    rejected: new Gauge({
      name: 'ioc_rejected_inputs_total',
      help: 'Inputs rejected by ingest (rows, feed payloads), by source and reason; counted in the store so every node reports them',
      labelNames: ['source', 'reason'],
      registers,
      async collect() {
        try {
          const { counts } = await store.getRejected(0);
          this.reset();
          for (const [k, n] of Object.entries(counts)) {
            const [source, reason] = k.split('|');
            this.set({ source: source ?? 'unknown', reason: reason ?? 'unknown' }, n);
          }
        } catch {
          // The store is down: /readyz says so; /metrics still answers with what it has.
        }
      },
    }),
  };
}
