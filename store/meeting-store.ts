/**
 * The active meetings (ARCHITECTURE.md "Meetings") and the figures each froze, shared by every realtime
 * node: in Redis when REDIS_URL is set, in process otherwise (meeting-store.contract.ts runs on both).
 *
 * A change is a compare-and-set on the meeting's version: `update` reads the record, lets the caller
 * decide the next state, and writes it only if nobody else wrote in between (a Lua script in Redis), with
 * the version + 1. Two presenters' tablets on two nodes cannot both win, and no version is skipped or
 * repeated. Records and frozen figures expire MEETING_TTL_S after their last change, so an abandoned
 * meeting does not hold a wall display forever.
 */
import { Redis } from 'ioredis';
import type { GroupSnapshot } from '../contract/messages.ts';
import type { MeetingState } from '../contract/meetings.ts';
import { redisKeys } from '../contract/redis-keys.ts';
import type { Scope } from '../contract/scope.ts';

export interface MeetingRecord {
  state: MeetingState;
  /** What the meeting may show: the scope of the presenter who started it (realtime/meetings/access.ts). */
  scope: Scope;
}

/** What `update`'s decision returns: the next record (its version is set by the store), or a refusal. */
export type MeetingChange<E> = { record: MeetingRecord } | { refuse: E };

export type MeetingUpdate<E> = { ok: true; record: MeetingRecord } | { ok: false; refused: E } | { ok: false; missing: true };

export interface MeetingStore {
  /** Stores a new meeting (its version as given, normally 1). */
  create(record: MeetingRecord): Promise<void>;
  get(id: string): Promise<MeetingRecord | null>;
  /** Every active meeting, oldest first. */
  list(): Promise<MeetingRecord[]>;
  /**
   * Decides the next state from the current one and stores it with version + 1, atomically: retried
   * when another writer got in first. `decide` may be called more than once and must have no effects.
   */
  update<E>(id: string, decide: (current: MeetingRecord) => MeetingChange<E>): Promise<MeetingUpdate<E>>;
  /** Removes the meeting and its frozen figures. */
  remove(id: string): Promise<void>;
  /** Replaces the meeting's frozen figures (one snapshot per group). */
  putFrozen(id: string, snapshots: readonly GroupSnapshot[]): Promise<void>;
  /** The frozen snapshots of these groups (missing groups are left out); none when nothing is frozen. */
  getFrozen(id: string, groups: readonly string[]): Promise<GroupSnapshot[]>;
  dropFrozen(id: string): Promise<void>;
  close(): Promise<void>;
}

/** A day: a meeting runs for hours; a record left behind by a crashed tablet goes away by itself. */
export const MEETING_TTL_S = 24 * 3600;
/** Writers that keep losing the compare-and-set give up after this many tries (never in practice). */
const MAX_ATTEMPTS = 20;

const bumped = (r: MeetingRecord, version: number): MeetingRecord => ({ ...r, state: { ...r.state, version } });

export function createMemoryMeetingStore(now: () => number = Date.now): MeetingStore {
  const meetings = new Map<string, { record: MeetingRecord; expires: number }>();
  const frozen = new Map<string, Map<string, GroupSnapshot>>();
  const live = (id: string) => {
    const m = meetings.get(id);
    if (m && m.expires <= now()) {
      meetings.delete(id);
      frozen.delete(id);
      return undefined;
    }
    return m;
  };
  const clone = <T>(x: T): T => structuredClone(x);
  return {
    async create(record) {
      meetings.set(record.state.id, { record: clone(record), expires: now() + MEETING_TTL_S * 1000 });
    },
    async get(id) {
      const m = live(id);
      return m ? clone(m.record) : null;
    },
    async list() {
      return [...meetings.keys()].flatMap((id) => {
        const m = live(id);
        return m ? [clone(m.record)] : [];
      });
    },
    async update(id, decide) {
      const m = live(id);
      if (!m) return { ok: false, missing: true };
      const change = decide(clone(m.record));
      if ('refuse' in change) return { ok: false, refused: change.refuse };
      const record = bumped(clone(change.record), m.record.state.version + 1);
      meetings.set(id, { record, expires: now() + MEETING_TTL_S * 1000 });
      return { ok: true, record: clone(record) };
    },
    async remove(id) {
      meetings.delete(id);
      frozen.delete(id);
    },
    async putFrozen(id, snapshots) {
      frozen.set(id, new Map(snapshots.map((s) => [s.group, clone(s)])));
    },
    async getFrozen(id, groups) {
      if (!live(id)) return [];
      const f = frozen.get(id);
      return f ? groups.flatMap((g) => (f.has(g) ? [clone(f.get(g)!)] : [])) : [];
    },
    async dropFrozen(id) {
      frozen.delete(id);
    },
    async close() {},
  };
}

