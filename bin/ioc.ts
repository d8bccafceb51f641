/**
 * `npm start`: runs the operations center (by default the whole demo in one process) and prints the
 * address of each wall screen.
 */
import { ConfigError } from '../contract/load-config.ts';
import { parseEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startSystem } from './system.ts';
import { DEMO_USERNAMES } from './identity.ts';

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const log = createLogger({ level: env.LOG_LEVEL });
  // Input never crashes the process: anything that slips past a handler is logged, not fatal.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

  let system;
  try {
    system = await startSystem(env, { log });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      console.error('\nFix the file(s) above and start again (`npm run check:config` checks without starting).');
    } else {
      log.fatal({ err }, 'start-up failed');
    }
    process.exit(1);
  }

  const lines = [
    '',
    `  Trung tâm điều hành — ${system.config.province.fullName}`,
    `  ${env.demo ? 'Demo mode: embedded reporting database with simulated agencies.' : 'Reporting database: ' + (env.DATABASE_URL ? 'PostgreSQL' : 'embedded')}`,
    ...(system.signInUrl ? ['', `  Đăng nhập / sign in: ${system.signInUrl}`] : []),
    ...(env.demo && system.signInUrl
      ? [
          `  Demo users: ${DEMO_USERNAMES.join(', ')}`,
          `  Password:   ${env.IOC_DEMO_PASSWORD ? '(IOC_DEMO_PASSWORD)' : env.demoPassword}`,
        ]
      : []),
    ...(system.wallUrls.length ? ['', '  Wall screens (open in a browser):', ...system.wallUrls.map((u) => `    ${u}`)] : []),
    // The displays a meeting's presenter picks on the tablet ("npm run kiosk" opens them full-screen).
    ...(system.displayUrls.length
      ? ['', '  Video wall displays (they follow meetings):', ...system.displayUrls.map((d) => `    ${d.url}   ${d.name}`)]
      : []),
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await system.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
