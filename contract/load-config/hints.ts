/**
 * Hints of the config loader: the intended name for a misspelt one (edit distance), and what to do
 * about each kind of schema failure.
 */
import type { z } from 'zod';

export const YAML_SYNTAX_HINT =
  'check indentation (spaces, not tabs) and that every "key: value" pair has a space after the colon';

/** Case-insensitive Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = Math.min(
        dp[i - 1]![j]! + 1,
        dp[i]![j - 1]! + 1,
        dp[i - 1]![j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
  return dp[a.length]![b.length]!;
}

/** The closest candidate, if close enough to be a typo (≤ 2 edits, or a third of the word). */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** "did you mean …?" for a reference to an id that does not exist. */
export function suggestHint(word: string, candidates: Iterable<string>): string {
  const guess = suggest(word, candidates);
  return guess ? `did you mean "${guess}"?` : 'check the spelling against config/groups/*.yaml';
}

/** "did you mean …?" for a key the schema does not take. */
export function unknownKeyHint(key: string, knownKeys: Iterable<string>): string {
  const guess = suggest(key, knownKeys);
  return guess ? `did you mean "${guess}"?` : 'remove it; config/README.md lists the keys each file takes';
}

/** What to do about a schema failure, by its zod issue code; undefined when the message says it all. */
export function schemaHint(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.expected === 'string') return 'quote codes and ids, e.g. code: "56"';
  if (issue.code === 'invalid_value') return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union')
    return 'check "kind": kpi-tile, trend-chart, commune-ranking, group-overview, map, alert-feed or camera-status';
  return undefined;
}
