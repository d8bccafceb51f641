/**
 * Compares heap snapshots of one process taken apart in time (bench/server-soak.ts SNAPSHOT_AT=…), so a
 * leak names itself:
 * - the census (objects by constructor, strings/code by type) of each snapshot, and the groups that grew
 *   in every interval (noise grows in one, a leak in all);
 * - with three snapshots A, B, C: the objects allocated between A and B that are still alive at C (V8's
 *   object ids are stable within a process), grouped by constructor, and by their anchor: the retainer
 *   chain walked up from each such object to the first object that was already alive at A — the
 *   long-lived structure that keeps accumulating (a Map, an array, a closure's context).
 *
 *   node --max-old-space-size=8000 --import tsx bench/heap-diff.ts a.heapsnapshot [b.heapsnapshot [c.heapsnapshot]]
 * With one snapshot it lists its largest groups.
 */
import { readHeapSnapshot, type HeapSnapshot } from './heap-snapshot-reader.ts';

const files = process.argv.slice(2);
if (files.length < 1) throw new Error('usage: bench/heap-diff.ts a.heapsnapshot [b.heapsnapshot [c.heapsnapshot]]');
const TOP = Number(process.env.TOP ?? 25);

interface View {
  snap: HeapSnapshot;
  width: number;
  count: number;
  iType: number;
  iName: number;
  iId: number;
  iSize: number;
  iEdges: number;
}

function view(snap: HeapSnapshot): View {
  const f = snap.nodeFields;
  return {
    snap,
    width: f.length,
    count: snap.nodes.length / f.length,
    iType: f.indexOf('type'),
    iName: f.indexOf('name'),
    iId: f.indexOf('id'),
    iSize: f.indexOf('self_size'),
    iEdges: f.indexOf('edge_count'),
  };
}

function label(v: View, n: number): string {
  const { nodes, nodeTypes, strings } = v.snap;
  const type = nodeTypes[nodes[n * v.width + v.iType]!]!;
  const named = type === 'object' || type === 'native' || type === 'closure' || type === 'array' || type === 'hidden';
  return named ? `${type}: ${strings[nodes[n * v.width + v.iName]!]!.slice(0, 80)}` : `(${type})`;
}

type Census = Map<string, { n: number; bytes: number }>;
function census(v: View, only?: (n: number) => boolean): Census {
  const out: Census = new Map();
  for (let n = 0; n < v.count; n++) {
    if (only && !only(n)) continue;
    const k = label(v, n);
    const g = out.get(k) ?? { n: 0, bytes: 0 };
    g.n++;
    g.bytes += v.snap.nodes[n * v.width + v.iSize]!;
    out.set(k, g);
  }
  return out;
}
const total = (c: Census) => [...c.values()].reduce((x, g) => x + g.bytes, 0);
const mb = (b: number) => (b / 2 ** 20).toFixed(2);

const views: View[] = [];
const censuses: Census[] = [];
for (const f of files) {
  const t = Date.now();
  const v = view(readHeapSnapshot(f));
  views.push(v);
  censuses.push(census(v));
  console.log(`${f}: ${v.count} nodes, ${mb(total(censuses.at(-1)!))} MB self size (read in ${Date.now() - t} ms)`);
  // Of all but the last snapshot only the census and the ids are needed: free their strings.
  if (views.length < files.length) v.snap.strings.length = 0;
}

/**
 * The objects `selected` grouped by their anchor: each one's retainer chain (strong edges, preferring the
 * oldest retainer) walked up to the first object of age 0 or `maxDepth` steps, with two more retainers
 * above it to name it. `age` per node: 0 for old objects, anything else for new ones.
 */
