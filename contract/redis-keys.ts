/**
 * Every Redis key and stream name, built in one place. A prefix separates deployments and test runs
 * sharing one Redis (`ioc:` by default; tests use their own).
 */
export function redisKeys(prefix = 'ioc:') {
  return {
    /** Hash: valueKey(indicator|area|period) → IndicatorValue JSON. */
    groupValues: (group: string) => `${prefix}group:${group}:values`,
    /** Hash: version, at. */
    groupMeta: (group: string) => `${prefix}group:${group}:meta`,
    /** Set of group ids that have state. */
    groups: () => `${prefix}groups`,
    /** Stream of GroupUpdated (field `u`: JSON), capped; every realtime node reads it. */
    changes: () => `${prefix}changes`,
    /** Hash: reason → count of rejected inputs. */
    rejectedCounts: () => `${prefix}rejected:counts`,
    /** List (capped): most recent rejected inputs, newest first. */
    deadLetters: () => `${prefix}rejected:recent`,
    /** String with TTL: the owner of a singleton job (e.g. the active poller of a source). */
    lock: (name: string) => `${prefix}lock:${name}`,
    /** Stream name for the Socket.IO Redis streams adapter. */
    socketIoStream: () => `${prefix}socket.io`,
  };
}
export type RedisKeys = ReturnType<typeof redisKeys>;
