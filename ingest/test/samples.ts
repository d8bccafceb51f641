/**
 * What the parsers' tests share: the real payload samples of shared/feeds/ (each source's parse test owns
 * the samples named after it, see SAMPLE_OWNERS), a parse context, and small assertions on drafts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertDraft, FeedItem, ParseContext } from '../alerts/model.ts';
import { FeedReject } from '../alerts/validate.ts';

/** shared/ sits beside the checkout (a clone, CI's copy, or the workplace's own /work/shared). */
const BESIDE = join(import.meta.dirname, '..', '..', '..', 'shared', 'feeds');
export const SHARED_SAMPLES = process.env.IOC_FEEDS_DIR ?? (existsSync(BESIDE) ? BESIDE : '/work/shared/feeds');

/** Which test covers the shared samples whose names start with each prefix. */
export const SAMPLE_OWNERS: Record<string, string> = {
  'frigate-': 'ingest/frigate/parse.test.ts',
  'onvif-': 'ingest/onvif/parse.test.ts',
  'dahua-': 'ingest/dahua/parse.test.ts',
  'ngsi-': 'ingest/webhook/ngsi.test.ts',
};

export const sampleFiles = (): string[] => readdirSync(SHARED_SAMPLES).filter((f) => f !== 'SOURCES.md');

export const ctx: ParseContext = {
  instance: 'f1',
  nowMs: Date.UTC(2026, 10, 23, 9, 30),
  detectOf: () => ({ width: 1280, height: 720 }),
  noParkingZonesOf: () => [],
};
export const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
export const sample = (f: string) => read(SHARED_SAMPLES, f);
export const sampleJson = (f: string) => JSON.parse(sample(f)) as unknown;
/** JSONC → JSON: drop `//` comments outside strings (the docs' examples carry them). */
export const stripJsonc = (s: string) => s.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*/g, (_m, str: string | undefined) => str ?? '');
export const draft = (i: FeedItem): AlertDraft => (assert.equal(i.type, 'draft', JSON.stringify(i)), i as AlertDraft);
export const near = (a: number | null, b: number, msg?: string) =>
  assert.ok(a !== null && Math.abs(a - b) < 1, `${msg ?? ''} ${a} ≈ ${b}`);
export const rejects = (fn: () => unknown, reason: string) =>
  assert.throws(fn, (e: unknown) => e instanceof FeedReject && e.reason === reason, `expected reject ${reason}`);

/** One test per shared sample of `prefix` (table-driven: one row per file), and one that none is left out. */
export function sampleCases(prefix: string, cases: Record<string, () => void>): void {
  for (const [file, check] of Object.entries(cases)) {
    assert.ok(file.startsWith(prefix), `${file} belongs to the ${prefix} samples`);
    test(`shared sample ${file}`, check);
  }
  test(`every shared ${prefix}* sample has a case`, () => {
    assert.deepEqual(
      sampleFiles().filter((f) => f.startsWith(prefix) && !(f in cases)),
      [],
    );
  });
}
