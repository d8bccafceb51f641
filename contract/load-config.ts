/**
 * Node-only: reads config/*.yaml, validates every file, cross-checks references, and fails with messages
 * a staff member can act on: the file, the line, the key path, what was expected, and a hint.
 * Never imported by the dashboard (it reads the filesystem).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { parsePeriod } from './period.ts';
import {
  type Config,
  type GroupConfig,
  type PanelConfig,
  type ProvinceConfig,
  DevicesSchema,
  GroupSchema,
  ProvinceSchema,
  ScreenSchema,
  SourcesSchema,
  CamerasSchema,
  WallSchema,
} from './config.ts';

export interface ConfigIssue {
  file: string;
  line?: number;
  path: string;
  message: string;
  hint?: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = 'ConfigError';
  }
}

export function formatIssues(issues: ConfigIssue[]): string {
  const lines = issues.map((i) => {
    const where = `${i.file}${i.line ? `:${i.line}` : ''}`;
    const key = i.path ? ` at "${i.path}"` : '';
    return `  ✗ ${where}${key}: ${i.message}${i.hint ? `\n      Hint: ${i.hint}` : ''}`;
  });
  return `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

interface ParsedFile {
  file: string;
  data: unknown;
  lineOf(path: (string | number)[]): number | undefined;
}

function readYaml(dir: string, file: string, issues: ConfigIssue[]): ParsedFile | null {
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
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        hint: 'check indentation (spaces, not tabs) and that every "key: value" pair has a space after the colon',
      });
    }
    return null;
  }
  return {
    file: rel,
    data: doc.toJS(),
    lineOf(path) {
      // Walk up the path until a node exists (a missing key is reported at its parent).
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Every key name a schema accepts, to suggest the intended one for a mistyped key. */
function knownKeys(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return out;
  const shape = (schema as { shape?: Record<string, z.ZodType> }).shape;
  if (shape && typeof shape === 'object') {
    for (const [k, v] of Object.entries(shape)) {
      out.add(k);
      knownKeys(v, out);
    }
  }
  for (const key of ['innerType', 'element', 'in', 'out']) {
    const inner = def[key];
    if (inner && typeof inner === 'object') knownKeys(inner as z.ZodType, out);
  }
  const options = def['options'];
  if (Array.isArray(options)) for (const o of options) knownKeys(o as z.ZodType, out);
  const items = def['items'];
  if (Array.isArray(items)) for (const o of items) knownKeys(o as z.ZodType, out);
  return out;
}

