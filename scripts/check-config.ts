/** `npm run check:config [dir]`: validates the configuration folder without starting anything. */
import { ConfigError, loadConfig } from '../contract/load-config.ts';

const dir = process.argv[2] ?? process.env.CONFIG_DIR ?? './config';
try {
  const c = loadConfig(dir);
  const indicators = c.groups.reduce((n, g) => n + g.indicators.length, 0);
  console.log(
    `✓ ${dir}: ${c.groups.length} groups, ${indicators} indicators, ${c.province.communes.length} communes, ${c.screens.length} screens, ${c.devices.devices.length} devices`,
  );
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
