import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeHeapSnapshot } from 'node:v8';
import { readHeapSnapshot } from './heap-snapshot-reader.ts';

test('the chunked reader reads what JSON.parse reads, whatever the chunk boundaries cut', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heap-reader-'));
  try {
    (globalThis as { probe?: unknown }).probe = ['quote " and \\ backslash', 'Khánh Hòa 漢字 😀', 'x'.repeat(5000), ''];
    const file = writeHeapSnapshot(join(dir, 'a.heapsnapshot'));
    const whole = JSON.parse(readFileSync(file, 'utf8')) as { nodes: number[]; edges: number[]; strings: string[] };
    const firstDifference = (a: ArrayLike<unknown>, b: ArrayLike<unknown>) => {
      for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `at ${i}: ${a[i]} vs ${b[i]}`;
      return null;
    };
    for (const chunk of [1, 7, 4096, undefined]) {
      const s = readHeapSnapshot(file, chunk);
      assert.equal(firstDifference(s.nodes, whole.nodes), null, `nodes, chunk ${chunk}`);
      assert.equal(firstDifference(s.edges, whole.edges), null, `edges, chunk ${chunk}`);
      assert.equal(firstDifference(s.strings, whole.strings), null, `strings, chunk ${chunk}`);
    }
  } finally {
    delete (globalThis as { probe?: unknown }).probe;
    rmSync(dir, { recursive: true, force: true });
  }
});
