/**
 * Walls: unique wall and display ids (display ids also apart from page ids: both are /wall/<id>),
 * displays that show a page that exists, sit on the wall's grid one per cell, and an alert region that
 * fits every page its display shows.
 */
import type { ScreenConfig, WallConfig } from '../config.ts';
import type { ConfigIssue } from './issues.ts';
import type { KeyPath, Loaded } from './yaml-source.ts';
import { suggestHint } from './hints.ts';

/** Checks every wall; returns the display ids (devices may be bound to them). */
export function checkWalls(
  walls: readonly Loaded<WallConfig>[],
  pages: readonly ScreenConfig[],
  issues: ConfigIssue[],
): Set<string> {
  const pageIds = new Set(pages.map((p) => p.id));
  const displayIds = new Set<string>();
  const wallIds = new Set<string>();
  for (const { source, value: w } of walls) {
    const at = (path: KeyPath, message: string, hint?: string) => issues.push(source.issue(path, message, hint));
    if (wallIds.has(w.id)) at(['id'], `wall "${w.id}" is defined twice`);
    wallIds.add(w.id);
    checkDisplays(w, pageIds, displayIds, at);
    checkAlertRegion(w, pages, at);
  }
  return displayIds;
}

type At = (path: KeyPath, message: string, hint?: string) => void;

function checkDisplays(w: WallConfig, pageIds: Set<string>, displayIds: Set<string>, at: At): void {
  const cells = new Map<string, string>();
  w.displays.forEach((d, i) => {
    if (displayIds.has(d.id) || pageIds.has(d.id))
      at(
        ['displays', i, 'id'],
        `display id "${d.id}" is already used by another display or a page`,
        'display ids and page ids share /wall/<id>: pick another',
      );
    displayIds.add(d.id);
    if (!d.playlist && !d.pinned)
      at(['displays', i], `display "${d.id}" shows nothing`, 'give it a playlist (page + dwellS) or a pinned page');
    if (d.pinned && !pageIds.has(d.pinned))
      at(['displays', i, 'pinned'], `unknown page "${d.pinned}"`, suggestHint(d.pinned, pageIds));
    d.playlist?.forEach((e, j) => {
      if (!pageIds.has(e.page))
        at(['displays', i, 'playlist', j, 'page'], `unknown page "${e.page}"`, suggestHint(e.page, pageIds));
    });
    if (w.layout.kind === 'grid') {
      if (d.col >= w.layout.columns || d.row >= w.layout.rows)
        at(
          ['displays', i],
          `display "${d.id}" is outside the ${w.layout.rows}×${w.layout.columns} wall`,
          'col < layout.columns and row < layout.rows (0-based)',
        );
      const key = `${d.col},${d.row}`;
      const prev = cells.get(key);
      if (prev)
        at(
          ['displays', i],
          `display "${d.id}" sits where "${prev}" is (col ${d.col}, row ${d.row})`,
          'give each display its own col/row',
        );
      cells.set(key, d.id);
    } else if (i > 0)
      at(['displays', i], 'a one-canvas wall has exactly one display', 'use layout.kind: grid for several displays');
  });
}

function checkAlertRegion(w: WallConfig, pages: readonly ScreenConfig[], at: At): void {
  if (!w.alerts) return;
  const { display, region: r } = w.alerts;
  const d = w.displays.find((x) => x.id === display);
  if (!d) {
    at(
      ['alerts', 'display'],
      `unknown display "${display}"`,
      suggestHint(
        display,
        w.displays.map((x) => x.id),
      ),
    );
    return;
  }
  const shown = d.pinned ? [d.pinned] : (d.playlist ?? []).map((e) => e.page);
  for (const pid of shown) {
    const p = pages.find((x) => x.id === pid);
    if (p && (r.col + r.w > p.grid.columns || r.row + r.h > p.grid.rows))
      at(
        ['alerts', 'region'],
        `the alert region reaches beyond page "${pid}" (${p.grid.columns}×${p.grid.rows} grid)`,
        'col + w ≤ grid.columns and row + h ≤ grid.rows of every page the display shows',
      );
  }
}
