/**
 * Values derived from the running Config (group infos, the known screens) that follow the workspace's
 * live changes: the workspace replaces `config.screens`, `config.walls` or `config.groups` with new arrays
 * (never mutates them), so a derivation is recomputed exactly when one of the parts it reads changed.
 */
export function derivedFrom<T>(parts: () => readonly unknown[], compute: () => T): () => T {
  let seen: readonly unknown[] | null = null;
  let value: T;
  return () => {
    const now = parts();
    if (!seen || now.length !== seen.length || now.some((p, i) => p !== seen![i])) {
      value = compute();
      seen = now;
    }
    return value;
  };
}
