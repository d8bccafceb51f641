/**
 * `npm start`'s build step: builds the dashboard only when its inputs changed since the last build, so a
 * restart of the demo takes a second, not a rebuild. The inputs are everything the bundle is made of: the
 * dashboard's sources, the contract it imports, the vite config and the lockfile (dependency versions).
 * Their hash is kept beside the build (dist/dashboard/.inputs-hash); `--force` builds anyway.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const INPUTS = ['dashboard', 'contract', 'package-lock.json'];
const outDir = join(root, 'dist', 'dashboard');
const stampFile = join(outDir, '.inputs-hash');

function addTree(hash: ReturnType<typeof createHash>, path: string): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (name !== 'node_modules') addTree(hash, join(path, name));
    return;
  }
  hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
}

const hash = createHash('sha256');
for (const input of INPUTS) if (existsSync(join(root, input))) addTree(hash, join(root, input));
const digest = hash.digest('hex');

const force = process.argv.includes('--force');
const built = existsSync(join(outDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest;
if (built && !force) {
  console.log('dashboard: up to date (inputs unchanged since the last build)');
  process.exit(0);
}
const res = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'dashboard/vite.config.ts', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (res.status !== 0) process.exit(res.status ?? 1);
writeFileSync(stampFile, digest);
console.log('dashboard: built');
