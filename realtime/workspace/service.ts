/**
 * The workspace's one writer: every publish, rollback and picked-up hand edit goes through here, one at a
 * time (a promise chain), in the same order: read the latest version (the center db is the truth across
 * nodes) → render the new YAML into the existing document → validate the whole candidate folder with the
 * loader → append the version (refused if someone appended first) → write the file atomically → update
 * the running config and tell the screens. Nothing on disk or on screen changes unless every step passes.
 */
import { createPatch } from 'diff';
import type { Logger } from 'pino';
import type { Config } from '../../contract/config.ts';
import {
  type ConfigFileProblem,
  type ConfigIssue,
  type ConfigKind,
  type ConfigVersion,
  IndicatorDisplaySchema,
} from '../../contract/workspace.ts';
import { zodIssues } from '../../contract/zod-issues.ts';
import { type ConfigHistoryRepo, type HistoryEntry, sha256 } from '../../center/config-history.ts';
import { type ConfigTexts, type FileIssue, readConfigTexts, validateTexts, writeAtomically } from './config-files.ts';
import { FOLDER_OF, type ItemRef, displayOf, findItem, itemsOf, kindOfFile } from './items.ts';
import { applyLive } from './live.ts';
import { updateYaml, updateYamlAt, yamlValue } from './yaml-doc.ts';

export const FILE_ACTOR = { id: 'config-file', name: 'Tệp cấu hình (sửa trực tiếp)' } as const;

export type PublishResult =
  | { status: 'ok'; version: number; created: boolean }
  | { status: 'conflict'; version: number; item: unknown }
  | { status: 'invalid'; issues: ConfigIssue[] }
  | { status: 'not-found'; message: string };

export interface PublishRequest {
  kind: ConfigKind;
  id: string;
  value: unknown;
  /** If-Match; null with `create` for If-None-Match: *. */
  ifMatch: number | null;
  create: boolean;
  actor: { id: string; name: string };
}

export interface WorkspaceDeps {
  dir: string;
  config: Config;
  history: ConfigHistoryRepo;
  log: Logger;
  /** Screens whose layout changed; `local`: only this node's sockets (the publishing node told the others). */
  notify(screens: string[], local: boolean): void;
  /** A hand edit went live (`ok`) or was refused (its issues), once per change of the file. */
  onFileEdit?(e: { files: string[]; outcome: 'ok' | 'refused'; issues?: ConfigIssue[] }): void;
  now?: () => Date;
}

export interface LiveItem {
  id: string;
  version: number;
  item: unknown;
}

const live = (e: HistoryEntry | null | undefined): e is HistoryEntry => !!e && e.action !== 'delete';

