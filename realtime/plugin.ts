/**
 * What a feature plugs into the realtime server with (alerts, screens, tablet, …), and the typed
 * Socket.IO server and socket every part of realtime shares. Plugins import this file, never app.ts.
 */
import type { Express, Request } from 'express';
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../contract/config.ts';
import type {
  ClientToServerEvents,
  ErrorCode,
  GroupSnapshot,
  ServerToClientEvents,
  SubscribeResult,
} from '../contract/messages.ts';
import type { Scope } from '../contract/scope.ts';
import type { Store } from '../store/store.ts';
import type { Principal } from './identity/principal.ts';
import type { IdentityServices } from './identity/services.ts';

/** Per-socket data: who connected (set by the handshake). */
export interface SocketData {
  principal: Principal;
  /** The client takes coalesced deltas (`auth: { coalesce: true }`; realtime/socket/coalesce.ts). */
  coalesce?: boolean;
}
export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * A feature that adds to the server without editing it: routes, subscribable groups beyond the indicator
 * groups (e.g. `alerts`), its own Socket.IO handlers. Installed before the 404 and static routes.
 */
export interface RealtimePlugin {
  name: string;
  /** Groups this plugin serves; subscribing joins room `group:<name>` and merges the plugin's snapshot. */
  groups?: string[];
  /** Within the principal's scope (ARCHITECTURE.md: alerts by the camera's commune). */
  snapshot?(group: string, principal: Principal): Promise<Partial<SubscribeResult>>;
  /** The rooms a subscriber joins for one of its groups (default: `group:<name>`), e.g. per commune for a commune official. */
  roomsFor?(group: string, principal: Principal): string[];
  /**
   * `group:subscribe { meeting }` (the meetings plugin): the scope with which this socket reads the
   * meeting's figures, and while the meeting is frozen the snapshots it froze (then no live rooms).
   */
  meetingFigures?(principal: Principal, meeting: string, groups: readonly string[]): Promise<MeetingFigures>;
  install(ctx: RealtimePluginContext): void | Promise<void>;
  close?(): Promise<void>;
}

export type MeetingFigures =
  | { ok: true; scope: Scope; frozen: GroupSnapshot[] | null; frozenAt: string | null }
  | { ok: false; code: ErrorCode; message: string };

export interface RealtimePluginContext {
  app: Express;
  io: IoServer;
  store: Store;
  config: Config;
  log: Logger;
  registry: Registry;
  /** Who sent an HTTP request (a session or device cookie, or a Bearer credential), or null. */
  principalOf(req: Request): Principal | null;
  /** Room name of a subscribable group. */
  groupRoom(group: string): string;
  /** Audit log, sessions, devices: for plugins that act on behalf of someone (screen commands). */
  identity: IdentityServices;
}
