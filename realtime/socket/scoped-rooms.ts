/**
 * Deltas for callers who may not see the whole province. A socket of a full-province principal joins the
 * group's room and gets every change; a commune official's joins a room of its scope (the sorted commune
 * list) and gets the same update with only those communes' changes — with the same version, so its
 * versions stay contiguous even when an update carries nothing for them. One filter per distinct scope
 * and update, never per socket.
 */
import type { GroupUpdated } from '../../contract/messages.ts';
import type { IoServer } from '../plugin.ts';
import { groupRoom } from '../rooms.ts';
import { emitFrame } from './frame-broadcast.ts';

const PREFIX = 'scoped:';

export interface ScopedRooms {
  /** The room a socket with these communes (null: the whole province) joins for a group. */
  roomFor(group: string, communes: readonly string[] | null): string;
  /** Sends an update to the group's room and to each scoped room of the group that has sockets here. */
  emit(update: GroupUpdated): void;
  /** Every room of the group on this node: its own and the scoped ones. */
  roomsOf(group: string): string[];
}

export function createScopedRooms(io: IoServer): ScopedRooms {
  /** room → its group and communes; rooms without sockets on this node are dropped as the adapter drops them. */
  const scoped = new Map<string, { group: string; communes: ReadonlySet<string> }>();
  io.of('/').adapter.on('delete-room', (room: string) => {
    if (room.startsWith(PREFIX)) scoped.delete(room);
  });
  return {
    roomFor(group, communes) {
      if (communes === null) return groupRoom(group);
      const sorted = [...new Set(communes)].sort();
      const room = `${PREFIX}${group}:${sorted.join(',')}`;
      if (!scoped.has(room)) scoped.set(room, { group, communes: new Set(sorted) });
      return room;
    },
    emit(update) {
      // Local sockets only, one frame per room (frame-broadcast.ts).
      emitFrame(io, groupRoom(update.group), 'group:updated', update);
      for (const [room, s] of scoped) {
        if (s.group !== update.group) continue;
        emitFrame(io, room, 'group:updated', { ...update, changes: update.changes.filter((c) => s.communes.has(c.area)) });
      }
    },
    roomsOf(group) {
      return [groupRoom(group), ...[...scoped].filter(([, s]) => s.group === group).map(([room]) => room)];
    },
  };
}
