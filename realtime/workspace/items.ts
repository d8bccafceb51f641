/**
 * What the workspace calls an item, read from the configuration texts: a page (screens/<file>.yaml), a
 * wall (walls/<file>.yaml), or an indicator's display settings (name, nameEn, thresholds), which live on
 * the indicator itself in its group file (groups/<group>.yaml): the catalog has one name per indicator,
 * not a second file that could disagree with it. Items are found by the id inside the file.
 */
import { stringify } from 'yaml';
import type { ConfigKind, IndicatorDisplay } from '../../contract/workspace.ts';
import type { ConfigTexts } from './config-files.ts';
import { yamlValue } from './yaml-doc.ts';

export interface ItemRef {
  kind: ConfigKind;
  id: string;
  /** The file it lives in, relative to CONFIG_DIR. */
  rel: string;
  /** What GET returns as `item`. */
  item: unknown;
  /** The text kept in the history: the whole file (pages, walls) or the display settings as YAML. */
  yaml: string;
  /** indicators: the position in the group file's `indicators` list. */
  index?: number;
}

export const FOLDER_OF: Record<'pages' | 'walls', string> = { pages: 'screens', walls: 'walls' };

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function displayOf(indicator: Record<string, unknown>): IndicatorDisplay {
  const out: Record<string, unknown> = {};
  for (const k of ['name', 'nameEn', 'thresholds'] as const) if (indicator[k] !== undefined) out[k] = indicator[k];
  return out as IndicatorDisplay;
}

export const displayYaml = (d: IndicatorDisplay): string => stringify(d);

/** Every item of a kind in these texts (a file that does not parse has none). */
export function itemsOf(texts: ConfigTexts, kind: ConfigKind): ItemRef[] {
  const folder = kind === 'indicators' ? 'groups' : FOLDER_OF[kind];
  const out: ItemRef[] = [];
  for (const [rel, text] of texts) {
    if (!rel.startsWith(`${folder}/`)) continue;
    let value: Record<string, unknown>;
    try {
      value = asRecord(yamlValue(text));
    } catch {
      continue;
    }
    if (kind !== 'indicators') {
      if (typeof value.id === 'string') out.push({ kind, id: value.id, rel, item: value, yaml: text });
      continue;
    }
    const list = Array.isArray(value.indicators) ? value.indicators : [];
    list.forEach((raw, index) => {
      const ind = asRecord(raw);
      if (typeof ind.id !== 'string') return;
      const d = displayOf(ind);
      out.push({ kind, id: ind.id, rel, item: d, yaml: displayYaml(d), index });
    });
  }
  return out;
}

export function findItem(texts: ConfigTexts, kind: ConfigKind, id: string): ItemRef | null {
  return itemsOf(texts, kind).find((i) => i.id === id) ?? null;
}

/** Which item kinds a file holds (`other`: province.yaml, devices.yaml, …: read at start-up only). */
export function kindOfFile(rel: string): ConfigKind | 'other' {
  if (rel.startsWith('screens/')) return 'pages';
  if (rel.startsWith('walls/')) return 'walls';
  if (rel.startsWith('groups/')) return 'indicators';
  return 'other';
}
