/**
 * `group:subscribe` and `group:unsubscribe`: validated at the edge, answered from the group cache (and
 * the plugins' snapshots for their groups), joined and read in one synchronous step.
 */
import type { Ack, ErrorCode, SubscribeResult } from '../../contract/messages.ts';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '../../contract/messages.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import type { RealtimeCore } from '../core.ts';
import type { IoSocket, RealtimePlugin } from '../plugin.ts';
import { groupRoom } from '../rooms.ts';
import { scopedSnapshot } from '../snapshot-scope.ts';

type SubscribeDeps = Pick<RealtimeCore, 'io' | 'cache' | 'catalog' | 'metrics' | 'log' | 'now'> & {
  /** Plugin by each group it serves (e.g. `alerts`). */
  pluginGroups: ReadonlyMap<string, RealtimePlugin>;
};

export function installSubscribeHandlers({ io, cache, catalog, metrics, log, now, pluginGroups }: SubscribeDeps): void {
  const fail = <T>(code: ErrorCode, message: string): Ack<T> => {
    metrics.clientErrors.inc({ code });
    return { ok: false, error: { code, message } };
  };

  io.on('connection', (socket: IoSocket) => {
    metrics.connections.inc();
    socket.on('disconnect', () => metrics.connections.dec());

    socket.on('group:subscribe', async (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      try {
        const parsed = SubscribeRequestSchema.safeParse(req);
        if (!parsed.success) return reply(fail('invalid-payload', describeZodError(parsed.error)));
        const unknown = parsed.data.groups.filter((g) => !catalog.groupIds.has(g) && !pluginGroups.has(g));
        if (unknown.length) return reply(fail('unknown-group', `unknown group: ${unknown.slice(0, 5).join(', ')}`));
        const area = parsed.data.area ?? catalog.provinceCode;
        if (!catalog.areaCodes.has(area)) return reply(fail('unknown-area', `unknown area: ${area}`));
        const indicatorGroups = parsed.data.groups.filter((g) => catalog.groupIds.has(g));
        let extra: Partial<SubscribeResult> = {};
        for (const g of parsed.data.groups) {
          const plugin = pluginGroups.get(g);
          if (!plugin) continue;
          void socket.join(groupRoom(g));
          extra = { ...extra, ...(await plugin.snapshot?.(g, socket.data.principal)) };
        }
        const states = await cache.current(indicatorGroups);
        // From here on synchronous: join and snapshot in one step (see GroupCache).
        const scope = { area, provinceCode: catalog.provinceCode, now: now() };
        const snapshots = indicatorGroups.map((g, i) => {
          void socket.join(groupRoom(g));
          return scopedSnapshot(g, states[i]!, scope);
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
      for (const g of parsed.data.groups) void socket.leave(groupRoom(g));
      reply({ ok: true, data: { groups: parsed.data.groups } });
    });
  });
}
