/**
 * Sign-in throttling (ARCHITECTURE.md "Sign-in": 429 after repeated failures, per account and per
 * address). Only failures count: `check` before verifying a password, `fail` after a wrong one,
 * `succeed` after a right one (which forgives the account, not the address). With Redis every node
 * counts the same attempts; should Redis fail, each node goes on counting in memory rather than either
 * refusing every sign-in or letting every guess through.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';

export interface ThrottleLimit {
  /** Failures allowed within the window … */
  failures: number;
  /** … of this many seconds (counted from the first failure). */
  windowS: number;
}

export interface SignInThrottleOptions {
  /** Shared counting across nodes; unset: in this process only. */
  redis?: Redis;
  /** Prefix of the Redis keys (tests pass their own). Default `ioc:throttle:`. */
  keyPrefix?: string;
  /** Default 5 failures / 15 min. */
  perAccount?: ThrottleLimit;
  /** Default 20 failures / 15 min (an office behind one address signs in together). */
  perAddress?: ThrottleLimit;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterS: number };

export interface SignInThrottle {
  check(username: string, ip: string | null | undefined): Promise<ThrottleVerdict>;
  fail(username: string, ip: string | null | undefined): Promise<void>;
  succeed(username: string, ip: string | null | undefined): Promise<void>;
}

interface Limiter {
  limiter: RateLimiterAbstract;
  failures: number;
}

function makeLimiter(limit: ThrottleLimit, keyPrefix: string, redis: Redis | undefined): Limiter {
  const base = { points: limit.failures, duration: limit.windowS, keyPrefix };
  const limiter = redis
    ? new RateLimiterRedis({ ...base, storeClient: redis, insuranceLimiter: new RateLimiterMemory(base) })
    : new RateLimiterMemory(base);
  return { limiter, failures: limit.failures };
}

// Usernames compare without case (as accounts do); a bounded key, whatever was typed.
const accountKey = (username: string) => username.trim().toLowerCase().slice(0, 128);
const addressKey = (ip: string | null | undefined) => ip || 'unknown';

/** consume() rejects with the limiter's state once the points are spent; anything else is a real error. */
async function count(l: Limiter, key: string): Promise<void> {
  try {
    await l.limiter.consume(key);
  } catch (err) {
    if (err instanceof Error) throw err;
  }
}

function blockedFor(l: Limiter, res: RateLimiterRes | null): number {
  if (!res || res.consumedPoints < l.failures) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

export function createSignInThrottle(opts: SignInThrottleOptions = {}): SignInThrottle {
  const prefix = opts.keyPrefix ?? 'ioc:throttle:';
  const account = makeLimiter(opts.perAccount ?? { failures: 5, windowS: 15 * 60 }, `${prefix}account`, opts.redis);
  const address = makeLimiter(opts.perAddress ?? { failures: 20, windowS: 15 * 60 }, `${prefix}address`, opts.redis);

  return {
    async check(username, ip) {
      const [a, b] = await Promise.all([account.limiter.get(accountKey(username)), address.limiter.get(addressKey(ip))]);
      const retryAfterS = Math.max(blockedFor(account, a), blockedFor(address, b));
      return retryAfterS > 0 ? { allowed: false, retryAfterS } : { allowed: true };
    },
    async fail(username, ip) {
      await Promise.all([count(account, accountKey(username)), count(address, addressKey(ip))]);
    },
    async succeed(username) {
      await account.limiter.delete(accountKey(username));
    },
  };
}
