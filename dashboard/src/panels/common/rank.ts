/**
 * Standard competition ranking ("1224"): equal values share a rank and the next rank skips, so four
 * communes at 3, 5, 5, 8 vụ rank 1, 2, 2, 4. Equality is on what the reader sees (the key), so two
 * figures that both read "99,1%" share a rank. Pure.
 */
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