function editDistance(a: string, b: string): number {
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

function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function validate<T extends z.ZodType>(schema: T, parsed: ParsedFile, issues: ConfigIssue[]): z.infer<T> | null {
  const res = schema.safeParse(parsed.data);
  if (res.success) return res.data;
  const keys = knownKeys(schema);
  for (const issue of res.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const guess = suggest(key, keys);
        issues.push({
          file: parsed.file,
          line: parsed.lineOf([...path, key]),
          path: [...path, key].join('.'),
          message: `unknown key "${key}"`,
          hint: guess ? `did you mean "${guess}"?` : 'remove it; config/README.md lists the keys each file takes',
        });
      }
      continue;
    }
    issues.push({
      file: parsed.file,
      line: parsed.lineOf(path),
      path: path.join('.'),
      message: issue.message.replace(/^Invalid input: /, ''),
      hint: hintFor(issue),
    });
  }
  return null;
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.expected === 'string') return 'quote codes and ids, e.g. code: "56"';
  if (issue.code === 'invalid_value') return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union') return 'check "kind": kpi-tile, trend-chart, commune-ranking, group-overview, map, alert-feed or camera-status';
  return undefined;
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** Loads and validates the whole configuration folder; throws ConfigError listing every problem found. */
export function loadConfig(dir: string): Config {
  const issues: ConfigIssue[] = [];
  if (!existsSync(dir)) {
    throw new ConfigError([{ file: dir, path: '', message: 'configuration folder not found', hint: 'set CONFIG_DIR' }]);
  }
  const one = <T extends z.ZodType>(file: string, schema: T) => {
    const parsed = readYaml(dir, file, issues);
    return parsed ? { parsed, value: validate(schema, parsed, issues) } : null;
  };
  const province = one('province.yaml', ProvinceSchema);
  const devices = one('devices.yaml', DevicesSchema);
  const sources = one('sources.yaml', SourcesSchema);
  // Optional: a province without cameras has no cameras.yaml.
  const cameras = existsSync(join(dir, 'cameras.yaml')) ? one('cameras.yaml', CamerasSchema) : null;
  const many = <T extends z.ZodType>(sub: string, schema: T) =>
    listYaml(join(dir, sub)).flatMap((f) => {
      const r = one(join(sub, f), schema);
      return r && r.value !== null ? [{ parsed: r.parsed, value: r.value as z.infer<T> }] : [];
    });
  const groups = many('groups', GroupSchema);
  const screens = many('screens', ScreenSchema);
  if (listYaml(join(dir, 'groups')).length === 0)
    issues.push({ file: join(dir, 'groups'), path: '', message: 'no indicator groups', hint: 'add groups/<id>.yaml' });
  if (listYaml(join(dir, 'screens')).length === 0)
    issues.push({ file: join(dir, 'screens'), path: '', message: 'no wall screens', hint: 'add screens/<id>.yaml' });

  // Cross-file checks: ids are unique and every reference points at something that exists.
  const indicators = new Map<string, string>();
  const groupIds = new Set<string>();
  for (const { parsed, value: g } of groups) {
    if (groupIds.has(g.id)) issues.push({ file: parsed.file, path: 'id', message: `group "${g.id}" is defined twice` });
    groupIds.add(g.id);
    g.indicators.forEach((ind, i) => {
      const at = `indicators.${i}.id`;
      if (!ind.id.startsWith(`${g.id}.`))
        issues.push({
          file: parsed.file,
          line: parsed.lineOf(['indicators', i, 'id']),
          path: at,
          message: `indicator "${ind.id}" does not belong to group "${g.id}"`,
          hint: `indicator ids start with the group id: ${g.id}.${ind.id.split('.')[1] ?? 'name'}`,
        });
      if (indicators.has(ind.id))
        issues.push({ file: parsed.file, line: parsed.lineOf(['indicators', i, 'id']), path: at, message: `indicator "${ind.id}" is defined twice` });
      indicators.set(ind.id, g.id);
    });
  }
  const screenIds = new Set<string>();
  for (const { parsed, value: s } of screens) {
    if (screenIds.has(s.id)) issues.push({ file: parsed.file, path: 'id', message: `screen "${s.id}" is defined twice` });
    screenIds.add(s.id);
    s.panels.forEach((p, i) => {
      const line = parsed.lineOf(['panels', i]);
      if ('indicator' in p && !indicators.has(p.indicator)) {
        issues.push({
          file: parsed.file,
          line,
          path: `panels.${i}.indicator`,
          message: `unknown indicator "${p.indicator}"`,
          hint: suggestHint(p.indicator, indicators.keys()),
        });
      }
      if (p.kind === 'group-overview' && !groupIds.has(p.group))
        issues.push({ file: parsed.file, line, path: `panels.${i}.group`, message: `unknown group "${p.group}"`, hint: suggestHint(p.group, groupIds) });
      if (p.kind === 'commune-ranking' && indicators.has(p.indicator)) {
        const g = groups.find((x) => x.value.id === indicators.get(p.indicator));
        const ind = g?.value.indicators.find((x) => x.id === p.indicator);
        if (ind && !ind.communeLevel)
          issues.push({
            file: parsed.file,
            line,
            path: `panels.${i}.indicator`,
            message: `"${p.indicator}" is not reported per commune, so communes cannot be ranked on it`,
            hint: 'pick an indicator with communeLevel: true',
          });
      }
      if (p.kind === 'map') checkMapPanel(p, i, parsed, line, groups.map((g) => g.value), province?.value ?? null, issues);
      if (p.at.col + p.at.w > s.grid.columns || p.at.row + p.at.h > s.grid.rows)
        issues.push({
          file: parsed.file,
          line: parsed.lineOf(['panels', i, 'at']),
          path: `panels.${i}.at`,
          message: `panel reaches beyond the ${s.grid.columns}×${s.grid.rows} grid`,
          hint: 'col + w must be ≤ grid.columns and row + h ≤ grid.rows (0-based cells)',
        });
    });
    // Overlapping panels would hide a figure behind another.
    const cells = new Map<string, number>();
    s.panels.forEach((p, i) => {
      for (let c = p.at.col; c < p.at.col + p.at.w; c++)
        for (let r = p.at.row; r < p.at.row + p.at.h; r++) {
          const prev = cells.get(`${c},${r}`);
          if (prev !== undefined && prev !== i) {
            issues.push({
              file: parsed.file,
              line: parsed.lineOf(['panels', i, 'at']),
              path: `panels.${i}.at`,
              message: `panel overlaps panel ${prev} at cell (${c}, ${r})`,
              hint: 'move or shrink one of them',
            });
            c = Infinity;
            break;
          }
          cells.set(`${c},${r}`, i);
        }
    });
  }
  if (province?.value) checkFormerCommunes(province.value, province.parsed, issues);
  const walls = many('walls', WallSchema);
  const displayIds = checkWalls(walls, screens.map((s) => s.value), issues);
  if (devices?.value) {
    const tokens = new Set<string>();
    devices.value.devices.forEach((d, i) => {
      if (!screenIds.has(d.screen) && !displayIds.has(d.screen))
        issues.push({
          file: devices.parsed.file,
          line: devices.parsed.lineOf(['devices', i, 'screen']),
          path: `devices.${i}.screen`,
          message: `unknown screen "${d.screen}"`,
          hint: `a page of screens/*.yaml or a display of walls/*.yaml; ${suggestHint(d.screen, [...screenIds, ...displayIds])}`,
        });
      if (tokens.has(d.token)) issues.push({ file: devices.parsed.file, path: `devices.${i}.token`, message: 'token used twice' });
      tokens.add(d.token);
    });
    devices.value.users.forEach((u, i) => {
      if (tokens.has(u.token)) issues.push({ file: devices.parsed.file, path: `users.${i}.token`, message: 'token used twice' });
      tokens.add(u.token);
    });
  }

  if (cameras?.value) checkCameras(cameras.value.cameras, cameras.parsed, province?.value ?? null, sources?.value ?? null, issues);
  if (issues.length > 0 || !province?.value || !devices?.value || !sources?.value) throw new ConfigError(issues);
  return {
    dir,
    province: province.value,
    groups: groups.map((g) => g.value),
    screens: screens.map((s) => s.value),
    walls: walls.map((w) => w.value),
    devices: devices.value,
    sources: sources.value,
    cameras: cameras?.value?.cameras ?? [],
  };
}

