/**
 * Hand edits while running: the configuration folder and its subfolders are watched (folders, not files,
 * so an editor's write-to-temp-then-rename is seen like any other write), and a burst of events becomes
 * one rescan after a quiet `debounceMs`. What changed is decided by comparing contents (service.ts), so
 * the workspace's own atomic writes, already live, are not taken for hand edits.
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface FolderWatch {
  close(): void;
}

export function watchConfigFolder(
  dir: string,
  onChange: () => void,
  opts: { debounceMs?: number; onError?: (err: Error) => void } = {},
): FolderWatch {
  const debounceMs = opts.debounceMs ?? 300;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const fire = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      watchSubfolders(); // a folder created meanwhile (walls/ on a fresh install)
      onChange();
    }, debounceMs);
  };
  const add = (folder: string) => {
    if (watchers.has(folder)) return;
    try {
      const w = watch(folder, { persistent: false }, fire);
      w.on('error', (err) => {
        watchers.delete(folder);
        opts.onError?.(err);
      });
      watchers.set(folder, w);
    } catch (err) {
      opts.onError?.(err as Error);
    }
  };
  const watchSubfolders = () => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir)) {
      const full = join(dir, e);
      try {
        if (!e.startsWith('.') && statSync(full).isDirectory()) add(full);
      } catch {
        // gone meanwhile
      }
    }
  };
  add(dir);
  watchSubfolders();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
