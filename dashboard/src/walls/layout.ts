/** The wall canvas's fixed layout in design pixels: header band, then the panel grid. */
import type { GridArea } from './fit.ts';

export const HEADER_HEIGHT = 104;
export const MARGIN = 20;
export const GAP = 14;

export function gridArea(design: { width: number; height: number }): GridArea {
  return {
    left: MARGIN,
    top: HEADER_HEIGHT + 8,
    width: design.width - 2 * MARGIN,
    height: design.height - HEADER_HEIGHT - 8 - MARGIN,
    gap: GAP,
  };
}