/** A map panel: a commune-level indicator, a period of its kind, a commune of the province to focus on. */
function checkMapPanel(
  p: Extract<PanelConfig, { kind: 'map' }>,
  i: number,
  parsed: ParsedFile,
  line: number | undefined,
  groups: GroupConfig[],
  province: ProvinceConfig | null,
  issues: ConfigIssue[],
): void {
  const ind = groups.flatMap((g) => g.indicators).find((x) => x.id === p.indicator);
  if (ind && !ind.communeLevel && p.layers.includes('choropleth'))
    issues.push({
      file: parsed.file,
      line,
      path: `panels.${i}.indicator`,
      message: `"${p.indicator}" is not reported per commune, so the map cannot colour communes by it`,
      hint: 'pick an indicator with communeLevel: true, or drop "choropleth" from layers',
    });
  if (ind && p.period !== undefined) {
    const period = parsePeriod(p.period);
    if (!period || (period.kind !== ind.period && period.kind !== 'year'))
      issues.push({
        file: parsed.file,
        line: parsed.lineOf(['panels', i, 'period']),
        path: `panels.${i}.period`,
        message: `"${p.period}" is not a ${ind.period} period of ${p.indicator}`,
        hint: "a month is '2026-10', a quarter '2026-Q3', a half-year '2026-H1', a year '2026'",
      });
  }
  if (p.area !== undefined && province && !province.communes.some((c) => c.code === p.area))
    issues.push({
      file: parsed.file,
      line: parsed.lineOf(['panels', i, 'area']),
      path: `panels.${i}.area`,
      message: `"${p.area}" is not one of the province's communes`,
      hint: 'use a 5-digit commune code from province.yaml',
    });
}

