/**
 * Geometry helpers for the map: camera extents, label points, inset outlines. Pure.
 * Extents are those geo/SOURCES.md gives for the mainland: the camera never zooms out to fit the
 * archipelagos, which are drawn as insets instead (Vietnamese maps always show Hoàng Sa and Trường Sa).
 */

export type BBox = [west: number, south: number, east: number, north: number];
export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

export interface CommuneFeature {
  type: 'Feature';
  id?: number;
  properties: { code: string; name: string; type: string };
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: PolygonCoords[] };
}

export interface FeatureCollection<F = CommuneFeature> {
  type: 'FeatureCollection';
  features: F[];
}

/** Vietnam without Hoàng Sa and Trường Sa (Côn Đảo and Phú Quốc inside). */
export const VIETNAM_MAINLAND: BBox = [102.144, 8.38, 109.469, 23.393];
/** Khánh Hòa without Trường Sa. */
export const KHANH_HOA_MAINLAND: BBox = [108.5516, 11.3074, 109.4691, 12.8691];
/** Where each archipelago lies (for insets): Hoàng Sa (in Đà Nẵng), Trường Sa (in Khánh Hòa). */
export const HOANG_SA: BBox = [111.0, 15.6, 113.0, 17.2];
export const TRUONG_SA: BBox = [111.4, 7.0, 117.9, 11.6];
export const TRUONG_SA_CODE = '22736';

export function polygonsOf(g: CommuneFeature['geometry']): PolygonCoords[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Signed area (shoelace) and centroid of a ring, in degrees (fine for label placement at this scale). */
function ringCentroid(ring: Ring): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  a /= 2;
  if (a === 0) return { area: 0, x: ring[0]?.[0] ?? 0, y: ring[0]?.[1] ?? 0 };
  return { area: Math.abs(a), x: cx / (6 * a), y: cy / (6 * a) };
}

function pointInRing(p: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(p: Position, poly: PolygonCoords): boolean {
  if (!poly[0] || !pointInRing(p, poly[0])) return false;
  for (let h = 1; h < poly.length; h++) if (pointInRing(p, poly[h]!)) return false;
  return true;
}

/**
 * Where to put a commune's name: the centroid of its largest part when it lies inside that part, else
 * the middle of the widest horizontal run through the part's centroid latitude.
 */
export function labelPoint(g: CommuneFeature['geometry']): Position {
  let best: { area: number; x: number; y: number; poly: PolygonCoords } | null = null;
  for (const poly of polygonsOf(g)) {
    if (!poly[0]) continue;
    const c = ringCentroid(poly[0]);
    if (!best || c.area > best.area) best = { ...c, poly };
  }
  if (!best) return [0, 0];
  const c: Position = [best.x, best.y];
  if (pointInPolygon(c, best.poly)) return c;
  // Concave part: scan the centroid's latitude for the widest inside run.
  const xs: number[] = [];
  for (const ring of best.poly)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > c[1] !== yj > c[1]) xs.push(((xj - xi) * (c[1] - yi)) / (yj - yi) + xi);
    }
  xs.sort((a, b) => a - b);
  let bestRun: Position = c;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > width) {
      width = xs[i + 1]! - xs[i]!;
      bestRun = [(xs[i]! + xs[i + 1]!) / 2, c[1]];
    }
  }
  return bestRun;
}

export function bboxOfPolygons(polys: readonly PolygonCoords[]): BBox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of polys)
    for (const [x, y] of poly[0] ?? []) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

const intersects = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/** The polygon parts of features that fall inside a box (an archipelago's reefs and islands). */
export function partsWithin(features: readonly CommuneFeature[], box: BBox): PolygonCoords[] {
  const out: PolygonCoords[] = [];
  for (const f of features)
    for (const poly of polygonsOf(f.geometry)) {
      const b = bboxOfPolygons([poly]);
      if (b && intersects(b, box) && b[0] >= box[0] - 0.5 && b[2] <= box[2] + 0.5) out.push(poly);
    }
  return out;
}

/**
 * SVG path data of polygon outer rings in a width×height box around `box` (equirectangular, cos(lat)
 * corrected); tiny reefs get a minimum size so they stay visible in a small inset.
 */
export function insetPath(polys: readonly PolygonCoords[], box: BBox, width: number, height: number, pad = 6): string {
  const midLat = ((box[1] + box[3]) / 2) * (Math.PI / 180);
  const kx = Math.cos(midLat);
  const spanX = (box[2] - box[0]) * kx;
  const spanY = box[3] - box[1];
  const k = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const ox = (width - spanX * k) / 2;
  const oy = (height - spanY * k) / 2;
  const px = (x: number) => ox + (x - box[0]) * kx * k;
  const py = (y: number) => oy + (box[3] - y) * k;
  const parts: string[] = [];
  for (const poly of polys) {
    const ring = poly[0];
    if (!ring || ring.length < 3) continue;
    const b = bboxOfPolygons([poly])!;
    const w = (b[2] - b[0]) * kx * k;
    const h = (b[3] - b[1]) * k;
    if (w < 2 && h < 2) {
      // A reef smaller than two pixels: a small square so it is seen.
      const cx = px((b[0] + b[2]) / 2);
      const cy = py((b[1] + b[3]) / 2);
      parts.push(`M${(cx - 1.2).toFixed(1)} ${(cy - 1.2).toFixed(1)}h2.4v2.4h-2.4Z`);
      continue;
    }
    parts.push(`M${ring.map(([x, y]) => `${px(x).toFixed(1)} ${py(y).toFixed(1)}`).join('L')}Z`);
  }
  return parts.join('');
}
