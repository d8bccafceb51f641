/**
 * Legibility warnings for the preview (docs/wall-design.md: no text below the wall's minimum type
 * size). The preview measures the smallest font each panel actually draws, in the page's design pixels;
 * the page is scaled uniformly onto the wall's display, so on the wall that text is `px × scale`, and it
 * must reach the minimum the wall's viewing distance and panel size give (contract/wall.ts minTypePx).
 * Text in a panel's foot (as-of, source) is reported apart: small by design, but still named. Pure.
 */
export interface MeasuredPanel {
  index: number;
  /** Smallest font size of the panel's main text (title, figures, rows), design px; null: no text. */
  mainPx: number | null;
  /** Smallest font size in the panel's foot, design px; null: no foot. */
  footPx: number | null;
}

export interface TypeWarning {
  index: number;
  part: 'main' | 'foot';
  /** On the wall, in display pixels (rounded down: what the leader gets). */
  wallPx: number;
  minPx: number;
}

/** Design → display scale: the page fits the display uniformly. */
export function designToDisplay(design: { width: number; height: number }, display: { width: number; height: number }): number {
  if (design.width <= 0 || design.height <= 0) return 1;
  return Math.min(display.width / design.width, display.height / design.height);
}

export function typeWarnings(panels: readonly MeasuredPanel[], scale: number, minPx: number): TypeWarning[] {
  const out: TypeWarning[] = [];
  for (const p of panels) {
    for (const part of ['main', 'foot'] as const) {
      const px = part === 'main' ? p.mainPx : p.footPx;
      if (px === null || !Number.isFinite(px)) continue;
      const wallPx = Math.floor(px * scale * 10) / 10;
      if (wallPx < minPx) out.push({ index: p.index, part, wallPx, minPx });
    }
  }
  return out;
}

const nf = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export interface PanelTypeWarning {
  index: number;
  /** Wall px of the smallest main text / foot text, where below the minimum. */
  main?: number;
  foot?: number;
}

/** One entry per panel (main and foot together), in panel order: a full page reads as one line a panel. */
export function warningsByPanel(ws: readonly TypeWarning[]): PanelTypeWarning[] {
  const by = new Map<number, PanelTypeWarning>();
  for (const w of ws) {
    const p = by.get(w.index) ?? { index: w.index };
    p[w.part] = w.wallPx;
    by.set(w.index, p);
  }
  return [...by.values()].sort((a, b) => a.index - b.index);
}

/** `Bảng 1: chữ nhỏ nhất 18 px, chú thích (nguồn, cập nhật) 18 px trên tường` — the minimum is said once, above. */
export function panelWarningText(p: PanelTypeWarning, panelName: string): string {
  const parts = [
    ...(p.main !== undefined ? [`chữ nhỏ nhất ${nf.format(p.main)} px`] : []),
    ...(p.foot !== undefined ? [`chú thích (nguồn, cập nhật) ${nf.format(p.foot)} px`] : []),
  ];
  return `${panelName}: ${parts.join(', ')} trên tường`;
}

/** The sentence above the list: how many panels, the wall's minimum and where it comes from. */
export function warningsHeadText(panels: number, minPx: number, distanceM: number): string {
  return `${nf.format(panels)} bảng có chữ dưới cỡ tối thiểu ${nf.format(minPx)} px của tường này (để đọc được từ hàng ghế xa nhất, cách ${nf.format(distanceM)} m):`;
}
