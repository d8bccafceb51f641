/**
 * Every Redis key and stream name, built in one place. A prefix separates deployments and test runs
 * sharing one Redis (`ioc:` by default; tests use their own).
 */
export function redisKeys(prefix = 'ioc:') {
  const alerts = `${prefix}alerts:`;
  const screens = `${prefix}screens:`;
  const meetings = `${prefix}meetings:`;
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
    /** String, no TTL: the lock's current fencing token (store/lease.ts), the largest ever issued. */
    lockFence: (name: string) => `${prefix}lock:${name}:fence`,
    /** String: the state's generation (store.ts StateInfo), a random id; missing once the state is lost. */
    generation: () => `${prefix}generation`,
    /** String: the generation the ingest last published its whole window into. */
    loadedGeneration: () => `${prefix}generation:loaded`,
    /** Stream name for the Socket.IO Redis streams adapter. */
    socketIoStream: () => `${prefix}socket.io`,

    // The alert store (store/redis-alert-store.ts): its own keys and change feed.
    /** Hash: alert id → Alert JSON (latest copy; ended ones kept for dedupe). */
    alertById: () => `${alerts}byid`,
    /** Hash: alert id → version (compare-and-set without decoding JSON in Lua). */
    alertVersions: () => `${alerts}ver`,
    /** Sorted set: alert id → last write in ms (pruning of old ended alerts). */
    alertSeen: () => `${alerts}seen`,
    /** Set: ids of active alerts. */
    alertsActive: () => `${alerts}active`,
    /** Stream (capped), t = change type, j = JSON: the bounded alert history and the change feed. */
    alertChanges: () => `${alerts}changes`,
    /** Hash: camera id → CameraStatus JSON. */
    cameraStatuses: () => `${alerts}cameras`,

    // The wall screens' registry (store/screen-registry.ts).
    /** Hash: screen id → last heartbeat record JSON. */
    screenStates: () => `${screens}state`,
    /** String with TTL: a screen's latest thumbnail (JPEG bytes). */
    screenThumbnail: (screen: string) => `${screens}thumb:${screen}`,
    /** Hash: screen id → time of its latest thumbnail. */
    screenThumbnailTimes: () => `${screens}thumb-at`,

    // Meetings (store/meeting-store.ts).
    /** String with TTL: one meeting's record JSON (state, scope), rewritten by compare-and-set on its version. */
    meeting: (id: string) => `${meetings}m:${id}`,
    /** Set: ids of the active meetings (an id whose record expired is dropped when listed). */
    meetingsActive: () => `${meetings}active`,
    /** Hash with TTL: group → GroupSnapshot JSON, the figures a meeting froze. */
    meetingFrozen: (id: string) => `${meetings}frozen:${id}`,
    /**
     * String with TTL: the id of the meeting a wall display follows, claimed for all of a meeting's displays
     * or none in one script, with the meeting's own TTL; free when it names a meeting that is gone.
     */
    meetingDisplay: (display: string) => `${meetings}display:${display}`,

    /** SCAN pattern of every key above (tests delete their prefix with it). */
    everything: () => `${prefix}*`,
  };
}
export type RedisKeys = ReturnType<typeof redisKeys>;
