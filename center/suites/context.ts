/**
 * What every shared suite gets: the open database (reopened by some tests, so always ask `db()`), a way
 * to reopen it (sessions must survive a restart), and a clock the test moves by hand.
 */
import type { CenterDb } from '../db.ts';

export interface SuiteContext {
  label: string;
  db(): CenterDb;
  /** Closes the database and opens it again with the same settings (migrations run again). */
  reopen(): Promise<CenterDb>;
}

export class TestClock {
  constructor(public ms = Date.parse('2026-11-23T09:00:00Z')) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

let counter = 0;
/** A username no other test of the run uses (the suites share one database). */
export function uniqueName(base: string): string {
  counter++;
  return `${base}-${counter}`;
}
