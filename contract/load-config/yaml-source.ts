/**
 * A YAML file of the configuration folder, parsed with its source positions, so that every issue can
 * name the line (and column) of the key it is about; a key that is missing is placed at its parent.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, isNode, parseDocument } from 'yaml';
import type { ConfigIssue } from './issues.ts';
import { YAML_SYNTAX_HINT } from './hints.ts';

/** A key path into a file: keys and (0-based) list positions. */
export type KeyPath = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  col: number;
}

export interface YamlSource {
  /** The file as people see it: relative to the working directory when inside it. */
  file: string;
  data: unknown;
  /** Where the node at path starts, or its nearest existing ancestor. */
  positionOf(path: KeyPath): SourcePosition | undefined;
  /** An issue about the key at path, placed in the file. */
  issue(path: KeyPath, message: string, hint?: string): ConfigIssue;
}

/** Reads and parses dir/file; on a missing file or a syntax error, pushes issues and returns null. */
export function readYamlSource(dir: string, file: string, issues: ConfigIssue[]): YamlSource | null {
  const full = join(dir, file);
  const rel = full.startsWith(process.cwd()) ? relative(process.cwd(), full) : full;
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    issues.push({ file: rel, path: '', message: 'file is missing', hint: `create ${file}; see config/README.md` });
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, 5)) {
      const pos = e.linePos?.[0];
      issues.push({
        file: rel,
        line: pos?.line,
        col: pos?.col,
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        hint: YAML_SYNTAX_HINT,
      });
    }
    return null;
  }
  const positionOf = (path: KeyPath): SourcePosition | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
    }
    return undefined;
  };
  return {
    file: rel,
    data: doc.toJS(),
    positionOf,
    issue(path, message, hint) {
      const pos = positionOf(path);
      return {
        file: rel,
        ...(pos && { line: pos.line, col: pos.col }),
        path: path.join('.'),
        message,
        ...(hint !== undefined && { hint }),
      };
    },
  };
}

/** A file that parsed and passed its schema: the value, and where it came from (for cross-file checks). */
export interface Loaded<T> {
  source: YamlSource;
  value: T;
}
