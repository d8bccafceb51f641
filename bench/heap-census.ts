/**
 * What a V8 heap snapshot holds, grouped: JS objects by constructor, native/DOM nodes by description,
 * strings and code by type. Two censuses taken apart in time show what grew, so a leak names itself.
 * Shared by bench/leak-hunt.ts (a wall page, through CDP) and bench/server-soak.ts (the server itself).
 */
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export type Census = Map<string, { n: number; bytes: number }>;

export function censusOf(snapshotJson: string): Census {
  const snap = JSON.parse(snapshotJson) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const out: Census = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]!]!;
    // Strings and code are grouped by type only (their names are their contents).
    const named = type === 'object' || type === 'native' || type === 'closure' || type === 'array';
    const name = named ? `${type}: ${snap.strings[snap.nodes[i + iName]!]!.slice(0, 100)}` : `(${type})`;
    const g = out.get(name) ?? { n: 0, bytes: 0 };
    g.n++;
    g.bytes += snap.nodes[i + iSize]!;
    out.set(name, g);
  }
  return out;
}

/** The groups that grew most in bytes from `a` to `b`, largest first. */
export function grownGroups(a: Census, b: Census, top = 15): { name: string; dn: number; dbytes: number; n: number }[] {
  return [...b]
    .map(([name, g]) => ({ name, dn: g.n - (a.get(name)?.n ?? 0), dbytes: g.bytes - (a.get(name)?.bytes ?? 0), n: g.n }))
    .filter((g) => g.dbytes > 0)
    .sort((x, y) => y.dbytes - x.dbytes)
    .slice(0, top);
}
