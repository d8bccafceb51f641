/**
 * The active meetings (ARCHITECTURE.md "Meetings") and the figures each froze, shared by every realtime
 * node: in Redis when REDIS_URL is set, in process otherwise (meeting-store.contract.ts runs on both).
 *
 * A change is a compare-and-set on the meeting's version: `update` reads the record, lets the caller
 * decide the next state, and writes it only if nobody else wrote in between (a Lua script in Redis), with
 * the version + 1. Two presenters' tablets on two nodes cannot both win, and no version is skipped or
 * repeated. Records and frozen figures expire MEETING_TTL_S after their last change, so an abandoned
 * meeting does not hold a wall display forever.
 *
 * A wall display follows one meeting at a time, on every node: `create` claims all of the meeting's
 * displays or none, in the same atomic step that stores it (one Lua script: a per-display owner key), so
 * two meetings started at the same moment on two nodes cannot both take a display. A change of a
 * meeting's displays through `update` claims the new ones and releases the ones it gives up in its
 * compare-and-set; `remove` releases them. Claims carry the meeting's TTL and are refreshed with it, and
 * a claim naming a meeting that is gone is free, so an expired meeting never keeps a display.
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

/** A display another active meeting follows: the one named first in the request that is taken. */
export interface DisplayBusy {
  display: string;
  /** The id of the meeting that holds it. */
  meeting: string;
}

export type MeetingCreate = { ok: true } | { ok: false; busy: DisplayBusy };

export type MeetingUpdate<E> =
  | { ok: true; record: MeetingRecord }
  | { ok: false; refused: E }
  | { ok: false; missing: true }
  | { ok: false; busy: DisplayBusy };

