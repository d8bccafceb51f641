/**
 * Per-connection bound on `group:subscribe`: a page subscribes a handful of times when it opens and on a
 * gap or resync; a client in a loop (or a hostile one) asking for snapshots many times a second would
 * make the node serialise and send them at that rate. Beyond the burst, requests are refused with
 * `throttled` and the client retries later (dashboard/src/live/client.ts).
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

/** 30 subscriptions per 10 s per connection: far above what a wall or a tablet sends. */
export const SUBSCRIBE_BURST = 30;
export const SUBSCRIBE_WINDOW_S = 10;

export interface SubscribeLimiter {
  allow(connectionId: string): Promise<boolean>;
}

export function createSubscribeLimiter(points = SUBSCRIBE_BURST, durationS = SUBSCRIBE_WINDOW_S): SubscribeLimiter {
  const limiter = new RateLimiterMemory({ points, duration: durationS });
  return {
    allow: (id) =>
      limiter.consume(id).then(
        () => true,
        () => false,
      ),
  };
}