export function createWorkspace(deps: WorkspaceDeps) {
  const { dir, config, history, log } = deps;
  const now = deps.now ?? (() => new Date());
  /** The texts the running configuration was built from (never an invalid hand edit). */
  let texts: ConfigTexts = new Map();
  const problems = new Map<string, ConfigFileProblem>();
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  };

  const diffOf = (name: string, before: string, after: string) => createPatch(name, before, after, '', '', { context: 3 });

  /** Appends a version per item whose text differs from its latest (hand edits, the first start). */
  async function recordFileVersions(kinds: readonly ConfigKind[]): Promise<number> {
    let recorded = 0;
    for (const kind of kinds) {
      const latest = await history.latestAll(kind);
      const items = itemsOf(texts, kind);
      const first = items.filter((it) => !latest.has(it.id));
      recorded += await history.appendFirst(
        first.map((it) => ({
          kind,
          id: it.id,
          yaml: it.yaml,
          actor: FILE_ACTOR,
          action: 'file',
          diff: diffOf(it.rel, '', it.yaml),
        })),
      );
      for (const it of items) {
        const prev = latest.get(it.id);
        if (!prev || (live(prev) && prev.sha256 === sha256(it.yaml))) continue;
        const v = await history.append({
          kind,
          id: it.id,
          after: prev?.version ?? 0,
          yaml: it.yaml,
          actor: FILE_ACTOR,
          action: 'file',
          diff: diffOf(it.rel, live(prev) ? prev.yaml : '', it.yaml),
        });
        if (v !== null) recorded++;
      }
      for (const [id, prev] of latest)
        if (live(prev) && !items.some((i) => i.id === id)) {
          const v = await history.append({
            kind,
            id,
            after: prev.version,
            yaml: '',
            actor: FILE_ACTOR,
            action: 'delete',
            diff: diffOf(id, prev.yaml, ''),
          });
          if (v !== null) recorded++;
        }
    }
    return recorded;
  }

  function toLoaded(candidate: ConfigTexts): { config: Config } | { issues: FileIssue[] } {
    const res = validateTexts(candidate);
    return res.ok ? { config: res.config } : { issues: res.issues };
  }

  /** Loader issues as the API reports them for one item: paths inside the item where they are about it. */
  function draftIssues(issues: FileIssue[], ref: { rel: string; index?: number }): ConfigIssue[] {
    return issues.map((i) => {
      let path = i.path;
      if (i.file === ref.rel && ref.index !== undefined) {
        const own = `indicators.${ref.index}`;
        path = path === own ? '' : path.startsWith(`${own}.`) ? path.slice(own.length + 1) : path;
      }
      return { path, message: i.message, ...(i.hint ? { hint: i.hint } : {}), file: i.file };
    });
  }

  function fileIssues(issues: FileIssue[]): ConfigIssue[] {
    return issues.map((i) => ({
      path: i.path,
      message: i.message,
      ...(i.hint ? { hint: i.hint } : {}),
      file: i.file,
      ...(i.line ? { line: i.line } : {}),
    }));
  }

  /** The new text of the item's file, or issues with the draft itself (before the loader sees it). */
  function render(
    kind: ConfigKind,
    id: string,
    value: unknown,
    current: ItemRef | null,
    actor: { name: string },
  ): { rel: string; text: string; index?: number } | { issues: ConfigIssue[] } | { missing: string } {
    if (kind === 'indicators') {
      if (!current) return { missing: `unknown indicator: ${id} (indicators are added in their group file)` };
      const parsed = IndicatorDisplaySchema.safeParse(value);
      if (!parsed.success)
        return { issues: zodIssues(parsed.error).map((i) => ({ ...i, path: i.path === '(root)' ? '' : i.path })) };
      const text = texts.get(current.rel)!;
      const groupValue = yamlValue(text) as { indicators: Record<string, unknown>[] };
      const ind = groupValue.indicators[current.index!]!;
      // name/nameEn left out keep theirs; thresholds left out are removed (PUT replaces the settings).
      const next = { ...ind, ...parsed.data, thresholds: parsed.data.thresholds };
      return { rel: current.rel, index: current.index!, text: updateYamlAt(text, ['indicators', current.index!], next) };
    }
    const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    if (obj && obj.id === undefined) value = { id, ...obj };
    else if (obj && obj.id !== id)
      return {
        issues: [{ path: 'id', message: `the id in the body ("${String(obj.id)}") is not the one in the address ("${id}")` }],
      };
    const rel = current?.rel ?? `${FOLDER_OF[kind]}/${id}.yaml`;
    const header = `Created in the workspace by ${actor.name}, ${now().toISOString().slice(0, 10)}.`;
    return { rel, text: updateYaml(current ? texts.get(rel)! : null, value, header) };
  }

  async function conflict(kind: ConfigKind, id: string): Promise<PublishResult> {
    const latest = await history.latest(kind, id);
    return { status: 'conflict', version: latest?.version ?? 0, item: live(latest) ? itemValue(kind, latest.yaml) : null };
  }

  const itemValue = (kind: ConfigKind, yaml: string): unknown =>
    kind === 'indicators' ? displayOf((yamlValue(yaml) ?? {}) as Record<string, unknown>) : yamlValue(yaml);

  /** One change to one item, validated, versioned, written and pushed live. */
  async function change(
    req: PublishRequest,
    action: ConfigVersion['action'],
    renderText: (current: ItemRef | null) => ReturnType<typeof render>,
  ): Promise<PublishResult> {
    const { kind, id } = req;
    const latest = await history.latest(kind, id);
    const exists = live(latest);
    if (req.create && exists) return conflict(kind, id);
    if (!req.create && !exists) return { status: 'not-found', message: `no ${kind.replace(/s$/, '')} "${id}"` };
    if (!req.create && req.ifMatch !== null && req.ifMatch !== latest!.version) return conflict(kind, id);
    let current = findItem(texts, kind, id);
    // Another node published through the shared folder and our watcher has not caught up yet: catch up first.
    if (exists && (!current || sha256(current.yaml) !== latest.sha256)) {
      await rescanNow();
      current = findItem(texts, kind, id);
    }
    const out = renderText(current);
    if ('missing' in out) return { status: 'not-found', message: out.missing };
    if ('issues' in out) return { status: 'invalid', issues: out.issues };
    const candidate = new Map(texts).set(out.rel, out.text);
    const loaded = toLoaded(candidate);
    if ('issues' in loaded) return { status: 'invalid', issues: draftIssues(loaded.issues, out) };
    const after = findItem(candidate, kind, id);
    if (!after) return { status: 'invalid', issues: [{ path: 'id', message: `the file does not define "${id}"` }] };
    if (exists && latest.sha256 === sha256(after.yaml)) return { status: 'ok', version: latest.version, created: false };
    const version = await history.append({
      kind,
      id,
      after: latest?.version ?? 0,
      yaml: after.yaml,
      actor: req.actor,
      action: req.create ? 'create' : action,
      diff: diffOf(out.rel, exists ? latest.yaml : '', after.yaml),
    });
    if (version === null) return conflict(kind, id);
    writeAtomically(dir, out.rel, out.text);
    texts = candidate;
    problems.delete(out.rel);
    deps.notify(applyLive(config, loaded.config), false);
    log.info({ kind, id, version, action, by: req.actor.id }, 'configuration published');
    return { status: 'ok', version, created: req.create };
  }

  /** A hand edit of the folder: valid files go live (and are versioned), invalid ones are kept as problems. */
  async function rescanNow(): Promise<{ accepted: string[]; rejected: string[] }> {
    const disk = readConfigTexts(dir);
    const changed = [...new Set([...disk.keys(), ...texts.keys()])].filter((rel) => disk.get(rel) !== texts.get(rel)).sort();
    for (const rel of [...problems.keys()]) if (!changed.includes(rel)) problems.delete(rel);
    if (changed.length === 0) return { accepted: [], rejected: [] };
    const withFiles = (base: ConfigTexts, rels: readonly string[]) => {
      const c = new Map(base);
      for (const rel of rels) {
        const t = disk.get(rel);
        if (t === undefined) c.delete(rel);
        else c.set(rel, t);
      }
      return c;
    };
    const accepted: string[] = [];
    let pending = changed;
    let next: Config | null = null;
    // All together first (a new page and the wall that shows it), then file by file until nothing moves.
    const all = toLoaded(withFiles(texts, pending));
    if ('config' in all) {
      texts = withFiles(texts, pending);
      accepted.push(...pending);
      next = all.config;
      pending = [];
    }
    const lastIssues = new Map<string, FileIssue[]>();
    for (let progress = true; progress && pending.length;) {
      progress = false;
      for (const rel of [...pending]) {
        const res = toLoaded(withFiles(texts, [rel]));
        if ('config' in res) {
          texts = withFiles(texts, [rel]);
          accepted.push(rel);
          next = res.config;
          pending = pending.filter((r) => r !== rel);
          progress = true;
        } else lastIssues.set(rel, res.issues);
      }
    }
    // The running configuration changes before anything is awaited, so nobody sees a report cleared
    // (or a version recorded) while the old configuration is still being served.
    const changedScreens = next ? applyLive(config, next) : [];
    for (const rel of accepted) problems.delete(rel);
    for (const rel of pending) {
      const issues = lastIssues.get(rel) ?? [];
      const reported = fileIssues(issues);
      const prev = problems.get(rel);
      if (!prev || JSON.stringify(prev.issues) !== JSON.stringify(reported))
        deps.onFileEdit?.({ files: [rel], outcome: 'refused', issues: reported });
      const kind = kindOfFile(rel);
      const id = rel.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
      // Since when it is broken: a later rescan (another file changed) keeps the first time.
      problems.set(rel, { kind, id, file: rel, issues: reported, at: prev?.at ?? now().toISOString() });
      log.warn(
        { file: rel, issues: issues.length },
        'configuration file edited by hand does not load; the running configuration is kept',
      );
    }
    if (next) {
      const recorded = await recordFileVersions(['pages', 'walls', 'indicators']);
      // Recorded here: this node tells everyone. Already recorded by another node (it wrote the file): only our sockets.
      deps.notify(changedScreens, recorded === 0);
      const restart = accepted.filter((r) => kindOfFile(r) === 'other');
      if (restart.length) log.info({ files: restart }, 'configuration files changed: they take effect at the next start');
      log.info({ files: accepted, recorded }, 'configuration files edited by hand are live');
      if (recorded) deps.onFileEdit?.({ files: accepted, outcome: 'ok' });
    }
    return { accepted, rejected: pending };
  }

  return {
    /** Reads the folder and records a version for every item that has none or changed while we were down. */
    start: () =>
      serial(async () => {
        texts = readConfigTexts(dir);
        const recorded = await recordFileVersions(['pages', 'walls', 'indicators']);
        if (recorded) log.info({ recorded }, 'configuration versions recorded from the files');
      }),
    rescan: () => serial(rescanNow),
    publish: (req: PublishRequest) =>
      serial(() => change(req, 'publish', (current) => render(req.kind, req.id, req.value, current, req.actor))),
    rollback: (req: Omit<PublishRequest, 'value' | 'create' | 'ifMatch'> & { version: number }) =>
      serial(async (): Promise<PublishResult> => {
        const old = await history.get(req.kind, req.id, req.version);
        if (!live(old)) return { status: 'not-found', message: `no version ${req.version} of "${req.id}"` };
        return change({ ...req, value: null, ifMatch: null, create: false }, 'rollback', (current) => {
          if (req.kind === 'indicators') return render(req.kind, req.id, itemValue('indicators', old.yaml), current, req.actor);
          return { rel: current?.rel ?? `${FOLDER_OF[req.kind as 'pages' | 'walls']}/${req.id}.yaml`, text: old.yaml };
        });
      }),
    async get(kind: ConfigKind, id: string): Promise<LiveItem | null> {
      const latest = await history.latest(kind, id);
      return live(latest) ? { id, version: latest.version, item: itemValue(kind, latest.yaml) } : null;
    },
    async list(kind: ConfigKind): Promise<LiveItem[]> {
      const latest = await history.latestAll(kind);
      return [...latest.values()]
        .filter(live)
        .map((e) => ({ id: e.id, version: e.version, item: itemValue(kind, e.yaml) }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    async history(kind: ConfigKind, id: string): Promise<ConfigVersion[]> {
      return (await history.list(kind, id)).map((e) => ({
        kind: e.kind,
        id: e.id,
        version: e.version,
        actor: e.actor,
        at: e.at,
        action: e.action,
        diff: e.diff,
      }));
    },
    /** Every file that does not load (any kind: a broken wall file matters to whoever edits a page). */
    problems(): ConfigFileProblem[] {
      return [...problems.values()].sort((a, b) => a.file.localeCompare(b.file));
    },
    /** Resolves once every queued change is done (tests, shutdown). */
    idle: () => serial(async () => {}),
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
