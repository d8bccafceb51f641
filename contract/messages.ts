/**
 * The live messages: Socket.IO events and their payloads, and the store's change feed (GroupUpdated).
 * Imported by ingest, realtime and the dashboard alike. zod schemas validate what comes from outside;
 * the inferred types are what the code inside uses. Bodies of the HTTP API live in http.ts.
 */
import { z } from 'zod';
import type { Alert, CameraStatus } from './alerts.ts';
import type { MeetingHandover, MeetingNavigate, MeetingRef, MeetingStart, MeetingState, Note } from './meetings.ts';

export const VALUE_STATUSES = ['estimate', 'preliminary', 'official'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];
export const VALUE_FLAGS = ['revised', 'implausible'] as const;
export type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Comparisons derived by ingest from the stored in-period values (see contract/derive.ts). */
export const DerivedSchema = z.object({
  /** Year-to-date (lũy kế) figure in the indicator's unit; for stocks and rates, the latest value. */
  ytd: z.number().nullable(),
  /** The same period of the previous year: in-period value and its year-to-date figure. */
  lastYear: z.number().nullable(),
  lastYearYtd: z.number().nullable(),
  /** Change against the same period last year, in percent, on the figure the tile shows (ytd). */
  yoyPct: z.number().nullable(),
  /** The plan that applies (the period's own, else the year's), and the shown figure as a percent of it. */
  plan: z.number().nullable(),
  pctOfPlan: z.number().nullable(),
});
export type Derived = z.infer<typeof DerivedSchema>;

