/**
 * `group:subscribe` and `group:unsubscribe`: validated at the edge, checked against the caller's scope
 * (a group or area outside it is `forbidden`), answered from the group cache (and the plugins' snapshots
 * for their groups), joined and read in one synchronous step. A caller who sees only some communes joins
 * a room of its scope (scoped-rooms.ts) and gets only those communes' values, in snapshots and deltas.
 */
import type { Ack, ErrorCode, GroupSnapshot, SubscribeResult } from '../../contract/messages.ts';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '../../contract/messages.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import type { RealtimeCore } from '../core.ts';
import type { IoSocket, RealtimePlugin } from '../plugin.ts';
import { groupRoom } from '../rooms.ts';
import { scopedSnapshot } from '../snapshot-scope.ts';
import { refusal, seesWholeProvince, visibleValues } from '../access.ts';
import { SnapshotMemo } from './snapshot-memo.ts';
import { createSubscribeLimiter } from './subscribe-limit.ts';
import { frozenSnapshots } from '../meetings/frozen.ts';

type SubscribeDeps = Pick<RealtimeCore, 'io' | 'cache' | 'catalog' | 'metrics' | 'log' | 'now' | 'scopedRooms'> & {
  /** Plugin by each group it serves (e.g. `alerts`). */
  pluginGroups: ReadonlyMap<string, RealtimePlugin>;
  /** The plugin that answers `group:subscribe { meeting }` (realtime/meetings), if installed. */
  meetings?: RealtimePlugin | undefined;
};

export function installSubscribeHandlers({
  io,
  cache,
  catalog,
  metrics,
  log,
  now,
  pluginGroups,
  scopedRooms,
  meetings,
}: SubscribeDeps): void {
  const fail = <T>(code: ErrorCode, message: string): Ack<T> => {
    metrics.clientErrors.inc({ code });
    return { ok: false, error: { code, message } };
  };

  const memo = new SnapshotMemo();
  const limiter = createSubscribeLimiter();

  io.on('connection', (socket: IoSocket) => {
    metrics.connections.inc();
    socket.on('disconnect', () => metrics.connections.dec());

    socket.on('group:subscribe', async (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      try {
        if (!(await limiter.allow(socket.id)))
          return reply(fail('throttled', 'too many subscriptions from this connection; retry in a few seconds'));
        const parsed = SubscribeRequestSchema.safeParse(req);
        if (!parsed.success) return reply(fail('invalid-payload', describeZodError(parsed.error)));
        const unknown = parsed.data.groups.filter((g) => !catalog.groupIds.has(g) && !pluginGroups.has(g));
        if (unknown.length) return reply(fail('unknown-group', `unknown group: ${unknown.slice(0, 5).join(', ')}`));
        const area = parsed.data.area ?? catalog.provinceCode;
        if (!catalog.areaCodes.has(area)) return reply(fail('unknown-area', `unknown area: ${area}`));
        let principal = socket.data.principal;
        let frozen: { snapshots: GroupSnapshot[]; at: string } | null = null;
        if (parsed.data.meeting !== undefined) {
          // A meeting's figures: read with the scope the meeting gives this socket (realtime/access.ts).
          const m = (await meetings?.meetingFigures?.(principal, parsed.data.meeting, parsed.data.groups)) ?? {
            ok: false as const,
            code: 'not-found' as const,
            message: 'meetings are not served here',
          };
          if (!m.ok) return reply(fail(m.code, m.message));
          principal = { ...principal, scope: m.scope };
          if (m.frozen && m.frozenAt) frozen = { snapshots: m.frozen, at: m.frozenAt };
        }
        const why = refusal(principal, { groups: parsed.data.groups, areas: [area] }, catalog.provinceCode);
        if (why) return reply(fail('forbidden', why));
        // The same group named twice is one subscription (and one snapshot in the answer).
        const indicatorGroups = [...new Set(parsed.data.groups.filter((g) => catalog.groupIds.has(g)))];
        const communes = seesWholeProvince(principal, catalog.provinceCode) ? null : (principal.scope.areas as string[]);
        const kind = socket.data.coalesce ? 'coalesced' : 'each';
        let extra: Partial<SubscribeResult> = {};
        for (const g of new Set(parsed.data.groups)) {
          const plugin = pluginGroups.get(g);
          if (!plugin) continue;
          for (const room of plugin.roomsFor?.(g, principal) ?? [groupRoom(g)]) void socket.join(room);
          extra = { ...extra, ...(await plugin.snapshot?.(g, principal)) };
        }
        if (frozen) {
          // Frozen: the snapshots of that moment and no live rooms, so no deltas until unfrozen.
          for (const g of indicatorGroups) {
            void socket.leave(groupRoom(g));
            void socket.leave(scopedRooms.roomFor(g, communes, kind));
          }
          const at = { area, provinceCode: catalog.provinceCode, frozenAt: frozen.at };
          const snapshots = frozenSnapshots(frozen.snapshots, indicatorGroups, principal, at);
          return reply({ ok: true, data: { ...extra, snapshots } } satisfies Ack<SubscribeResult>);
        }
        const states = await cache.current(indicatorGroups);
        // From here on synchronous: join and snapshot in one step (see GroupCache).
        const scope = { area, provinceCode: catalog.provinceCode, now: now() };
        // Every socket asking for the same state, area and scope gets the same snapshot, built and
        // serialised once (snapshot-memo.ts); the window moves with the year, so the year is in the key.
        const key = `${area}|${communes ? [...communes].sort().join(',') : '*'}|${scope.now.getUTCFullYear()}`;
        const snapshots = indicatorGroups.map((g, i) => {
          const state = states[i]!;
          void socket.join(scopedRooms.roomFor(g, communes, kind));
          return memo.get(state, state.version, key, () => {
            const snap = scopedSnapshot(g, state, scope);
            return communes ? { ...snap, values: visibleValues(principal, snap.values, catalog.provinceCode) } : snap;
          });
        });
        reply({ ok: true, data: { ...extra, snapshots } } satisfies Ack<SubscribeResult>);
      } catch (err) {
        log.error({ err }, 'group:subscribe failed');
        reply(fail('internal', 'internal error'));
      }
    });

    socket.on('group:unsubscribe', (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = UnsubscribeRequestSchema.safeParse(req);
      if (!parsed.success) return reply(fail('invalid-payload', describeZodError(parsed.error)));
      const communes = seesWholeProvince(socket.data.principal, catalog.provinceCode)
        ? null
        : (socket.data.principal.scope.areas as string[]);
      const kind = socket.data.coalesce ? 'coalesced' : 'each';
      for (const g of parsed.data.groups) {
        for (const room of pluginGroups.get(g)?.roomsFor?.(g, socket.data.principal) ?? []) void socket.leave(room);
        void socket.leave(groupRoom(g));
        if (communes || kind === 'coalesced') void socket.leave(scopedRooms.roomFor(g, communes, kind));
      }
      reply({ ok: true, data: { groups: parsed.data.groups } });
    });
  });
}
