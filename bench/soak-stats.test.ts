import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slopeMbPerHour, trendOf } from './soak-stats.ts';

const MB = 2 ** 20;
const minute = 60_000;

test('a steady leak keeps its slope in both halves; a cache filling up slows down', () => {
  // 6 MB/h = 0.1 MB a minute, sampled every 30 s for 30 minutes.
  const leak = Array.from({ length: 61 }, (_, i) => ({ t: i * 30_000, y: 200 * MB + (i / 2) * 0.1 * MB }));
  const t = trendOf(leak, 5 * minute);
  assert.ok(Math.abs(t.slope - 6) < 1e-9);
  assert.ok(Math.abs(t.firstHalf - 6) < 1e-9 && Math.abs(t.secondHalf - 6) < 1e-9);
  assert.ok(Math.abs(t.deltaMbPerHour - 6) < 1e-9);
  // Fills 10 MB with a 5-minute time constant, then stays: the warm-up, not a leak.
  const fill = Array.from({ length: 61 }, (_, i) => ({ t: i * 30_000, y: 200 * MB + 10 * MB * (1 - Math.exp(-i / 10)) }));
  const f = trendOf(fill, 5 * minute);
  assert.ok(f.secondHalf < f.firstHalf / 4, `${f.firstHalf} → ${f.secondHalf}`);
  assert.ok(trendOf(fill, 20 * minute).slope < 1);
});

test('flat samples with noise have a slope near zero; too few samples give 0', () => {
  const noise = [0.3, -0.2, 0.1, -0.4, 0.2, 0, -0.1, 0.4, -0.3, 0.1];
  const flat = noise.map((d, i) => ({ t: i * minute, y: 250 * MB + d * MB }));
  assert.ok(Math.abs(slopeMbPerHour(flat)) < 3);
  assert.equal(slopeMbPerHour([{ t: 0, y: 1 }]), 0);
  assert.equal(trendOf([], 0).slope, 0);
});
