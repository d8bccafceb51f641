/**
 * The configuration folder as texts, and the two ways the workspace touches it: validating a candidate
 * set of texts with the real loader (contract/load-config.ts: the same schemas and cross-file checks as
 * at start-up, so there is one definition of "valid"), and writing one file atomically.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import type { Config } from '../../contract/config.ts';
import { ConfigError, loadConfig, type ConfigIssue } from '../../contract/load-config.ts';

/** Relative path (`screens/tong-quan.yaml`) → text. */
export type ConfigTexts = Map<string, string>;

const isYaml = (f: string) => (f.endsWith('.yaml') || f.endsWith('.yml')) && !f.startsWith('.');

/** Every YAML file of the folder and of its subfolders (one level: groups/, screens/, walls/, …). */
export function readConfigTexts(dir: string): ConfigTexts {
  const out: ConfigTexts = new Map();
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    let st;
    try {
      st = statSync(full);
    } catch {
      continue; // removed meanwhile (an editor's rename-write)
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(full).sort())
        if (isYaml(f)) {
          const text = readText(join(full, f));
          if (text !== null) out.set(`${entry}/${f}`, text);
        }
    } else if (isYaml(entry)) {
      const text = readText(full);
      if (text !== null) out.set(entry, text);
    }
  }
  return out;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** An issue of the loader, its file relative to the configuration folder. */
export type FileIssue = ConfigIssue & { file: string };

/**
 * Loads a candidate configuration exactly as start-up would: the texts are laid out in a scratch folder
 * and read by loadConfig. About 80 ms for the demo folder; a publish is a human action.
 */
export function validateTexts(texts: ConfigTexts): { ok: true; config: Config } | { ok: false; issues: FileIssue[] } {
  const scratch = mkdtempSync(join(tmpdir(), 'ioc-config-'));
  try {
    for (const [rel, text] of texts) {
      const full = join(scratch, rel);
      mkdirSync(dirname(full), { recursive: true });
      writeFileDurable(full, text, false);
    }
    return { ok: true, config: loadConfig(scratch) };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The loader names files relative to the working directory when they are inside it (TMPDIR there).
    const prefixes = [`${scratch}/`, `${relative(process.cwd(), scratch)}/`];
    const own = (file: string) => {
      const p = prefixes.find((x) => file.startsWith(x));
      return p ? file.slice(p.length) : file;
    };
    return { ok: false, issues: err.issues.map((i) => ({ ...i, file: own(i.file) })) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function writeFileDurable(file: string, text: string, sync: boolean): void {
  const fd = openSync(file, 'w', 0o644);
  try {
    writeSync(fd, text);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces dir/rel with text so that a reader (the server after a crash, an editor, the file watcher)
 * sees the old file or the new one, never half of one: a temporary file in the same folder, fsync,
 * rename over the target, fsync of the folder.
 */
export function writeAtomically(dir: string, rel: string, text: string): void {
  const target = join(dir, rel);
  const folder = dirname(target);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  // Not *.yaml: the watcher and the loader never take the temporary file for configuration.
  const tmp = join(folder, `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileDurable(tmp, text, true);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems refuse fsync on a folder; the rename itself is still atomic.
  }
}
