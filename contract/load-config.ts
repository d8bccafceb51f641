/**
 * Node-only: reads config/*.yaml, validates every file, cross-checks references, and fails with messages
 * a staff member can act on: the file, the line, the key path, what was expected, and a hint.
 * Never imported by the dashboard (it reads the filesystem). The parts, in contract/load-config/:
 * yaml-source.ts (files and source positions), schema-issues.ts (zod failures → issues), hints.ts,
 * issues.ts (ConfigIssue, ConfigError, the printed format) and one check-*.ts per cross-file concern.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  type Config,
  CamerasSchema,
  DevicesSchema,
  GroupSchema,
  ProvinceSchema,
  ScreenSchema,
  SourcesSchema,
  WallSchema,
  IdentitySettingsSchema,
  TrustSchema,
  CalendarSchema,
  EMPTY_CALENDAR,
} from './config.ts';
import { type ConfigIssue, ConfigError } from './load-config/issues.ts';
import { type Loaded, readYamlSource } from './load-config/yaml-source.ts';
import { validateSource } from './load-config/schema-issues.ts';
import { checkGroups } from './load-config/check-groups.ts';
import { checkScreens } from './load-config/check-screens.ts';
import { checkFormerCommunes } from './load-config/check-province.ts';
import { checkWalls } from './load-config/check-walls.ts';
import { checkDevices } from './load-config/check-devices.ts';
import { checkCameras, checkFeedIds } from './load-config/check-cameras.ts';
import { checkTrust } from './load-config/check-trust.ts';
import { checkCalendar } from './load-config/check-calendar.ts';

export { type ConfigIssue, ConfigError, formatIssues } from './load-config/issues.ts';

/** One file: parsed and valid, or null once its issues are pushed. */
function loadFile<T extends z.ZodType>(dir: string, file: string, schema: T, issues: ConfigIssue[]): Loaded<z.infer<T>> | null {
  const source = readYamlSource(dir, file, issues);
  if (!source) return null;
  const value = validateSource(schema, source, issues);
  return value === null ? null : { source, value };
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** Every *.yaml of a subfolder; the valid ones are returned, the others reported. */
function loadFolder<T extends z.ZodType>(dir: string, sub: string, schema: T, issues: ConfigIssue[]): Loaded<z.infer<T>>[] {
  return listYaml(join(dir, sub)).flatMap((f) => loadFile(dir, join(sub, f), schema, issues) ?? []);
}

/** Loads and validates the whole configuration folder; throws ConfigError listing every problem found. */
export function loadConfig(dir: string): Config {
  if (!existsSync(dir)) {
    throw new ConfigError([{ file: dir, path: '', message: 'configuration folder not found', hint: 'set CONFIG_DIR' }]);
  }
  const issues: ConfigIssue[] = [];
  const province = loadFile(dir, 'province.yaml', ProvinceSchema, issues);
  const devices = loadFile(dir, 'devices.yaml', DevicesSchema, issues);
  const sources = loadFile(dir, 'sources.yaml', SourcesSchema, issues);
  // Optional: a province without cameras has no cameras.yaml.
  const cameras = existsSync(join(dir, 'cameras.yaml')) ? loadFile(dir, 'cameras.yaml', CamerasSchema, issues) : null;
  // Optional: single sign-on is configured only where the province has an OpenID provider.
  const identity = existsSync(join(dir, 'identity.yaml')) ? loadFile(dir, 'identity.yaml', IdentitySettingsSchema, issues) : null;
  // Optional: revision flags and plausibility rules; the defaults apply without it.
  const trust = existsSync(join(dir, 'trust.yaml')) ? loadFile(dir, 'trust.yaml', TrustSchema, issues) : null;
  // Optional: without it, the Nghị định 09 deadlines and no holidays.
  const calendar = existsSync(join(dir, 'calendar.yaml')) ? loadFile(dir, 'calendar.yaml', CalendarSchema, issues) : null;
  const groups = loadFolder(dir, 'groups', GroupSchema, issues);
  const screens = loadFolder(dir, 'screens', ScreenSchema, issues);
  if (listYaml(join(dir, 'groups')).length === 0)
    issues.push({ file: join(dir, 'groups'), path: '', message: 'no indicator groups', hint: 'add groups/<id>.yaml' });
  if (listYaml(join(dir, 'screens')).length === 0)
    issues.push({ file: join(dir, 'screens'), path: '', message: 'no wall screens', hint: 'add screens/<id>.yaml' });

  // Cross-file checks: ids are unique and every reference points at something that exists.
  const catalog = checkGroups(groups, issues);
  const screenIds = checkScreens(screens, catalog, province?.value ?? null, issues);
  if (province) checkFormerCommunes(province, issues);
  const walls = loadFolder(dir, 'walls', WallSchema, issues);
  const displayIds = checkWalls(
    walls,
    screens.map((s) => s.value),
    issues,
  );
  if (devices) checkDevices(devices, screenIds, displayIds, issues);
  if (cameras)
    checkCameras(
      { source: cameras.source, value: cameras.value.cameras },
      province?.value ?? null,
      sources?.value ?? null,
      issues,
    );
  if (sources) checkFeedIds(sources, issues);
  if (trust) checkTrust(trust, catalog, issues);
  if (calendar)
    checkCalendar(
      calendar,
      groups.map((g) => g.value),
      issues,
    );

  if (issues.length > 0 || !province || !devices || !sources) throw new ConfigError(issues);
  return {
    dir,
    province: province.value,
    groups: groups.map((g) => g.value),
    screens: screens.map((s) => s.value),
    walls: walls.map((w) => w.value),
    devices: devices.value,
    sources: sources.value,
    cameras: cameras?.value.cameras ?? [],
    identity: identity?.value ?? {},
    ...(trust ? { trust: trust.value } : {}),
    calendar: calendar?.value ?? EMPTY_CALENDAR,
  };
}