/** Former units point at today's communes, once each; their codes are unique. */
function checkFormerCommunes(province: ProvinceConfig, parsed: ParsedFile, issues: ConfigIssue[]): void {
  const current = new Set(province.communes.map((c) => c.code));
  const seen = new Set<string>();
  province.formerCommunes.forEach((f, i) => {
    if (seen.has(f.code))
      issues.push({ file: parsed.file, line: parsed.lineOf(['formerCommunes', i, 'code']), path: `formerCommunes.${i}.code`, message: `former unit "${f.code}" is listed twice` });
    seen.add(f.code);
    const targets = new Set<string>();
    f.into.forEach((t, j) => {
      if (!current.has(t.code))
        issues.push({
          file: parsed.file,
          line: parsed.lineOf(['formerCommunes', i, 'into', j, 'code']),
          path: `formerCommunes.${i}.into.${j}.code`,
          message: `former unit "${f.code}" goes into "${t.code}", which is not one of today's communes`,
          hint: 'regenerate with scripts/import-catalog.ts from shared/geo/khanh-hoa-communes-2025-crosswalk.json',
        });
      if (targets.has(t.code))
        issues.push({ file: parsed.file, path: `formerCommunes.${i}.into.${j}.code`, message: `former unit "${f.code}" names commune "${t.code}" twice` });
      targets.add(t.code);
    });
    if (f.into.length === 1 && f.into[0]!.relation === 'partial')
      issues.push({
        file: parsed.file,
        line: parsed.lineOf(['formerCommunes', i, 'into']),
        path: `formerCommunes.${i}.into`,
        message: `former unit "${f.code}" went "partial" into a single commune: where did the rest go?`,
        hint: 'list every commune that received part of it',
      });
  });
}

function suggestHint(word: string, candidates: Iterable<string>): string {
  const guess = suggest(word, candidates);
  return guess ? `did you mean "${guess}"?` : 'check the spelling against config/groups/*.yaml';
}

type Parsed<T> = { parsed: ParsedFile; value: T };

/** Walls: unique display ids (also apart from page ids), pages that exist, displays on the grid, a region that fits. */
function checkWalls(walls: Parsed<z.infer<typeof WallSchema>>[], pages: z.infer<typeof ScreenSchema>[], issues: ConfigIssue[]): Set<string> {
  const pageIds = new Set(pages.map((p) => p.id));
  const displayIds = new Set<string>();
  const wallIds = new Set<string>();
  for (const { parsed, value: w } of walls) {
    const at = (path: (string | number)[], message: string, hint?: string) =>
      issues.push({ file: parsed.file, line: parsed.lineOf(path), path: path.join('.'), message, ...(hint ? { hint } : {}) });
    if (wallIds.has(w.id)) at(['id'], `wall "${w.id}" is defined twice`);
    wallIds.add(w.id);
    const cells = new Map<string, string>();
    w.displays.forEach((d, i) => {
      if (displayIds.has(d.id) || pageIds.has(d.id))
        at(['displays', i, 'id'], `display id "${d.id}" is already used by another display or a page`, 'display ids and page ids share /wall/<id>: pick another');
      displayIds.add(d.id);
      if (!d.playlist && !d.pinned) at(['displays', i], `display "${d.id}" shows nothing`, 'give it a playlist (page + dwellS) or a pinned page');
      if (d.pinned && !pageIds.has(d.pinned)) at(['displays', i, 'pinned'], `unknown page "${d.pinned}"`, suggestHint(d.pinned, pageIds));
      d.playlist?.forEach((e, j) => {
        if (!pageIds.has(e.page)) at(['displays', i, 'playlist', j, 'page'], `unknown page "${e.page}"`, suggestHint(e.page, pageIds));
      });
      if (w.layout.kind === 'grid') {
        if (d.col >= w.layout.columns || d.row >= w.layout.rows)
          at(['displays', i], `display "${d.id}" is outside the ${w.layout.rows}×${w.layout.columns} wall`, 'col < layout.columns and row < layout.rows (0-based)');
        const key = `${d.col},${d.row}`;
        const prev = cells.get(key);
        if (prev) at(['displays', i], `display "${d.id}" sits where "${prev}" is (col ${d.col}, row ${d.row})`, 'give each display its own col/row');
        cells.set(key, d.id);
      } else if (i > 0) at(['displays', i], 'a one-canvas wall has exactly one display', 'use layout.kind: grid for several displays');
    });
    if (w.alerts) {
      const d = w.displays.find((x) => x.id === w.alerts!.display);
      if (!d) at(['alerts', 'display'], `unknown display "${w.alerts.display}"`, suggestHint(w.alerts.display, w.displays.map((x) => x.id)));
      else {
        const shown = d.pinned ? [d.pinned] : (d.playlist ?? []).map((e) => e.page);
        for (const pid of shown) {
          const p = pages.find((x) => x.id === pid);
          const r = w.alerts.region;
          if (p && (r.col + r.w > p.grid.columns || r.row + r.h > p.grid.rows))
            at(['alerts', 'region'], `the alert region reaches beyond page "${pid}" (${p.grid.columns}×${p.grid.rows} grid)`, 'col + w ≤ grid.columns and row + h ≤ grid.rows of every page the display shows');
        }
      }
    }
  }
  return displayIds;
}

