/**
 * The process logger: readable coloured lines when stdout is a terminal (someone trying the demo), JSON
 * lines otherwise (a service manager, a log shipper). Nothing logs tokens, passwords, cookies or feed
 * keys; should an object carrying one under its usual name be logged by mistake, it is redacted here.
 */
import pretty from 'pino-pretty';
import { type DestinationStream, type LevelWithSilent, type Logger, pino } from 'pino';

/** Names of secrets, at the top of a logged object or one level down (e.g. `req.headers.authorization`). */
export const REDACTED_PATHS = ['token', 'password', 'authorization', 'cookie', 'headers.authorization', 'headers.cookie'].flatMap(
  (p) => [p, `*.${p}`],
);

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Pretty lines instead of JSON; default: whether stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go; default stdout (tests pass a stream). */
  destination?: DestinationStream;
}

export function createLogger({ level, pretty: readable = process.stdout.isTTY === true, destination }: LoggerOptions): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (readable) {
    // Synchronous: the last lines before an exit (a failed start, "stopping") are not lost.
    return pino(
      options,
      pretty({
        colorize: !destination,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        sync: true,
        destination: destination ?? 1,
      }),
    );
  }
  return destination ? pino(options, destination) : pino(options);
}
