/**
 * Fails when a file still holds a merge's conflict markers (part of `npm run lint`). Prettier skips
 * Markdown here (.prettierignore), and a marker in a README or a YAML file breaks nothing that a test
 * reads, so without this one can land unnoticed (one did, in README.md).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'data', 'test-results', 'results', '.scratch']);
const TEXT = /\.(md|ts|tsx|js|mjs|json|ya?ml|css|html|conf|service|sh)$/;
const MARKER = /^(<{7}|>{7})( |$)/;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (TEXT.test(name)) out.push(p);
  }
}

const files: string[] = [];
walk(root, files);
const found: string[] = [];
for (const f of files) {
  const lines = readFileSync(f, 'utf8').split('\n');
  lines.forEach((l, i) => {
    if (MARKER.test(l)) found.push(`${relative(root, f)}:${i + 1}: ${l.slice(0, 40)}`);
  });
}
if (found.length) {
  console.error(`merge conflict markers left in ${found.length} place(s):\n${found.join('\n')}`);
  process.exit(1);
}
