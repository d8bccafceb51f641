/**
 * One shared clock for the page: ticks every second, notifies only when the minute changes (the wall
 * shows minutes; staleness is judged in days). Components read it with useNow().
 */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let current = floorMinute(new Date());
let timer: ReturnType<typeof setInterval> | null = null;

function floorMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 60_000) * 60_000);
}

function tick(): void {
  const next = floorMinute(new Date());
  if (next.getTime() === current.getTime()) return;
  current = next;
  for (const l of [...listeners]) l();
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  if (!timer) {
    current = floorMinute(new Date());
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(cb);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current minute (same Date object until the minute changes). */
export function useNow(): Date {
  return useSyncExternalStore(subscribe, () => current);
}
