/**
 * The one retry-delay formula: exponential from `baseMs`, capped at `maxMs`, with ±`jitter` so a wall of
 * screens (or a fleet of cameras) does not retry in lock-step. `attempt` counts from 1 (the first retry
 * waits about `baseMs`). No dependencies, so every folder and the dashboard's entry chunk can use it.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** Fraction of the delay drawn at random either side; 0 for a fixed schedule. */
  jitter?: number;
  random?: () => number;
}

export function backoffMs(attempt: number, opts: BackoffOptions = {}): number {
  const { baseMs = 1000, maxMs = 30_000, jitter = 0.2, random = Math.random } = opts;
  const steps = Math.max(0, Math.min(attempt - 1, 30));
  const raw = Math.min(maxMs, baseMs * 2 ** steps);
  return Math.round(raw * (1 - jitter + 2 * jitter * random()));
}
