/**
 * Deltas for callers who may not see the whole province, and for sockets that take coalesced deltas. A
 * socket of a full-province principal joins the group's room and gets every change; a commune official's
 * joins a room of its scope (the sorted commune list) and gets the same update with only those communes'
 * changes — with the same version, so its versions stay contiguous even when an update carries nothing for
 * them. One filter per distinct scope and update, never per socket. A socket that connected with
 * `auth: { coalesce: true }` joins the coalesced twin of its room instead, which gets the merged deltas of
 * coalesce.ts.
 */
import type { GroupUpdated } from '../../contract/messages.ts';
import type { IoServer } from '../plugin.ts';
import { groupRoom } from '../rooms.ts';
import { emitFrame } from './frame-broadcast.ts';

const PREFIX = 'scoped:';
const COALESCED = 'coalesced:';

/** Which deltas a room gets: one per version, or coalesced bursts. */
export type DeltaKind = 'each' | 'coalesced';

export interface ScopedRooms {
  /** The room a socket with these communes (null: the whole province) joins for a group. */
  roomFor(group: string, communes: readonly string[] | null, kind?: DeltaKind): string;
  /** Sends an update to the group's rooms of that kind that have sockets here (each scoped room filtered). */
  emit(update: GroupUpdated, kind?: DeltaKind): void;
  /** Every room of the group on this node: its own and the scoped and coalesced ones. */
  roomsOf(group: string): string[];
}

interface Room {
  group: string;
  /** null: the whole province. */
  communes: ReadonlySet<string> | null;
  kind: DeltaKind;
}

export function createScopedRooms(io: IoServer): ScopedRooms {
  /** room → what it gets; rooms without sockets on this node are dropped as the adapter drops them. */
  const rooms = new Map<string, Room>();
  io.of('/').adapter.on('delete-room', (room: string) => {
    if (room.startsWith(PREFIX) || room.startsWith(COALESCED)) rooms.delete(room);
  });
  return {
    roomFor(group, communes, kind = 'each') {
      const sorted = communes === null ? null : [...new Set(communes)].sort();
      const base = sorted === null ? groupRoom(group) : `${PREFIX}${group}:${sorted.join(',')}`;
      if (kind === 'each' && sorted === null) return base;
      const room = kind === 'coalesced' ? `${COALESCED}${base}` : base;
      if (!rooms.has(room)) rooms.set(room, { group, communes: sorted && new Set(sorted), kind });
      return room;
    },
    emit(update, kind = 'each') {
      // Local sockets only, one frame per room (frame-broadcast.ts).
      if (kind === 'each') emitFrame(io, groupRoom(update.group), 'group:updated', update);
      for (const [room, r] of rooms) {
        if (r.group !== update.group || r.kind !== kind) continue;
        const communes = r.communes;
        emitFrame(
          io,
          room,
          'group:updated',
          communes ? { ...update, changes: update.changes.filter((c) => communes.has(c.area)) } : update,
        );
      }
    },
    roomsOf(group) {
      return [groupRoom(group), ...[...rooms].filter(([, r]) => r.group === group).map(([room]) => room)];
    },
  };
}