/**
 * KEYS[1] the meeting's key, KEYS[2] the active set, ARGV: expected version, new record JSON, TTL s, id.
 * Returns 1 when written, 0 when the version moved, -1 when the meeting is gone.
 */
const COMPARE_AND_SET = `
local cur = redis.call('GET', KEYS[1])
if not cur then
  redis.call('SREM', KEYS[2], ARGV[4])
  return -1
end
local rec = cjson.decode(cur)
if tonumber(rec.state.version) ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
`;

export function createRedisMeetingStore(opts: { url: string; prefix: string; onError?: (err: Error) => void }): MeetingStore {
  const redis = new Redis(opts.url, { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => opts.onError?.(err));
  const keys = redisKeys(opts.prefix);
  const parse = (json: string | null): MeetingRecord | null => {
    if (!json) return null;
    try {
      return JSON.parse(json) as MeetingRecord;
    } catch {
      return null; // written by another version: treated as gone rather than failing every caller
    }
  };
  return {
    async create(record) {
      await redis
        .multi()
        .set(keys.meeting(record.state.id), JSON.stringify(record), 'EX', MEETING_TTL_S)
        .sadd(keys.meetingsActive(), record.state.id)
        .exec();
    },
    async get(id) {
      return parse(await redis.get(keys.meeting(id)));
    },
    async list() {
      const ids = await redis.smembers(keys.meetingsActive());
      if (!ids.length) return [];
      const jsons = await redis.mget(ids.map((id) => keys.meeting(id)));
      const out: MeetingRecord[] = [];
      const gone: string[] = [];
      jsons.forEach((j, i) => {
        const r = parse(j);
        if (r) out.push(r);
        else gone.push(ids[i]!);
      });
      if (gone.length) await redis.srem(keys.meetingsActive(), ...gone);
      return out.sort((a, b) => a.state.startedAt.localeCompare(b.state.startedAt));
    },
    async update(id, decide) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current = parse(await redis.get(keys.meeting(id)));
        if (!current) return { ok: false, missing: true };
        const change = decide(structuredClone(current));
        if ('refuse' in change) return { ok: false, refused: change.refuse };
        const record = bumped(change.record, current.state.version + 1);
        const r = (await redis.eval(
          COMPARE_AND_SET,
          2,
          keys.meeting(id),
          keys.meetingsActive(),
          String(current.state.version),
          JSON.stringify(record),
          String(MEETING_TTL_S),
          id,
        )) as number;
        if (r === 1) {
          await redis.expire(keys.meetingFrozen(id), MEETING_TTL_S);
          return { ok: true, record };
        }
        if (r === -1) return { ok: false, missing: true };
      }
      throw new Error(`meeting ${id}: too many concurrent changes`);
    },
    async remove(id) {
      await redis.multi().del(keys.meeting(id), keys.meetingFrozen(id)).srem(keys.meetingsActive(), id).exec();
    },
    async putFrozen(id, snapshots) {
      const key = keys.meetingFrozen(id);
      const m = redis.multi().del(key);
      if (snapshots.length) m.hset(key, ...snapshots.flatMap((s) => [s.group, JSON.stringify(s)])).expire(key, MEETING_TTL_S);
      await m.exec();
    },
    async getFrozen(id, groups) {
      if (!groups.length) return [];
      const jsons = await redis.hmget(keys.meetingFrozen(id), ...groups);
      return jsons.flatMap((j) => (j ? [JSON.parse(j) as GroupSnapshot] : []));
    },
    async dropFrozen(id) {
      await redis.del(keys.meetingFrozen(id));
    },
    async close() {
      redis.disconnect();
    },
  };
}
