/**
 * The figures a meeting froze, as one subscription sees them: cut to its area (as a live snapshot is)
 * and to the reader's scope. A group the freeze did not capture (it had no state) is empty, version 0.
 */
import type { GroupSnapshot } from '../../contract/messages.ts';
import { visibleValues } from '../access.ts';
import type { Principal } from '../identity/principal.ts';
import { scopedSnapshot } from '../snapshot-scope.ts';

export function frozenSnapshots(
  frozen: readonly GroupSnapshot[],
  groups: readonly string[],
  reader: Principal,
  opts: { area: string; provinceCode: string; frozenAt: string },
): GroupSnapshot[] {
  return groups.map((g) => {
    const f = frozen.find((s) => s.group === g) ?? { group: g, version: 0, at: opts.frozenAt, values: [] };
    const values = new Map(f.values.map((v, i) => [String(i), v]));
    // The window of years is the one of the frozen moment, not of today.
    const snap = scopedSnapshot(g, { version: f.version, at: f.at, values }, { ...opts, now: new Date(opts.frozenAt) });
    return { ...snap, values: visibleValues(reader, snap.values, opts.provinceCode) };
  });
}
