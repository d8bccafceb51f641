/**
 * Schemas of the YAML files in config/, one file per concern under contract/config/ (province, groups
 * and indicators, screens and panels, walls, devices, sources and feeds, cameras), re-exported here so
 * callers import one module; and Config, the whole folder once loaded (load-config.ts). Units are in the
 * names (`pollIntervalMs`) or documented beside them.
 */
import type { ProvinceConfig } from './config/province.ts';
import type { GroupConfig } from './config/groups.ts';
import type { ScreenConfig } from './config/screens.ts';
import type { WallConfig } from './config/walls.ts';
import type { DevicesConfig } from './config/devices.ts';
import type { SourcesConfig } from './config/sources.ts';
import type { CameraConfig } from './config/cameras.ts';
import type { IdentitySettings } from './config/identity.ts';
import type { TrustConfig } from './config/trust.ts';
import type { CalendarConfig } from './config/calendar.ts';

export * from './config/province.ts';
export * from './config/groups.ts';
export * from './config/screens.ts';
export * from './config/walls.ts';
export * from './config/devices.ts';
export * from './config/sources.ts';
export * from './config/cameras.ts';
export * from './config/identity.ts';
export * from './config/trust.ts';
export * from './config/calendar.ts';

export interface Config {
  /** config/cameras.yaml (empty when the file is absent). */
  cameras?: CameraConfig[];
  dir: string;
  province: ProvinceConfig;
  groups: GroupConfig[];
  screens: ScreenConfig[];
  /** config/walls/*.yaml; none is fine (pages are then opened one per browser). */
  walls: WallConfig[];
  devices: DevicesConfig;
  sources: SourcesConfig;
  /** config/identity.yaml: single sign-on (empty when the file is absent). */
  identity: IdentitySettings;
  /** config/trust.yaml: revision flags and plausibility rules (DEFAULT_TRUST when the file is absent). */
  trust?: TrustConfig;
  /** config/calendar.yaml: reporting deadlines and holidays (the Nghị định 09 defaults when absent). */
  calendar?: CalendarConfig;
}