export const IndicatorValueSchema = z.object({
  indicator: z.string(),
  area: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  plan: z.number().nullable(),
  status: z.enum(VALUE_STATUSES),
  /** ISO-8601, microseconds kept as the database wrote them. */
  updatedAt: z.string(),
  /** Reporting agency code. */
  reporter: z.string().nullable().optional(),
  derived: DerivedSchema.optional(),
  /**
   * `revised`: changed after its first publication (kept for a configured time); `implausible`: breaks one
   * of the indicator's plausibility rules (still published, shown as "cần kiểm tra").
   */
  flags: z.array(z.enum(VALUE_FLAGS)).optional(),
  /** Where revised: the figure as first published (or as it was before the latest revision). */
  previous: z.object({ value: z.number().nullable(), status: z.enum(VALUE_STATUSES), updatedAt: z.string() }).optional(),
  /** Where implausible: which rules it broke (`range`, `yoy-change`, …) and a readable reason. */
  checks: z.array(z.object({ rule: z.string(), message: z.string() })).optional(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

export interface GroupSnapshot {
  group: string;
  /** Grows by exactly 1 per update of the group. */
  version: number;
  /** ISO-8601 time of the last update. */
  at: string;
  values: IndicatorValue[];
}

export interface GroupUpdated {
  group: string;
  version: number;
  /**
   * Only on a coalesced delta (sockets that connected with `auth: { coalesce: true }`): the first version it
   * carries; `changes` are versions `fromVersion`…`version` merged, each value's last state. Absent: the
   * delta is the one version `version`.
   */
  fromVersion?: number;
  at: string;
  changes: IndicatorValue[];
}

/** `throttled`: too many requests from this connection (group:subscribe is bounded per connection); retry later. */
export const ERROR_CODES = [
  'invalid-payload',
  'unknown-group',
  'unknown-area',
  'forbidden',
  'internal',
  'throttled',
  // Meetings (contract/meetings.ts MEETING_ERROR_CODES).
  'not-found',
  'unknown-indicator',
  'bad-period',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

const GroupIdsSchema = z.array(z.string().min(1).max(64)).min(1).max(64);

export const SubscribeRequestSchema = z
  .object({
    groups: GroupIdsSchema,
    area: z
      .string()
      .regex(/^\d{2,5}$/, 'an admin-unit code of 2 to 5 digits')
      .optional(),
    /** A meeting's figures: frozen snapshots while it is frozen (and no deltas), else live (ARCHITECTURE.md "Meetings"). */
    meeting: z.string().min(1).max(64).optional(),
  })
  .strict();
export type SubscribeRequest = z.infer<typeof SubscribeRequestSchema>;

export const UnsubscribeRequestSchema = z.object({ groups: GroupIdsSchema }).strict();
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequestSchema>;

export interface SubscribeResult {
  snapshots: GroupSnapshot[];
  /** When the request named the `alerts` group: the active alerts and every camera's status. */
  alerts?: AlertsSnapshot;
}

export interface AlertsSnapshot {
  /** Active alerts and the most recent ended ones, newest first by receivedAt. */
  alerts: Alert[];
  cameras: CameraStatus[];
}

/**
 * Why the server sent `server:resync`: the store's change feed of a group this node serves was not
 * continuous (`feed-gap`: versions were skipped, e.g. the feed was trimmed past this node;
 * `feed-restarted`: a version at or below one already seen, e.g. the store was emptied; `store-reset`: the
 * store's generation changed or vanished — its state was lost, every group is read again).
 */
export const RESYNC_REASONS = ['feed-gap', 'feed-restarted', 'store-reset'] as const;
export type ResyncReason = (typeof RESYNC_REASONS)[number];

/** Socket.IO event maps. The client uses them with the generics swapped. */
export interface ServerToClientEvents {
  'group:updated': (update: GroupUpdated) => void;
  /** Server asks the clients of a group to drop their state and subscribe again (see ResyncReason). */
  'server:resync': (reason: { reason: ResyncReason }) => void;
  /** To clients subscribed to the `alerts` group. */
  'alert:raised': (alert: Alert) => void;
  'alert:updated': (alert: Alert) => void;
  'camera:status-changed': (status: CameraStatus) => void;
  /** To one wall screen (room `screen:<id>`, across nodes): staff's remote command. */
  'screen:command': (command: ScreenCommand) => void;
  /** A note or explanation request was written, answered or closed: to its agency and to leaders/staff in scope. */
  'note:changed': (note: Note) => void;
  /** To one wall screen (room `screen:<id>`, across nodes): a page it shows was published or edited; fetch the layout again. */
  'screen:layout-changed': (change: { screen: string }) => void;
  /** To signed-in staff (room `staff`): a data source went silent or recovered; raised once per change, not per check. */
  'staff:alert': (alert: StaffAlert) => void;
  /** To a meeting's members (room `meeting:<id>`) and displays (`screen:<display>`) on every change. */
  'meeting:state': (state: MeetingState) => void;
}

/** A data-health change staff should see (contract/workspace.ts DataHealth has the full picture). */
export interface StaffAlert {
  kind: 'source-silent' | 'source-recovered';
  source: string;
  /** When the source last sent anything (null: never since start). */
  lastUpdateAt: string | null;
  at: string;
  message: string;
}

export interface ClientToServerEvents {
  'group:subscribe': (req: SubscribeRequest, ack: (res: Ack<SubscribeResult>) => void) => void;
  'group:unsubscribe': (req: UnsubscribeRequest, ack?: (res: Ack<{ groups: string[] }>) => void) => void;
  /** A wall screen says it is alive and what it shows; joins the screen's command room. */
  'screen:heartbeat': (hb: ScreenHeartbeat, ack?: (res: Ack<{ at: string }>) => void) => void;
  // Meetings (ARCHITECTURE.md "Meetings"; schemas in contract/meetings.ts).
  'meeting:start': (req: MeetingStart, ack: (res: Ack<MeetingState>) => void) => void;
  /** The active meetings the caller may join. */
  'meeting:list': (ack: (res: Ack<MeetingState[]>) => void) => void;
  'meeting:join': (req: MeetingRef, ack: (res: Ack<MeetingState>) => void) => void;
  'meeting:leave': (req: MeetingRef, ack?: (res: Ack<{ id: string }>) => void) => void;
  'meeting:navigate': (req: MeetingNavigate, ack?: (res: Ack<MeetingState>) => void) => void;
  'meeting:freeze': (req: MeetingRef, ack?: (res: Ack<MeetingState>) => void) => void;
  'meeting:unfreeze': (req: MeetingRef, ack?: (res: Ack<MeetingState>) => void) => void;
  'meeting:handover': (req: MeetingHandover, ack?: (res: Ack<MeetingState>) => void) => void;
  'meeting:end': (req: MeetingRef, ack?: (res: Ack<MeetingState>) => void) => void;
}

// ---- Wall screens: heartbeats, registry, remote commands -------------------------------------------------

const screenId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/)
  .max(64);

/** Sent by a wall page every few seconds over its socket. */
export const ScreenHeartbeatSchema = z
  .object({
    /** The display or page id the page was opened as (/wall/<screen>). */
    screen: screenId,
    /** The page on screen now, its place in the playlist (-1: a page staff asked for), playlist length. */
    page: screenId.nullable(),
    index: z.number().int().min(-1).max(1000),
    count: z.number().int().min(0).max(1000),
    paused: z.boolean(),
    /** The dashboard build the page runs. */
    version: z.string().max(64),
    /** JS heap in bytes (Chromium's performance.memory), when the browser tells. */
    heapBytes: z.number().int().min(0).max(1e12).nullable(),
    uptimeS: z.number().min(0).max(1e9),
    /** The alert id holding the takeover region, if any. */
    takeover: z.string().max(200).nullable(),
  })
  .strict();
export type ScreenHeartbeat = z.infer<typeof ScreenHeartbeatSchema>;

export const SCREEN_COMMAND_TYPES = ['reload', 'show-page', 'pause', 'resume', 'identify', 'alert-ack'] as const;
export type ScreenCommandType = (typeof SCREEN_COMMAND_TYPES)[number];

/** POST /api/screens/:screen/commands (staff); the screen receives it as `screen:command`. */
export const ScreenCommandRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reload') }).strict(),
  z.object({ type: z.literal('show-page'), page: screenId }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('identify'), durationS: z.number().int().min(1).max(600).default(15) }).strict(),
  z.object({ type: z.literal('alert-ack'), alertId: z.string().min(1).max(200) }).strict(),
]);
export type ScreenCommandRequest = z.infer<typeof ScreenCommandRequestSchema>;

/** What the screen receives: the request plus an id, who sent it and when. */
export type ScreenCommand = ScreenCommandRequest & { id: string; at: string; by: string };
