/**
 * What the wall and the print page lay a meeting's views out with (realtime/meetings): the meeting's
 * context for a display or member, and the print job of the PDF meeting pack. Apart from meetings.ts so
 * the socket contract (messages.ts ⇄ meetings.ts) does not depend on the HTTP bodies.
 */
import type { GroupInfo, ProvinceInfo } from './http.ts';
import type { MeetingMember, MeetingState, View } from './meetings.ts';
import type { GroupSnapshot } from './messages.ts';
import type { TabletRollupPayload } from './rollup.ts';

/** GET /api/meetings/:id (members, staff and the meeting's displays): the state, the groups, the province. */
export interface MeetingContext {
  state: MeetingState;
  /** The groups the caller may read within the meeting's scope, with their indicators. */
  groups: GroupInfo[];
  province: ProvinceInfo;
}

/**
 * GET /api/meetings/:id/rollup?indicator=&period=<selection> (members, staff and the meeting's displays):
 * every area's roll-up for a period the presenter picked, from the frozen figures while the meeting is
 * frozen (`frozenAt` set), live otherwise. The wall's ranking and map of that period.
 */
export interface MeetingRollupPayload extends TabletRollupPayload {
  frozenAt: string | null;
}

/**
 * GET /api/exports/pdf/jobs/:id — read by the server's own headless page for one POST /api/exports/pdf,
 * with the job's short-lived credential: the views, their figures (the caller's scope, frozen when the
 * meeting is), and what every page is stamped with.
 */
export interface PrintJob {
  id: string;
  views: View[];
  province: ProvinceInfo;
  groups: GroupInfo[];
  meeting: { id: string; title: string; presenter: MeetingMember; frozenAt: string | null } | null;
  /** ISO-8601: when the pack was made. */
  generatedAt: string;
  /** ISO-8601: "Số liệu tính đến …" — the frozen moment when frozen, else when the figures were read. */
  asOf: string;
  /** Per view (same order), per area it shows (the province and each area of the view): the group's snapshot. */
  data: { area: string; snapshot: GroupSnapshot }[][];
  /** The roll-ups the views' period rankings show (contract/rollup-rows.ts), one per indicator and period. */
  rollups: TabletRollupPayload[];
}
