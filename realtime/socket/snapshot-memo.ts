/**
 * One snapshot per (group state, version, area, scope, year), shared by every socket that asks: built and
 * serialised once (json-once.ts), not once per socket. Keyed on the cached state object itself, so a group
 * read again after a resync (a new state, possibly with a version that restarted) never serves a snapshot
 * of the old one. Bounded: only the latest version of a state is kept, and a few scopes per state.
 */
import type { GroupSnapshot } from '../../contract/messages.ts';
import { sharedJson } from './json-once.ts';

/** Distinct (area, scope) answers kept per group state: the province, a few communes, a few scopes. */
const MAX_VARIANTS_PER_STATE = 64;

interface Variants {
  version: number;
  byKey: Map<string, GroupSnapshot>;
}

export class SnapshotMemo {
  private readonly states = new WeakMap<object, Variants>();
  hits = 0;
  misses = 0;

  /** The shared snapshot of `state` at its current `version` for this key, built by `build` the first time. */
  get(state: object, version: number, key: string, build: () => GroupSnapshot): GroupSnapshot {
    let variants = this.states.get(state);
    if (!variants || variants.version !== version) {
      variants = { version, byKey: new Map() };
      this.states.set(state, variants);
    }
    const hit = variants.byKey.get(key);
    if (hit) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const snap = sharedJson(build());
    if (variants.byKey.size >= MAX_VARIANTS_PER_STATE) variants.byKey.delete(variants.byKey.keys().next().value!);
    variants.byKey.set(key, snap);
    return snap;
  }
}
