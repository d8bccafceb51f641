/**
 * Locks with a fencing token, for singleton jobs across replicas (the active poller of a source). The
 * rules, shared by both stores (the Redis store runs them as one Lua script, the in-process store calls
 * decideLock):
 *  - a lock has a holder (an owner name) until its TTL lapses or it is released;
 *  - every acquisition issues a token greater than every token issued before for that lock (INCR, raised
 *    to a floor the caller passes: its clock in ms, so tokens keep growing even after Redis lost its keys);
 *  - renewing needs the token: a holder whose token is no longer the current one has been replaced, even
 *    if its owner name is the same (two processes under one instance id, or a paused process whose
 *    restarted self took over), and is told so (null) instead of being renewed;
 *  - a write carrying a fence is applied only while its token is the current one (checked in the same
 *    atomic step as the write), else refused with StaleFenceError.
 * Equality, not "greater or equal", decides a write: after a Redis restart emptied the keys the current
 * token is missing, and a write of a token issued before is refused too.
 */

/** What a fenced write carries: the lock it was granted under and the token of that grant. */
export interface Fence {
  lock: string;
  token: number;
}

export interface LockAttempt {
  /** The token the caller holds: present means "renew my lease", absent means "acquire". */
  token?: number;
  /**
   * Acquire even when the lock is held under the caller's own owner name (default true): a process
   * restarted after a crash takes its own lock over at once instead of waiting for the TTL. A caller that
   * has just lost the lock passes false, so it does not take it back from a live twin of the same name.
   */
  reclaim?: boolean;
}

/** A fenced write arrived after a newer holder took the lock: nothing was written. */
export class StaleFenceError extends Error {
  constructor(
    readonly lock: string,
    readonly token: number,
  ) {
    super(`write refused: lock ${lock} has a newer holder than token ${token}`);
    this.name = 'StaleFenceError';
  }
}

export interface LockState {
  /** The unexpired holder, or null when the lock is free. */
  holder: string | null;
  /** The lock's current token (the last one issued), 0 when none was. */
  token: number;
}

export type LockDecision = { grant: 'renewed' | 'acquired'; token: number } | { grant: null };

/** The next token: one more than the current, and never below `floor` (the caller's clock in ms). */
export const nextToken = (current: number, floor: number): number => Math.max(current + 1, floor);

/** Whether `owner` may hold the lock after this attempt, and under which token (pure; the Lua script mirrors it). */
export function decideLock(state: LockState, owner: string, attempt: LockAttempt, floor: number): LockDecision {
  if (attempt.token !== undefined) {
    const ours = attempt.token === state.token && (state.holder === null || state.holder === owner);
    return ours ? { grant: 'renewed', token: state.token } : { grant: null };
  }
  const free = state.holder === null || (state.holder === owner && attempt.reclaim !== false);
  return free ? { grant: 'acquired', token: nextToken(state.token, floor) } : { grant: null };
}
