/**
 * Revisions (ARCHITECTURE.md "Revisions and compliance"), as pure logic. A figure is revised when it
 * changes after its first publication at a status: its value or plan changes while the status stays, or
 * anything changes after it was official (a step back in status included). The path estimate →
 * preliminary → official is not a revision: each status's first figure is its first publication (the tile
 * shows the status path). A revision is shown for `revisedFlagDays` after the revising row's updatedAt,
 * which every replica and every restart reads the same way.
 */
import type { IndicatorValue, ValueStatus } from '../../contract/messages.ts';

/** The row-level part of a value, as the reporting table had it. */
export interface RowState {
  value: number | null;
  plan: number | null;
  status: ValueStatus;
  reporter: string | null;
  updatedAt: string;
}

export interface Revision {
  /** The figure as it was before the latest revision. */
  previous: { value: number | null; status: ValueStatus; updatedAt: string };
  /** updatedAt of the revising row: the flag runs from here. */
  at: string;
}

const RANK: Record<ValueStatus, number> = { estimate: 0, preliminary: 1, official: 2 };

export function rowStateOf(v: Pick<IndicatorValue, 'value' | 'plan' | 'status' | 'reporter' | 'updatedAt'>): RowState {
  return { value: v.value, plan: v.plan, status: v.status, reporter: v.reporter ?? null, updatedAt: v.updatedAt };
}

/** Whether the row differs from what was last seen in anything the history records. */
export function rowChanged(prev: RowState | undefined, next: RowState): boolean {
  return (
    !prev ||
    prev.value !== next.value ||
    prev.plan !== next.plan ||
    prev.status !== next.status ||
    prev.reporter !== next.reporter ||
    prev.updatedAt !== next.updatedAt
  );
}

export function isRevision(prev: RowState, next: RowState): boolean {
  const figuresChanged = prev.value !== next.value || prev.plan !== next.plan;
  if (RANK[next.status] < RANK[prev.status]) return true; // a step back: official → estimate
  if (RANK[next.status] > RANK[prev.status]) return false; // the status path, not a revision
  return figuresChanged;
}

/**
 * The revision a key carries after `next` replaces `prev`: a new one when this is a revision; none after a
 * step forward on the status path (the new status's first figure); else the one it had.
 */
export function nextRevision(prev: RowState | undefined, next: RowState, current: Revision | null): Revision | null {
  if (!prev) return current;
  if (isRevision(prev, next))
    return { previous: { value: prev.value, status: prev.status, updatedAt: prev.updatedAt }, at: next.updatedAt };
  if (RANK[next.status] > RANK[prev.status]) return null;
  return current;
}

/** Whether the revision still shows at `now`. */
export function revisionShows(rev: Revision | null, now: Date, revisedFlagDays: number): rev is Revision {
  if (!rev) return false;
  const at = Date.parse(rev.at);
  return Number.isFinite(at) && now.getTime() < at + revisedFlagDays * 86_400_000;
}

/** The revision a published value carries (flags/previous), so a restarted ingest picks it up. */
export function revisionOf(v: IndicatorValue): Revision | null {
  return v.flags?.includes('revised') && v.previous ? { previous: v.previous, at: v.updatedAt } : null;
}
