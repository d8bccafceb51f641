/** Devices open a page or a wall display that exists; no token is shared by two devices or users. */
import type { DevicesConfig } from '../config.ts';
import type { ConfigIssue } from './issues.ts';
import type { Loaded } from './yaml-source.ts';
import { suggestHint } from './hints.ts';

export function checkDevices(
  { source, value }: Loaded<DevicesConfig>,
  screenIds: ReadonlySet<string>,
  displayIds: ReadonlySet<string>,
  issues: ConfigIssue[],
): void {
  const tokens = new Set<string>();
  const once = (token: string, path: (string | number)[]) => {
    if (tokens.has(token)) issues.push(source.issue(path, 'token used twice'));
    tokens.add(token);
  };
  value.devices.forEach((d, i) => {
    if (!screenIds.has(d.screen) && !displayIds.has(d.screen))
      issues.push(
        source.issue(
          ['devices', i, 'screen'],
          `unknown screen "${d.screen}"`,
          `a page of screens/*.yaml or a display of walls/*.yaml; ${suggestHint(d.screen, [...screenIds, ...displayIds])}`,
        ),
      );
    once(d.token, ['devices', i, 'token']);
  });
  value.users.forEach((u, i) => once(u.token, ['users', i, 'token']));
}
