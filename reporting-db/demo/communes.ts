/** The commune split of the demo seed: fixed per-commune weights, and an exact split of a total by them. */
import type { Config } from '../../contract/config.ts';
import type { Rand } from './random.ts';

interface CommuneWeights {
  codes: string[];
  weights: number[];
}

export function communeWeights(config: Config, id: string, rand: Rand): CommuneWeights {
  const codes = config.province.communes.map((c) => c.code);
  const raw = config.province.communes.map((c) => {
    // log-normal-ish size (Box–Muller), wards bigger than rural communes, the island special zone small.
    const u1 = Math.max(1e-9, rand('w1', c.code));
    const u2 = rand('w2', c.code);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const typeFactor = c.type === 'Phường' ? 2.2 : c.type === 'Đặc khu' ? 0.4 : 1;
    return Math.exp(0.5 * z) * typeFactor * (0.7 + 0.6 * rand('wj', id, c.code));
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return { codes, weights: raw.map((w) => w / total) };
}

/** Splits total into parts proportional to weights, rounded to d decimals, summing exactly to total. */
export function splitByWeights(total: number, weights: number[], d: number): number[] {
  const f = 10 ** d;
  const units = Math.round(total * f);
  const exact = weights.map((w) => w * units);
  const floors = exact.map(Math.floor);
  let rest = units - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) floors[order[k]![1]]! += 1;
  return floors.map((u) => u / f);
}
