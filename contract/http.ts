/**
 * Bodies of the HTTP API (REST) that the dashboard and outside clients read, and the error body every
 * route answers with. Socket.IO messages live in messages.ts; this file holds what travels over HTTP.
 */
import type { CrosswalkFigure } from './crosswalk.ts';
import type { GroupInfo, IndicatorValue } from './messages.ts';

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
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** `{ error: { code, message } }`: the body of every 4xx/5xx answer of /api. */
export interface ApiErrorBody {
  error: { code: HttpErrorCode; message: string };
}

export interface TabletPayload {
  province: { code: string; name: string; fullName: string; centerTitle: string; communes: { code: string; name: string; type: string }[] };
  /** Groups with at least one commune-level indicator (all their indicators; `communeLevel` marks which). */
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
