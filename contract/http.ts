/**
 * Bodies of the HTTP API (REST) that the dashboard and outside clients read, and the error body every
 * route answers with. Socket.IO messages live in messages.ts; this file holds what travels over HTTP.
 */
import type { PlaylistEntry, ScreenConfig } from './config.ts';
import type { CrosswalkFigure } from './crosswalk.ts';
import type { IndicatorValue } from './messages.ts';
import type { ThresholdBand } from './workspace.ts';

/**
 * Every code an HTTP error body may carry. Socket acknowledgement codes (messages.ts ERROR_CODES) are a
 * subset, so a client handles one list.
 */
export const HTTP_ERROR_CODES = [
  'invalid-payload',
  'unknown-group',
  'unknown-area',
  'forbidden',
  'internal',
  'unauthorized',
  'not-found',
  'unknown-screen',
  'upstream',
  'payload-too-large',
  /** This node does not offer the feature (e.g. a realtime node that takes no feed events). */
  'unavailable',
  'unknown-source',
  'unknown-indicator',
  'bad-period',
  'throttled',
  /** Workspace (contract/workspace.ts): the version moved (409), the draft does not validate (422), no If-Match (428). */
  'conflict',
  'invalid-config',
  'precondition-required',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** `{ error: { code, message } }`: the body of every 4xx/5xx answer (of /api and of every other path). */
export interface ApiErrorBody {
  error: { code: HttpErrorCode; message: string };
}

/**
 * The 400 of POST /api/feeds/:source/events: its code is the feed's rejection reason (`invalid-json`,
 * `xml-dtd-forbidden`, `unknown-camera`, …), an open list the feed parsers own and count in the
 * dead-letter list under the same name.
 */
export interface FeedRejectionBody {
  error: { code: string; message: string };
}

/** The indicator groups and their indicators: GET /api/groups, and inside the screen and tablet bodies. */
export interface GroupInfo {
  id: string;
  name: string;
  nameEn: string;
  period: string;
  owner: string;
  /** The reporting agency's code (e.g. `STC`). */
  reporter?: string;
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
  /** Traffic-light bands staff set in the workspace (config/groups/<group>.yaml `thresholds`). */
  thresholds?: ThresholdBand;
}

/** The province as pages show it (screen and tablet bodies). */
export interface ProvinceInfo {
  code: string;
  name: string;
  fullName: string;
  centerTitle: string;
  communes: { code: string; name: string; type: string }[];
}

/** GET /api/screens/:screen — everything a wall page needs to lay out its panels. */
export interface ScreenPayload {
  screen: ScreenConfig;
  province: ProvinceInfo;
  /** The groups the screen's panels use, with their indicators. */
  groups: GroupInfo[];
  /** When the screen is a wall display: its playlist and pages (`screen` is then the first page). */
  display?: DisplayPayload;
}

/** A display's part of GET /api/screens/:screen: its playlist and every page it may show. */
export interface DisplayPayload {
  wall: { id: string; name: string };
  display: { id: string; name: string; width: number; height: number };
  playlist: PlaylistEntry[];
  pinned: boolean;
  pages: ScreenConfig[];
  /** Smallest readable type in display pixels (viewing distance × panel size). */
  minTypePx: number;
  alerts: { region: { col: number; row: number; w: number; h: number }; timeoutS: number } | null;
  heartbeatS: number;
}

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

export interface TabletPayload {
  province: ProvinceInfo;
  /**
   * The caller's groups (all their indicators; `communeLevel` marks those with commune figures). A caller
   * scoped to communes gets only the groups with at least one commune-level indicator.
   */
  groups: GroupInfo[];
  /** A commune-level indicator to colour the map with first. */
  defaultIndicator: string | null;
}

export interface HistoryPayload {
  area: string;
  group: string;
  figures: CrosswalkFigure[];
  /** The same figures as IndicatorValue rows of the commune (no derived fields). */
  values: IndicatorValue[];
}

export interface MapValuesPayload {
  indicator: string;
  period: string;
  /** Values of today's communes for the period. */
  values: IndicatorValue[];
  /** Communes whose figure is approximate (crosswalk with split former units or a mean of rates). */
  approximate: string[];
  /** The figures come from former units through the crosswalk. */
  crosswalk: boolean;
}

/** One rejected input in the dead-letter list (GET /api/rejected). */
export interface DeadLetter {
  /** Where the input came from, e.g. 'reporting-db' or 'frigate'. */
  source: string;
  /** Short machine-readable reason, e.g. 'unknown-indicator'. */
  reason: string;
  /** The input's own key, when it has one (e.g. "budget.revenue_total|56|2026-13"). */
  key: string;
  detail: string;
  at: string;
}

export interface RejectedSummary {
  counts: Record<string, number>;
  recent: DeadLetter[];
}
