/**
 * Which critical alert holds the wall's takeover region: the newest active critical alert that staff
 * have not acknowledged and that has not been on the region longer than the configured timeout. Pure:
 * `firstShown` (when each alert first held the region) goes in and its next value comes out — the same
 * object when nothing changed; pruned to the alerts that still exist, so it stays bounded.
 *
 * While a meeting covers the display the takeover still shows, over the meeting (takeoverRect): a fire
 * seen by a camera must reach the hall whatever is being discussed. It keeps its place in the rotation
 * and its countdown across a meeting's start and end, and leaves the same ways.
 */
import type { Alert } from '../../../contract/alerts.ts';
import type { Rect, Size } from './fit.ts';

export type FirstShown = ReadonlyMap<string, number>;

export interface TakeoverPick {
  alert: Alert | null;
  /** When the shown alert leaves by timeout (ms), or null. */
  until: number | null;
  firstShown: FirstShown;
}

export function pickTakeover(
  alerts: readonly Alert[],
  acked: ReadonlySet<string>,
  firstShown: FirstShown,
  timeoutMs: number,
  now: number,
): TakeoverPick {
  const candidates = alerts
    .filter((a) => a.state === 'active' && a.severity === 'critical' && !acked.has(a.id))
    .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  const live = new Set(alerts.map((a) => a.id));
  let next: Map<string, number> | null = null;
  const edited = () => (next ??= new Map(firstShown));
  for (const id of firstShown.keys()) if (!live.has(id)) edited().delete(id);
  for (const a of candidates) {
    const since = firstShown.get(a.id);
    if (since !== undefined && now - since >= timeoutMs) continue;
    if (since === undefined) edited().set(a.id, now);
    return { alert: a, until: (since ?? now) + timeoutMs, firstShown: next ?? firstShown };
  }
  return { alert: null, until: null, firstShown: next ?? firstShown };
}

/** What the takeover is drawn over: the display's own page, or a meeting that covers the display. */
export type TakeoverOver = { kind: 'page' } | { kind: 'meeting'; band: number };

// The takeover's box as styles.css draws it (.wall-takeover), in design pixels.
const PAD = 28;
const BORDER = 8;
const GAP = 16;
const MARGIN = 20;

/**
 * The least room the takeover needs to be read at the wall's minimum type size: the tag, the title
 * (1.4×), the camera line and the way back on two lines, with their line heights, gaps and padding;
 * at least 16 characters' width of the minimum type.
 */
export function takeoverMinSize(minType: number): { width: number; height: number } {
  const lines = minType * (1.2 + 1.4 * 1.15 + 1.2 + 2 * 1.2) + 8;
  return { width: Math.ceil(minType * 16), height: Math.ceil(lines + 3 * GAP + 2 * (PAD + BORDER)) };
}

/**
 * Where the takeover goes. Over its page: the configured region, as configured. Over a meeting: the same
 * region of the display's canvas, moved below the meeting's band (the hall keeps seeing which meeting
 * runs and who chairs it), grown to the least legible size when the region is smaller — towards the
 * canvas's left and top, its right and bottom edges staying put while they can — and never past the
 * canvas's margins or above the band.
 */
export function takeoverRect(region: Rect, canvas: Size, over: TakeoverOver, minType: number): Rect {
  if (over.kind === 'page') return region;
  const min = takeoverMinSize(minType);
  const floor = over.band + 8;
  const maxW = Math.max(0, canvas.width - 2 * MARGIN);
  const maxH = Math.max(0, canvas.height - MARGIN - floor);
  const width = Math.min(maxW, Math.max(region.width, min.width));
  const right = Math.min(canvas.width - MARGIN, Math.max(region.left + region.width, MARGIN + width));
  const top0 = Math.max(region.top, floor);
  const height = Math.min(maxH, Math.max(region.top + region.height - top0, min.height));
  const bottom = Math.min(canvas.height - MARGIN, Math.max(region.top + region.height, floor + height));
  return { left: right - width, top: bottom - height, width, height };
}

/** The way back, always on screen: back to the figures, or to the meeting. */
export function takeoverBackLabel(secondsLeft: number, over: TakeoverOver): string {
  const s = Math.max(0, Math.round(secondsLeft));
  const clock = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  const to = over.kind === 'meeting' ? 'nội dung cuộc họp' : 'bảng số liệu';
  return `Trở lại ${to} sau ${clock} hoặc khi trực ban xác nhận`;
}

/** A meeting covering the display, as the takeover needs it: its band's height and the layer to draw into. */
export interface MeetingCover {
  band: number;
  layer: HTMLElement | null;
}
