/**
 * Test helper for the loader's tests: a copy of the shipped config/ folder with one edit applied,
 * loaded; returns the ConfigError it raised (null when it loaded).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../load-config.ts';
import { ConfigError } from './issues.ts';

export function withEditedConfig(edit: (dir: string) => void): ConfigError | null {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-config-'));
  try {
    cpSync('config', dir, { recursive: true });
    edit(dir);
    loadConfig(dir);
    return null;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces text in one file of the copy; fails the test when the fixture text is not there. */
export function replaceIn(dir: string, file: string, from: string | RegExp, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `fixture edit of ${file} applied`);
  writeFileSync(p, next);
}
