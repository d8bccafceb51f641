/**
 * `npx tsx scripts/complete-lockfile.ts` after `npm install`: the package registry reachable from our
 * build machines lacks some platform-specific optional packages (e.g. @rollup/rollup-android-arm64), so
 * `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock as out of sync.
 * This adds the missing entries with their os/cpu/libc, which `npm ci` skips on other platforms.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optionalDependencies?: Record<string, string>;
  [k: string]: unknown;
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
const PLATFORM =
  /(android|darwin|freebsd|linux|openbsd|openharmony|netbsd|sunos|aix|win32)-(x64|arm64|arm|ia32|loong64|ppc64|riscv64|s390x|mips64el)(?:-(gnueabihf|musleabihf|gnu|musl|msvc|eabi))?$/;
const added: string[] = [];
for (const meta of Object.values(lock.packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key]) continue;
    const m = PLATFORM.exec(dep);
    if (!m) continue;
    const [, os, cpu, abi] = m;
    const entry: LockEntry = { version, cpu: [cpu], ...(meta.dev ? { dev: true } : {}), optional: true, os: [os] };
    if (abi === 'gnu' || abi === 'gnueabihf') entry.libc = ['glibc'];
    if (abi === 'musl' || abi === 'musleabihf') entry.libc = ['musl'];
    lock.packages[key] = entry;
    added.push(dep);
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync('package-lock.json', `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(added.length ? `added ${added.length} platform packages: ${added.join(', ')}` : 'lock file complete');
