/**
 * Video wall geometry, legibility and playlists: pure functions shared by the kiosk (window placement),
 * the server (what a display shows) and the wall page (rotation, minimum type size). No I/O, no clock:
 * callers pass `now` in milliseconds. Types only from config.ts, so the wall bundle stays zod-free here.
 */
import type { DisplayConfig, PlaylistEntry, ScreenConfig, WallConfig } from './config.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayRect extends Rect {
  id: string;
}

/**
 * Where each display's browser window goes on the desktop. A grid wall: one window per display, shifted
 * by the bezel compensation (the pixels a frame hides are skipped, so a line crossing two panels stays
 * straight). A one-canvas wall: one window over the whole canvas.
 */
export function displayRects(wall: Pick<WallConfig, 'layout' | 'displays'>): DisplayRect[] {
  const l = wall.layout;
  if (l.kind === 'canvas') {
    const d = wall.displays[0];
    return d ? [{ id: d.id, x: l.origin.x, y: l.origin.y, width: l.width, height: l.height }] : [];
  }
  return wall.displays.map((d) => ({
    id: d.id,
    x: l.origin.x + d.col * (l.display.width + l.bezel.x),
    y: l.origin.y + d.row * (l.display.height + l.bezel.y),
    width: l.display.width,
    height: l.display.height,
  }));
}

/** Pixel size of one display (the whole canvas on a one-canvas wall). */
export function displaySize(wall: Pick<WallConfig, 'layout'>): { width: number; height: number } {
  const l = wall.layout;
  return l.kind === 'canvas' ? { width: l.width, height: l.height } : { ...l.display };
}

/** Character height in mm that subtends `arcMinutes` at `distanceM` (≈ distance × 0.0058 at 20′). */
export function minCharHeightMm(distanceM: number, arcMinutes = 20): number {
  return 2 * distanceM * 1000 * Math.tan(((arcMinutes / 60) * (Math.PI / 180)) / 2);
}

/** Pixel pitch in mm of a panel of this diagonal and resolution (square pixels). */
export function pixelPitchMm(diagonalIn: number, px: { width: number; height: number }): number {
  return (diagonalIn * 25.4) / Math.hypot(px.width, px.height);
}

/**
 * The smallest type, in the display's own pixels, readable from the farthest seat: character height
 * over pixel pitch, rounded up. 6 m, 55-inch 1080p, 20′ → 56 px.
 */
export function minTypePx(viewing: WallConfig['viewing'], px: { width: number; height: number }): number {
  return Math.ceil(minCharHeightMm(viewing.distanceM, viewing.arcMinutes) / pixelPitchMm(viewing.panelDiagonalIn, px));
}

/**
 * The same minimum in a page's design pixels: a page designed at another size is scaled uniformly onto
 * the display, so its type must be larger by the inverse of that scale.
 */
export function minTypeDesignPx(
  minDisplayPx: number,
  design: { width: number; height: number },
  display: { width: number; height: number },
): number {
  const scale = Math.min(display.width / design.width, display.height / design.height);
  return scale > 0 ? Math.ceil(minDisplayPx / scale) : minDisplayPx;
}

/** What a display shows, as a playlist: a pinned page is a playlist of one page that never moves on. */
export function playlistOf(display: Pick<DisplayConfig, 'playlist' | 'pinned'>): PlaylistEntry[] {
  if (display.pinned) return [{ page: display.pinned, dwellS: 0 }];
  return display.playlist ?? [];
}

// ---- Playlist state machine --------------------------------------------------------------------------

export interface PlaylistState {
  index: number;
  /** When the current entry started (ms); while paused, the remaining dwell is kept instead. */
  startedAt: number;
  paused: boolean;
  remainingMs: number | null;
  /** A page staff asked for that is not in the playlist: shown until `until` (or resume), then back. */
  override: { page: string; until: number | null } | null;
}

export interface PlaylistView {
  page: string;
  /** 0-based place in the playlist; -1 for an override page. */
  index: number;
  count: number;
  paused: boolean;
  /** When the page changes next (ms), or null (pinned, paused, a single page). */
  nextAt: number | null;
}

/** How long staff's "show page" holds a page that is not in the playlist. */
export const OVERRIDE_HOLD_MS = 5 * 60_000;

const dwellMs = (e: PlaylistEntry | undefined) => (e && e.dwellS > 0 ? e.dwellS * 1000 : Infinity);
const rotates = (entries: PlaylistEntry[]) => entries.length > 1 && entries.every((e) => e.dwellS > 0);

export function startPlaylist(now: number): PlaylistState {
  return { index: 0, startedAt: now, paused: false, remainingMs: null, override: null };
}

/**
 * Moves the playlist on to `now`. Skips whole cycles at once, so a throttled or suspended tab comes back
 * on the page the schedule says, not after replaying every page it missed.
 */
export function advance(entries: PlaylistEntry[], s: PlaylistState, now: number): PlaylistState {
  if (entries.length === 0) return s;
  let st = s.index >= entries.length ? { ...s, index: 0, startedAt: now } : s;
  if (st.override) {
    if (st.override.until === null || now < st.override.until) return st;
    // The override ends: the playlist resumes on its current entry with a full dwell.
    st = { ...st, override: null, startedAt: st.paused ? st.startedAt : now };
    return st;
  }
  if (st.paused || !rotates(entries)) return st;
  const cycle = entries.reduce((n, e) => n + e.dwellS * 1000, 0);
  let index = st.index;
  let startedAt = st.startedAt;
  if (now - startedAt >= cycle) startedAt += Math.floor((now - startedAt) / cycle) * cycle;
  while (now - startedAt >= dwellMs(entries[index])) {
    startedAt += dwellMs(entries[index]);
    index = (index + 1) % entries.length;
  }
  return index === st.index && startedAt === st.startedAt ? st : { ...st, index, startedAt };
}

