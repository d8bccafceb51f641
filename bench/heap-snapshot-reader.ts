/**
 * Reads a V8 .heapsnapshot file without holding it as one string: the server's snapshots are longer than
 * V8's longest string (≈ 512 MB), so `JSON.parse(readFileSync(…))` cannot read them. The file is scanned
 * in chunks; nodes and edges go into typed arrays, strings into an array. V8 writes the sections in a fixed
 * order (snapshot meta, nodes, edges, trace data, locations, strings), which is all this relies on.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface HeapSnapshot {
  nodeFields: string[];
  nodeTypes: string[];
  edgeFields: string[];
  edgeTypes: string[];
  nodes: Uint32Array;
  edges: Uint32Array;
  strings: string[];
}

const CHUNK_BYTES = 16 * 2 ** 20;
const enc = new TextEncoder();

export function readHeapSnapshot(file: string, chunkBytes = CHUNK_BYTES): HeapSnapshot {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(chunkBytes);
  let len = 0;
  let pos = 0;
  const fill = (): boolean => {
    len = readSync(fd, buf, 0, chunkBytes, null);
    pos = 0;
    return len > 0;
  };
  const next = (): number => (pos < len || fill() ? buf[pos++]! : -1);

  /** Reads up to and including `marker`, returning what came before it. */
  const until = (marker: string): string => {
    const m = enc.encode(marker);
    const out: number[] = [];
    let matched = 0;
    for (;;) {
      const c = next();
      if (c < 0) throw new Error(`${file}: ${marker} not found`);
      out.push(c);
      if (c === m[matched]) matched++;
      else matched = c === m[0] ? 1 : 0;
      if (matched === m.length) return Buffer.from(out.slice(0, out.length - m.length)).toString('utf8');
    }
  };
  /** Skips up to and including `marker` (only for stretches without a quote, i.e. numeric arrays). */
  const skipTo = (marker: string): void => {
    const m = enc.encode(marker);
    let matched = 0;
    for (;;) {
      const c = next();
      if (c < 0) throw new Error(`${file}: ${marker} not found`);
      if (c === m[matched]) matched++;
      else matched = c === m[0] ? 1 : 0;
      if (matched === m.length) return;
    }
  };
  const numbers = (into: Uint32Array): void => {
    let i = 0;
    let n = 0;
    let inNum = false;
    for (;;) {
      const c = next();
      if (c >= 48 && c <= 57) {
        n = n * 10 + (c - 48);
        inNum = true;
      } else {
        if (inNum) into[i++] = n;
        n = 0;
        inNum = false;
        if (c === 93 /* ] */ || c < 0) break;
      }
    }
    if (i !== into.length) throw new Error(`${file}: expected ${into.length} numbers, read ${i}`);
  };

  const header = JSON.parse(`${until(',\n"nodes":[').replace(/^\{"snapshot":/, '')}`) as {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
    node_count: number;
    edge_count: number;
  };
  const nodes = new Uint32Array(header.node_count * header.meta.node_fields.length);
  numbers(nodes);
  skipTo('"edges":[');
  const edges = new Uint32Array(header.edge_count * header.meta.edge_fields.length);
  numbers(edges);
  skipTo('"strings":[');
  const strings: string[] = [];
  let parts: Buffer[] = [];
  let inString = false;
  let start = 0;
  let escaped = false;
  for (;;) {
    if (pos >= len) {
      if (inString) parts.push(Buffer.from(buf.subarray(start, len)));
      if (!fill()) break;
      start = 0;
    }
    const c = buf[pos++]!;
    if (!inString) {
      if (c === 34 /* " */) {
        inString = true;
        start = pos - 1;
      } else if (c === 93 /* ] */) break;
    } else if (escaped) escaped = false;
    else if (c === 92 /* \ */) escaped = true;
    else if (c === 34) {
      parts.push(buf.subarray(start, pos));
      strings.push(JSON.parse(Buffer.concat(parts).toString('utf8')) as string);
      parts = [];
      inString = false;
    }
  }
  closeSync(fd);
  return {
    nodeFields: header.meta.node_fields,
    nodeTypes: header.meta.node_types[0],
    edgeFields: header.meta.edge_fields,
    edgeTypes: header.meta.edge_types[0],
    nodes,
    edges,
    strings,
  };
}