function anchorsOf(c: View, age: Uint8Array, selected: (n: number) => boolean, maxDepth: number): Census {
  const { edges, edgeFields, edgeTypes, strings, nodes } = c.snap;
  const ew = edgeFields.length;
  const eType = edgeFields.indexOf('type');
  const eName = edgeFields.indexOf('name_or_index');
  const eTo = edgeFields.indexOf('to_node');
  const weak = edgeTypes.indexOf('weak');
  const shortcut = edgeTypes.indexOf('shortcut');
  const element = edgeTypes.indexOf('element');
  const hidden = edgeTypes.indexOf('hidden');
  const firstRetainer = new Int32Array(c.count).fill(-1);
  const firstEdge = new Int32Array(c.count).fill(-1);
  for (let n = 0, e = 0; n < c.count; n++) {
    const ec = nodes[n * c.width + c.iEdges]!;
    for (let k = 0; k < ec; k++, e += ew) {
      const t = edges[e + eType]!;
      if (t === weak || t === shortcut) continue;
      const to = edges[e + eTo]! / c.width;
      // Prefer a retainer that is older (the anchor is what we look for).
      if (firstRetainer[to] === -1 || age[n]! < age[firstRetainer[to]!]!) {
        firstRetainer[to] = n;
        firstEdge[to] = e;
      }
    }
  }
  const edgeLabel = (e: number) => {
    const t = edges[e + eType]!;
    const name = edges[e + eName]!;
    // Element indices are left out, or every entry of one array would be a chain of its own.
    if (t === element) return '[]';
    if (t === hidden) return '[hidden]';
    const s = strings[name] ?? '';
    return /^\d+$/.test(s) ? '[]' : `.${s.slice(0, 40)}`;
  };
  const anchors = new Map<string, { n: number; bytes: number }>();
  for (let n = 0; n < c.count; n++) {
    if (!selected(n)) continue;
    const chain: string[] = [];
    let cur = n;
    for (let depth = 0; depth < maxDepth && age[cur] !== 0; depth++) {
      const r = firstRetainer[cur]!;
      if (r < 0) break;
      chain.unshift(edgeLabel(firstEdge[cur]!));
      cur = r;
      if (age[cur] !== 0) chain.unshift(`<${label(c, cur)}>`);
    }
    // Two retainers above the anchor name it (a context's variable, an object's property).
    let above = '';
    for (let up = 0, r = cur; up < 2 && firstRetainer[r]! >= 0; up++) {
      above = `${label(c, firstRetainer[r]!)} ${edgeLabel(firstEdge[r]!)} / ${above}`;
      r = firstRetainer[r]!;
    }
    const key = `${above}${age[cur] === 0 ? label(c, cur) : '…'} ${chain.join(' ')} → ${label(c, n)}`;
    const g = anchors.get(key) ?? { n: 0, bytes: 0 };
    g.n++;
    g.bytes += nodes[n * c.width + c.iSize]!;
    anchors.set(key, g);
  }
  return anchors;
}

if (files.length === 1) {
  console.log(`\nlargest groups (count, bytes):`);
  for (const [k, g] of [...censuses[0]!].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, TOP))
    console.log(`${String(g.n).padStart(8)} ${String(g.bytes).padStart(10)}  ${k}`);
  // RETAINERS_OF="(concatenated string)": what holds the objects of one group.
  const of = process.env.RETAINERS_OF;
  if (of) {
    const v = views[0]!;
    const age = new Uint8Array(v.count).fill(1);
    console.log(`\n${of} by retainer chain (count, bytes):`);
    for (const [k, g] of [...anchorsOf(v, age, (n) => label(v, n) === of, Number(process.env.DEPTH ?? 6))]
      .sort((x, y) => y[1].bytes - x[1].bytes)
      .slice(0, TOP * 2))
      console.log(`${String(g.n).padStart(8)} ${String(g.bytes).padStart(10)}  ${k}`);
  }
  process.exit(0);
}

console.log(`\ngroups that grew in every interval (bytes Δ per interval; count now):`);
const last = censuses.at(-1)!;
const steady = [...last.keys()]
  .map((k) => ({
    k,
    d: censuses.slice(1).map((c, i) => (c.get(k)?.bytes ?? 0) - (censuses[i]!.get(k)?.bytes ?? 0)),
    dn: censuses.slice(1).map((c, i) => (c.get(k)?.n ?? 0) - (censuses[i]!.get(k)?.n ?? 0)),
  }))
  .filter((g) => g.d.every((x) => x > 0) || g.dn.every((x) => x > 0))
  .sort((a, b) => b.d.reduce((x, y) => x + y, 0) - a.d.reduce((x, y) => x + y, 0))
  .slice(0, TOP);
for (const g of steady)
  console.log(
    `${g.d.map((x) => String(x).padStart(10)).join('')}  n ${g.dn.map((x) => String(x).padStart(6)).join('')}  ${last.get(g.k)!.n}  ${g.k}`,
  );

if (files.length >= 3) {
  const [a, b, c] = [views[0]!, views[1]!, views.at(-1)!];
  const ids = (v: View) => {
    const out = new Uint32Array(v.count);
    for (let n = 0; n < v.count; n++) out[n] = v.snap.nodes[n * v.width + v.iId]!;
    return out.sort();
  };
  const has = (sorted: Uint32Array, id: number) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! === id) return true;
      if (sorted[mid]! < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const idsA = ids(a);
  const idsB = ids(b);
  const idOf = (n: number) => c.snap.nodes[n * c.width + c.iId]!;
  /** 0: alive at A, 1: allocated between A and B (alive at C), 2: allocated after B. */
  const age = new Uint8Array(c.count);
  for (let n = 0; n < c.count; n++) age[n] = has(idsA, idOf(n)) ? 0 : has(idsB, idOf(n)) ? 1 : 2;
  const survivors = census(c, (n) => age[n] === 1);
  console.log(
    `\nallocated between snapshot 1 and 2, still alive in the last: ${mb(total(survivors))} MB; by group (count, bytes):`,
  );
  for (const [k, g] of [...survivors].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, TOP))
    console.log(`${String(g.n).padStart(8)} ${String(g.bytes).padStart(10)}  ${k}`);

  const anchors = anchorsOf(c, age, (n) => age[n] === 1, 8);
  console.log(`\nthe same objects by anchor (the first object alive at snapshot 1 up their retainer chain):`);
  for (const [k, g] of [...anchors].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, TOP * 2))
    console.log(`${String(g.n).padStart(8)} ${String(g.bytes).padStart(10)}  ${k}`);
}