export function view(entries: PlaylistEntry[], s: PlaylistState): PlaylistView {
  const count = entries.length;
  if (s.override)
    return { page: s.override.page, index: -1, count, paused: s.paused, nextAt: s.paused ? null : s.override.until };
  const e = entries[Math.min(s.index, count - 1)];
  const nextAt = !s.paused && rotates(entries) ? s.startedAt + dwellMs(e) : null;
  return { page: e?.page ?? '', index: Math.min(s.index, count - 1), count, paused: s.paused, nextAt };
}

export function pause(entries: PlaylistEntry[], s: PlaylistState, now: number): PlaylistState {
  const st = advance(entries, s, now);
  if (st.paused) return st;
  const left = st.override
    ? st.override.until === null
      ? null
      : st.override.until - now
    : dwellMs(entries[st.index]) - (now - st.startedAt);
  return { ...st, paused: true, remainingMs: left === null || !Number.isFinite(left) ? null : Math.max(0, left) };
}

export function resume(entries: PlaylistEntry[], s: PlaylistState, now: number): PlaylistState {
  if (!s.paused) return advance(entries, s, now);
  const left = s.remainingMs;
  if (s.override) {
    return { ...s, paused: false, remainingMs: null, override: { ...s.override, until: now + (left ?? OVERRIDE_HOLD_MS) } };
  }
  const full = dwellMs(entries[s.index]);
  const startedAt = left === null || !Number.isFinite(full) ? now : now - (full - left);
  return { ...s, paused: false, remainingMs: null, startedAt };
}

/**
 * Staff's "show page": a page of the playlist becomes the current entry with a full dwell; another
 * page is held for OVERRIDE_HOLD_MS (indefinitely while paused), then the playlist goes on.
 */
export function showPage(entries: PlaylistEntry[], s: PlaylistState, page: string, now: number): PlaylistState {
  const i = entries.findIndex((e) => e.page === page);
  if (i >= 0 && entries.length > 1)
    return { ...s, index: i, startedAt: now, override: null, remainingMs: s.paused ? dwellMs(entries[i]) : null };
  if (i >= 0) return { ...s, override: null };
  return {
    ...s,
    override: { page, until: s.paused ? null : now + OVERRIDE_HOLD_MS },
    remainingMs: s.paused ? OVERRIDE_HOLD_MS : null,
  };
}

// ---- Grid cells ---------------------------------------------------------------------------------------

export interface CellBox {
  col: number;
  row: number;
  w: number;
  h: number;
}

const overlaps = (a: CellBox, b: CellBox) =>
  a.col < b.col + b.w && b.col < a.col + a.w && a.row < b.row + b.h && b.row < a.row + a.h;

/** Indices of the panels an alert region would cover on this page. */
export function panelsUnder(page: Pick<ScreenConfig, 'panels'>, region: CellBox): number[] {
  return page.panels.flatMap((p, i) => (overlaps(p.at, region) ? [i] : []));
}

/**
 * The page's grid as text, one character per cell: panel i is the letter A + i, an empty cell '.', and
 * the alert region '!' over whatever it covers. For tests and `npm run kiosk -- --plan`.
 */
export function asciiPage(page: Pick<ScreenConfig, 'grid' | 'panels'>, region?: CellBox): string {
  const rows: string[][] = Array.from({ length: page.grid.rows }, () => Array<string>(page.grid.columns).fill('.'));
  page.panels.forEach((p, i) => {
    for (let r = p.at.row; r < Math.min(page.grid.rows, p.at.row + p.at.h); r++)
      for (let c = p.at.col; c < Math.min(page.grid.columns, p.at.col + p.at.w); c++)
        rows[r]![c] = String.fromCharCode(65 + (i % 26));
  });
  if (region)
    for (let r = region.row; r < Math.min(page.grid.rows, region.row + region.h); r++)
      for (let c = region.col; c < Math.min(page.grid.columns, region.col + region.w); c++) rows[r]![c] = '!';
  return rows.map((r) => r.join('')).join('\n');
}

/**
 * The wall's displays drawn to scale, one character per `unit` pixels: each display filled with the first
 * letter of its index (1, 2, …), bezels as spaces. For tests and the kiosk's start-up plan.
 */
export function asciiWall(wall: Pick<WallConfig, 'layout' | 'displays'>, unit: number): string {
  const rects = displayRects(wall);
  if (rects.length === 0) return '';
  const minX = Math.min(...rects.map((r) => r.x));
  const minY = Math.min(...rects.map((r) => r.y));
  const w = Math.ceil((Math.max(...rects.map((r) => r.x + r.width)) - minX) / unit);
  const h = Math.ceil((Math.max(...rects.map((r) => r.y + r.height)) - minY) / unit);
  const grid: string[][] = Array.from({ length: h }, () => Array<string>(w).fill(' '));
  rects.forEach((r, i) => {
    const ch = String((i + 1) % 10);
    for (let y = Math.floor((r.y - minY) / unit); y < Math.ceil((r.y - minY + r.height) / unit); y++)
      for (let x = Math.floor((r.x - minX) / unit); x < Math.ceil((r.x - minX + r.width) / unit); x++) grid[y]![x] = ch;
  });
  return grid.map((r) => r.join('').trimEnd()).join('\n');
}
