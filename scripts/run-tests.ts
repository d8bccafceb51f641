/**
 * `npm test` runner: finds every *.test.ts beside its source (and e2e/), then runs them all with node's
 * test runner through tsx. Pass folders or files to run a part: `npm test -- ingest e2e`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOTS = ['contract', 'store', 'ingest', 'realtime', 'reporting-db', 'center', 'dashboard/src', 'kiosk', 'bin', 'e2e'];
const SKIP = new Set(['node_modules', 'dist', 'data']);

function find(path: string, out: string[]): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isFile()) {
    if (path.endsWith('.test.ts') || path.endsWith('.test.tsx')) out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) if (!SKIP.has(name)) find(join(path, name), out);
}

const files: string[] = [];
for (const root of process.argv.slice(2).length ? process.argv.slice(2) : ROOTS) find(root, files);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// node wraps each file in a test of its own, so this timeout bounds a whole file as well as each test.
// It is sized for the browser files on a loaded 2-core CI machine and is only there to catch hangs.
function run(list: string[], concurrency: number): number {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=300000', ...list],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  return res.status ?? 1;
}

// Browser files run one at a time: two Chromiums drawing maps with software WebGL on two cores starve each
// other (and the servers they test) until waits time out. Everything else runs two files at once.
const isBrowserFile = (f: string) => f.split(/[\\/]/)[0] === 'e2e';
const others = files.filter((f) => !isBrowserFile(f));
const browser = files.filter(isBrowserFile);
const first = others.length ? run(others, 2) : 0;
const second = browser.length ? run(browser, 1) : 0;
process.exit(first || second);
