/**
 * Deterministic randomness for the demo seed: a hash of (seed, parts…) → [0, 1). Order-independent, so
 * any value of the model can be evaluated on its own (derived indicators read other indicators' values),
 * and adding an indicator does not reshuffle the others.
 */

function hash32(str: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3 finaliser
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function makeRand(seed: number) {
  return (...parts: (string | number)[]): number => hash32(parts.join('|'), seed) / 4294967296;
}
export type Rand = ReturnType<typeof makeRand>;
