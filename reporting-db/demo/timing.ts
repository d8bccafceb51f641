/**
 * When the demo's plans are assigned: in December of the year before. Figures follow the reporting
 * calendar of schedule.ts.
 */
import { vnInstant } from '../../contract/vn-time.ts';
import type { Rand } from './random.ts';
import { DAY_MS } from './calendar.ts';

/** Plans are assigned in the second half of December of the year before. */
export function planUpdatedAt(year: number, now: Date, rand: Rand, key: string): Date {
  const t =
    vnInstant(year - 1, 12, 10).getTime() +
    Math.floor(20 * rand('pday', key)) * DAY_MS +
    Math.floor((8 + 9 * rand('phour', key)) * 3600_000);
  return new Date(Math.min(t, now.getTime() - 60_000));
}