/** Cameras: unique ids, a commune of the province, a configured feed source, one camera per (feed, ref). */
function checkCameras(
  cameras: z.infer<typeof CamerasSchema>['cameras'],
  parsed: ParsedFile,
  province: ProvinceConfig | null,
  sources: z.infer<typeof SourcesSchema> | null,
  issues: ConfigIssue[],
): void {
  const communes = new Set(province?.communes.map((c) => c.code) ?? []);
  const f = sources?.feeds;
  const feedIds = new Set([...(f?.frigate ?? []), ...(f?.hikvision ?? []), ...(f?.onvif ?? []), ...(f?.webhook ?? [])].map((x) => x.id));
  const ids = new Set<string>();
  const refs = new Set<string>();
  cameras.forEach((c, i) => {
    const at = (key: string, message: string, hint?: string) =>
      issues.push({ file: parsed.file, line: parsed.lineOf(['cameras', i, key]), path: `cameras.${i}.${key}`, message, ...(hint ? { hint } : {}) });
    if (ids.has(c.id)) at('id', `camera "${c.id}" is defined twice`);
    ids.add(c.id);
    if (province && !communes.has(c.area)) at('area', `"${c.area}" is not one of the province's communes`, 'use a 5-digit commune code from province.yaml');
    if (sources && !feedIds.has(c.feed)) at('feed', `unknown feed source "${c.feed}"`, `define it under feeds: in sources.yaml; ${suggestHint(c.feed, feedIds)}`);
    const ref = `${c.feed}|${c.ref.toLowerCase()}`;
    if (refs.has(ref)) at('ref', `two cameras are "${c.ref}" of feed "${c.feed}"`);
    refs.add(ref);
    // Khánh Hòa (with the former Ninh Thuận) lies within about 11.2–12.9 N, 108.6–109.5 E; Trường Sa far south-east.
    const mainland = c.lat >= 11.0 && c.lat <= 13.0 && c.lon >= 108.4 && c.lon <= 109.6;
    const spratly = c.lat >= 7.0 && c.lat <= 12.0 && c.lon >= 111.0 && c.lon <= 117.0;
    if (province?.code === '56' && !mainland && !spratly) at('lat', `position ${c.lat}, ${c.lon} is outside Khánh Hòa`, 'lat/lon in decimal degrees, e.g. lat: 12.2431, lon: 109.1960');
  });
  if (f) {
    const all = [...f.frigate, ...f.hikvision, ...f.onvif, ...f.webhook];
    const seen = new Set<string>();
    for (const x of all) {
      if (seen.has(x.id)) issues.push({ file: 'sources.yaml', path: 'feeds', message: `feed source id "${x.id}" is used twice`, hint: 'ids are unique across frigate, hikvision, onvif and webhook' });
      seen.add(x.id);
    }
  }
}
