/**
 * `server:resync` to the sockets of a group whose store feed broke (GroupCache onResync). Breaks found in
 * one tick — an emptied store breaks every group at once — go out as one message per socket and reason,
 * since Socket.IO sends a message to several rooms once per socket. Local sockets only: every node
 * follows the feed and finds the break itself.
 */
import type { ResyncReason } from '../../contract/messages.ts';
import type { RealtimeCore } from '../core.ts';

export function createResyncSender({
  io,
  metrics,
  log,
  scopedRooms,
}: Pick<RealtimeCore, 'io' | 'metrics' | 'log' | 'scopedRooms'>): (group: string, reason: ResyncReason) => void {
  const pending = new Map<ResyncReason, Set<string>>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (const [reason, rooms] of pending) io.local.to([...rooms]).emit('server:resync', { reason });
    pending.clear();
  };
  return (group, reason) => {
    log.warn({ group, reason }, 'store feed not continuous: group read again, its subscribers resync');
    metrics.resyncs.inc({ group, reason });
    const rooms = pending.get(reason) ?? new Set<string>();
    for (const room of scopedRooms.roomsOf(group)) rooms.add(room);
    pending.set(reason, rooms);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
