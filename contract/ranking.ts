/**
 * Rankings of communes, shared by the wall's ranking panel and the XLSX export so both rank alike. Pure.
 *  - Standard competition ranking ("1224"): equal values share a rank and the next rank skips, so four
 *    communes at 3, 5, 5, 8 vụ rank 1, 2, 2, 4. Equality is on what the reader sees (the key), so two
 *    figures that both read "99,1%" share a rank.
 *  - Which period a ranking shows: the latest one enough communes have reported, so a month that has
 *    barely begun (three early figures) does not replace last month's full ranking.
 */
import { comparePeriods, type Period } from './period.ts';

export function competitionRanks<T>(sorted: readonly T[], key: (item: T) => string | number): number[] {
  const ranks: number[] = [];
  let previous: string | number | undefined;
  sorted.forEach((item, i) => {
    const k = key(item);
    ranks.push(i > 0 && k === previous ? ranks[i - 1]! : i + 1);
    previous = k;
  });
  return ranks;
}

/** Share of the communes that must have reported a period before a ranking moves on to it. */
export const RANKING_MIN_SHARE = 0.5;

/**
 * The period a ranking shows, from how many communes reported each: the latest one that at least
 * `minShare` of `total` communes have reported, else the latest with any report; null with none.
 */
export function rankingPeriod(
  reported: ReadonlyArray<{ period: Period; count: number }>,
  total: number,
  minShare = RANKING_MIN_SHARE,
): Period | null {
  const sorted = [...reported].filter((r) => r.count > 0).sort((a, b) => comparePeriods(b.period, a.period));
  const enough = sorted.find((r) => r.count >= Math.ceil(total * minShare));
  return (enough ?? sorted[0])?.period ?? null;
}
