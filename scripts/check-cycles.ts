/**
 * Fails when the import graph has a cycle, type-only imports included. ESLint's import-x/no-cycle skips
 * `import type`, which still ties two modules together for a reader and for a later refactor; this check
 * sees every static import and re-export of every TypeScript file in the tree (part of `npm run lint`).
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOTS = [
  'contract',
  'store',
  'ingest',
  'realtime',
  'reporting-db',
  'center',
  'dashboard/src',
  'kiosk',
  'bin',
  'e2e',
  'bench',
  'scripts',
  'testing',
];
const root = resolve(import.meta.dirname, '..');

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
}

const files: string[] = [];
for (const r of ROOTS) walk(join(root, r), files);
const known = new Set(files);
const edges = new Map<string, string[]>();
for (const f of files) {
  const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
  const targets = importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(f), s))
    .filter((t) => known.has(t));
  edges.set(f, targets);
}

// Tarjan's strongly connected components: any component of two or more files (or a self-import) is a cycle.
let index = 0;
const idx = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function strong(v: string): void {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
  }
  if (low.get(v) === idx.get(v)) {
    const comp: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(comp);
  }
}
for (const f of files) if (!idx.has(f)) strong(f);

if (cycles.length) {
  for (const c of cycles) console.error(`import cycle: ${c.map((f) => relative(root, f)).join(' ⇄ ')}`);
  process.exit(1);
}
console.log(`import graph: ${files.length} files, no cycle`);
