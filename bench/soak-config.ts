/**
 * For the soak and the leak hunt: a copy of config/ in a temp folder with every playlist dwell set to
 * `dwellS` (page switches are a classic leak source, so they should happen often) and, to bisect a leak,
 * the panels of some kinds removed from every screen.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function soakConfig(dwellS: number, stripKinds: readonly string[]): { tmp: string; configDir: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'ioc-soak-'));
  const configDir = join(tmp, 'config');
  cpSync('config', configDir, { recursive: true });
  const wallFile = join(configDir, 'walls/phong-dieu-hanh.yaml');
  writeFileSync(wallFile, readFileSync(wallFile, 'utf8').replace(/dwellS: \d+/g, `dwellS: ${dwellS}`));
  if (stripKinds.length)
    for (const f of readdirSync(join(configDir, 'screens'))) {
      const p = join(configDir, 'screens', f);
      writeFileSync(
        p,
        readFileSync(p, 'utf8')
          .split('\n')
          .filter((l) => !stripKinds.some((k) => l.includes(`kind: ${k},`)))
          .join('\n'),
      );
    }
  return { tmp, configDir };
}
