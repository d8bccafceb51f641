/**
 * Every message that crosses a process boundary: Socket.IO events, HTTP bodies, the store's change feed.
 * Imported by ingest, realtime and the dashboard alike. zod schemas validate what comes from outside;
 * the inferred types are what the code inside uses.
 */
import { z } from 'zod';

export const VALUE_STATUSES = ['estimate', 'preliminary', 'official'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

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
  at: string;
  changes: IndicatorValue[];
}

export const ERROR_CODES = ['invalid-payload', 'unknown-group', 'unknown-area', 'forbidden', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

const GroupIdsSchema = z.array(z.string().min(1).max(64)).min(1).max(64);

export const SubscribeRequestSchema = z
  .object({
    groups: GroupIdsSchema,
    area: z.string().regex(/^\d{2,5}$/, 'an admin-unit code of 2 to 5 digits').optional(),
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
  alerts: import('./alerts.ts').Alert[];
  cameras: import('./alerts.ts').CameraStatus[];
}

/** Socket.IO event maps. The client uses them with the generics swapped. */
export interface ServerToClientEvents {
  'group:updated': (update: GroupUpdated) => void;
  /** Server asks every client to drop its state and subscribe again (e.g. configuration changed). */
  'server:resync': (reason: { reason: string }) => void;
  /** To clients subscribed to the `alerts` group. */
  'alert:raised': (alert: import('./alerts.ts').Alert) => void;
  'alert:updated': (alert: import('./alerts.ts').Alert) => void;
  'camera:status-changed': (status: import('./alerts.ts').CameraStatus) => void;
  /** To one wall screen (room `screen:<id>`, across nodes): staff's remote command. */
  'screen:command': (command: ScreenCommand) => void;
}

export interface ClientToServerEvents {
  'group:subscribe': (req: SubscribeRequest, ack: (res: Ack<SubscribeResult>) => void) => void;
  'group:unsubscribe': (req: UnsubscribeRequest, ack?: (res: Ack<{ groups: string[] }>) => void) => void;
  /** A wall screen says it is alive and what it shows; joins the screen's command room. */
  'screen:heartbeat': (hb: ScreenHeartbeat, ack?: (res: Ack<{ at: string }>) => void) => void;
}

/** The value shown to HTTP clients of GET /api/groups. */
export interface GroupInfo {
  id: string;
  name: string;
  nameEn: string;
  period: string;
  owner: string;
  indicators: IndicatorInfo[];
}

export interface IndicatorInfo {
  id: string;
  group: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  period: string;
  aggregation: string;
  higherIsBetter: boolean;
  neutral: boolean;
  hasPlan: boolean;
  communeLevel: boolean;
  /** Days after a period's end by which its figure is due (contract/period.ts dueAt); default by kind. */
  dueAfterDays?: number;
}

export { valueKey } from './value-key.ts';

/** Turns an unknown zod failure into one short line for an acknowledgement. */
export function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** GET /api/screens/:screen — everything a wall page needs to lay out its panels. */
export interface ScreenPayload {
  screen: import('./config.ts').ScreenConfig;
  province: { code: string; name: string; fullName: string; centerTitle: string; communes: { code: string; name: string; type: string }[] };
  /** The groups the screen's panels use, with their indicators. */
  groups: GroupInfo[];
  /** When the screen is a wall display: its playlist and pages (`screen` is then the first page). */
  display?: DisplayPayload;
}


// ---- Wall screens: heartbeats, registry, remote commands -------------------------------------------------

const screenId = z.string().regex(/^[a-z][a-z0-9_-]*$/).max(64);

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

/** POST /api/screens/:screen/commands (staff). */
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

/** GET /api/screens (staff): every configured screen with its last known state. */
export interface ScreenState {
  id: string;
  name: string;
  /** 'display': a display of a wall (playlist); 'page': a single page opened as a screen. */
  kind: 'display' | 'page';
  wall: string | null;
  /** Heartbeat within the last 3 heartbeat intervals. */
  alive: boolean;
  lastHeartbeatAt: string | null;
  page: string | null;
  index: number;
  count: number;
  paused: boolean;
  version: string | null;
  heapBytes: number | null;
  uptimeS: number | null;
  takeover: string | null;
  /** Who sent the last heartbeat (device id, or a user's id for a page opened by hand). */
  by: string | null;
  thumbnailAt: string | null;
  /** Pages staff can send the screen to. */
  pages: { id: string; title: string }[];
}

/** A display's part of GET /api/screens/:screen: its playlist and every page it may show. */
export interface DisplayPayload {
  wall: { id: string; name: string };
  display: { id: string; name: string; width: number; height: number };
  playlist: import('./config.ts').PlaylistEntry[];
  pinned: boolean;
  pages: import('./config.ts').ScreenConfig[];
  /** Smallest readable type in display pixels (viewing distance × panel size). */
  minTypePx: number;
  alerts: { region: { col: number; row: number; w: number; h: number }; timeoutS: number } | null;
  heartbeatS: number;
}
