/** The trend of a soak's samples (bench/server-soak.ts): growth in MB/h, robust to GC noise and warm-up. */

export interface Sample {
  /** ms since the start of the run */
  t: number;
  /** bytes */
  y: number;
}

/** Least-squares slope of bytes over ms, as MB/h (0 with fewer than two distinct times). */
export function slopeMbPerHour(points: readonly Sample[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.t - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.t - mx) ** 2, 0);
  return den ? ((num / den) * 3_600_000) / 2 ** 20 : 0;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export interface Trend {
  /** over the whole steady part (after the warm-up) */
  slope: number;
  /** fitted over the first and the second half of the steady part separately */
  firstHalf: number;
  secondHalf: number;
  /** MB between the medians of the first and the last `edge` samples of the steady part */
  deltaMb: number;
  /** MB/h that change amounts to over the time between the two medians' centres */
  deltaMbPerHour: number;
  samples: number;
}

/** The trend of `points` from `fromMs` on; `edge` samples at each end make the median change. */
export function trendOf(points: readonly Sample[], fromMs: number, edge = 5): Trend {
  const steady = points.filter((p) => p.t >= fromMs);
  const half = Math.floor(steady.length / 2);
  const k = Math.max(1, Math.min(edge, half));
  const head = steady.slice(0, k);
  const tail = steady.slice(-k);
  const deltaMb = steady.length ? (median(tail.map((p) => p.y)) - median(head.map((p) => p.y))) / 2 ** 20 : 0;
  const span = steady.length ? median(tail.map((p) => p.t)) - median(head.map((p) => p.t)) : 0;
  return {
    slope: slopeMbPerHour(steady),
    firstHalf: slopeMbPerHour(steady.slice(0, half)),
    secondHalf: slopeMbPerHour(steady.slice(half)),
    deltaMb,
    deltaMbPerHour: span > 0 ? (deltaMb * 3_600_000) / span : 0,
    samples: steady.length,
  };
}