export interface MeetingStore {
  /**
   * Stores a new meeting (its version as given, normally 1) and claims its displays, atomically: when
   * any of them follows another active meeting, nothing is stored and nothing is claimed.
   */
  create(record: MeetingRecord): Promise<MeetingCreate>;
  get(id: string): Promise<MeetingRecord | null>;
  /** Every active meeting, oldest first. */
  list(): Promise<MeetingRecord[]>;
  /**
   * Decides the next state from the current one and stores it with version + 1, atomically: retried
   * when another writer got in first. `decide` may be called more than once and must have no effects.
   * When the next state names other displays, the new ones are claimed (`busy`, nothing changed, when
   * another meeting holds one) and the ones left are released in the same step.
   */
  update<E>(id: string, decide: (current: MeetingRecord) => MeetingChange<E>): Promise<MeetingUpdate<E>>;
  /** Removes the meeting and its frozen figures, and releases its displays. */
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
  /** The first of these displays that another live meeting follows (claims are the live meetings' displays). */
  const busyFor = (id: string, displays: readonly string[]): DisplayBusy | null => {
    for (const display of displays)
      for (const other of meetings.keys()) {
        if (other === id) continue;
        const m = live(other);
        if (m?.record.state.displays.includes(display)) return { display, meeting: other };
      }
    return null;
  };
  return {
    async create(record) {
      // No await between the check and the write: one step, as the Redis script is.
      const busy = busyFor(record.state.id, record.state.displays);
      if (busy) return { ok: false, busy };
      meetings.set(record.state.id, { record: clone(record), expires: now() + MEETING_TTL_S * 1000 });
      return { ok: true };
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
      const busy = busyFor(id, change.record.state.displays);
      if (busy) return { ok: false, busy };
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

/*
 * Display claims: KEYS[3..] are per-display owner keys. A claim is free when absent, ours, or naming a
 * meeting whose record is gone (its key is ARGV's meeting-key prefix + the owner id: a key the script
 * derives, fine on the standalone Redis the center uses; in a cluster every meeting key would need one
 * hash tag anyway). Claims are written with the record's TTL, in the same script, so they expire with it.
 */
const CLAIMS = `
local function owner_of(key, id, prefix)
  local owner = redis.call('GET', key)
  if owner and owner ~= id and redis.call('EXISTS', prefix .. owner) == 1 then return owner end
  return false
end
`;

/**
 * KEYS[1] the meeting's key, KEYS[2] the active set, KEYS[3..] its displays' claim keys; ARGV: record
 * JSON, TTL s, id, meeting-key prefix. Returns {} when stored, {index, owner} of the first display taken.
 */
const CREATE = `${CLAIMS}
for i = 3, #KEYS do
  local owner = owner_of(KEYS[i], ARGV[3], ARGV[4])
  if owner then return {i - 2, owner} end
end
local ttl = tonumber(ARGV[2])
for i = 3, #KEYS do redis.call('SET', KEYS[i], ARGV[3], 'EX', ttl) end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ttl)
redis.call('SADD', KEYS[2], ARGV[3])
return {}
`;

/**
 * KEYS[1] the meeting's key, KEYS[2] the active set, KEYS[3..] claim keys of the displays before and
 * after the change; ARGV: expected version, new record JSON, TTL s, id, meeting-key prefix, then one
 * 'keep' (named after the change) or 'drop' (given up) per claim key.
 * Returns {1} when written, {0} when the version moved, {-1} when the meeting is gone, {-2, index, owner}
 * when a display it would take follows another meeting.
 */
const COMPARE_AND_SET = `${CLAIMS}
local cur = redis.call('GET', KEYS[1])
if not cur then
  redis.call('SREM', KEYS[2], ARGV[4])
  return {-1}
end
local rec = cjson.decode(cur)
if tonumber(rec.state.version) ~= tonumber(ARGV[1]) then return {0} end
for i = 3, #KEYS do
  if ARGV[i + 3] == 'keep' then
    local owner = owner_of(KEYS[i], ARGV[4], ARGV[5])
    if owner then return {-2, i - 2, owner} end
  end
end
local ttl = tonumber(ARGV[3])
for i = 3, #KEYS do
  if ARGV[i + 3] == 'keep' then
    redis.call('SET', KEYS[i], ARGV[4], 'EX', ttl)
  elseif redis.call('GET', KEYS[i]) == ARGV[4] then
    redis.call('DEL', KEYS[i])
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ttl)
return {1}
`;

/** KEYS[1] the meeting's key, KEYS[2] its frozen figures, KEYS[3] the active set, KEYS[4..] claim keys; ARGV[1] id. */
const REMOVE = `
for i = 4, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
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
      const { id } = record.state;
      const displays = [...new Set(record.state.displays)];
      const r = (await redis.eval(
        CREATE,
        2 + displays.length,
        keys.meeting(id),
        keys.meetingsActive(),
        ...displays.map((d) => keys.meetingDisplay(d)),
        JSON.stringify(record),
        String(MEETING_TTL_S),
        id,
        keys.meeting(''),
      )) as [] | [number, string];
      if (r.length === 0) return { ok: true };
      return { ok: false, busy: { display: displays[r[0] - 1]!, meeting: r[1] } };
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
        const kept = [...new Set(record.state.displays)];
        const dropped = current.state.displays.filter((d) => !kept.includes(d));
        const claims = [...kept, ...dropped];
        const r = (await redis.eval(
          COMPARE_AND_SET,
          2 + claims.length,
          keys.meeting(id),
          keys.meetingsActive(),
          ...claims.map((d) => keys.meetingDisplay(d)),
          String(current.state.version),
          JSON.stringify(record),
          String(MEETING_TTL_S),
          id,
          keys.meeting(''),
          ...claims.map((d) => (kept.includes(d) ? 'keep' : 'drop')),
        )) as [number, number?, string?];
        if (r[0] === 1) {
          await redis.expire(keys.meetingFrozen(id), MEETING_TTL_S);
          return { ok: true, record };
        }
        if (r[0] === -1) return { ok: false, missing: true };
        if (r[0] === -2) return { ok: false, busy: { display: claims[r[1]! - 1]!, meeting: r[2]! } };
      }
      throw new Error(`meeting ${id}: too many concurrent changes`);
    },
    async remove(id) {
      // The displays to release, as last stored; a claim missed here (a change in between) names a
      // meeting that is gone, which is free, and expires with its TTL.
      const displays = parse(await redis.get(keys.meeting(id)))?.state.displays ?? [];
      await redis.eval(
        REMOVE,
        3 + displays.length,
        keys.meeting(id),
        keys.meetingFrozen(id),
        keys.meetingsActive(),
        ...displays.map((d) => keys.meetingDisplay(d)),
        id,
      );
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
