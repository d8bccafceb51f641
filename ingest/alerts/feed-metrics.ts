/** The engine's Prometheus counters (GET /metrics); null without a registry (tests, tools). */
import { Counter, type Registry } from 'prom-client';

export interface FeedMetrics {
  items: Counter<'source' | 'outcome'>;
  rejected: Counter<'source' | 'reason'>;
  repaired: Counter<'source' | 'reason'>;
  conflicts: Counter;
}

export function createFeedMetrics(registry: Registry | undefined): FeedMetrics | null {
  if (!registry) return null;
  const registers = [registry];
  return {
    items: new Counter({
      name: 'ioc_feed_items_total',
      help: 'Camera/AI feed items by source and outcome',
      labelNames: ['source', 'outcome'],
      registers,
    }),
    rejected: new Counter({
      name: 'ioc_feed_rejected_total',
      help: 'Feed inputs rejected, by source and reason',
      labelNames: ['source', 'reason'],
      registers,
    }),
    repaired: new Counter({
      name: 'ioc_feed_repaired_total',
      help: 'Feed inputs accepted after a repair, by source and reason',
      labelNames: ['source', 'reason'],
      registers,
    }),
    conflicts: new Counter({
      name: 'ioc_alert_write_conflicts_total',
      help: 'Alert compare-and-set conflicts (another writer won; retried)',
      registers,
    }),
  };
}
