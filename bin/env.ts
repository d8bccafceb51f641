/**
 * Process settings (ARCHITECTURE.md, "Process settings"). Parsed once at start; every problem is printed
 * and the process exits, rather than running half-configured.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { zodIssues } from '../contract/zod-issues.ts';

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const flag = z.preprocess(emptyAsUndefined, z.enum(['0', '1']).optional());

export const EnvSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'a redis:// URL')
      .optional(),
  ),
  REDIS_PREFIX: z.preprocess(emptyAsUndefined, z.string().default('ioc:')),
  CONFIG_DIR: z.preprocess(emptyAsUndefined, z.string().default('./config')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  IOC_DEMO: flag,
  IOC_DEMO_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'at least 16 characters').optional()),
  /** The center's own database (users, sessions, devices, audit); unset: embedded PGlite under DATA_DIR/ioc. */
  IOC_DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
      .optional(),
  ),
  /** Names this process for the ingest's poller lease and the Frigate MQTT session (default: host + data folder). */
  IOC_INSTANCE_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ - only')
      .optional(),
  ),
  /** Demo mode: the demo users' password (unset: random, printed at start). */
  IOC_DEMO_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(10, 'at least 10 characters').optional()),
  /** Bearer token a Prometheus scraper sends to read /metrics; unset: /metrics is not served. */
  IOC_METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'at least 16 characters').optional()),
  /** Behind a reverse proxy: express's `trust proxy` (e.g. `loopback`, `1`), for client addresses and Secure cookies. */
  IOC_TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The address people reach the center at (single sign-on's redirect address), e.g. https://ioc.example.gov.vn. */
  IOC_PUBLIC_ORIGIN: z.preprocess(emptyAsUndefined, z.url().optional()),
  /** Create the demo schema (table, trigger) when missing; on by default in demo mode. */
  IOC_MIGRATE: flag,
  /** all: one process runs everything; ingest or realtime for a scaled-out deployment. */
  IOC_ROLE: z.preprocess(emptyAsUndefined, z.enum(['all', 'ingest', 'realtime']).default('all')),
  /**
   * Demo mode: the instant the demo data is seeded as of (ISO-8601, e.g. 2026-12-02T03:00:00Z), for
   * tests and screenshots of a given day; the agency simulator's clock runs on from it. Unset: the clock.
   */
  IOC_DEMO_NOW: z.preprocess(emptyAsUndefined, z.iso.datetime({ offset: true }).optional()),
  /** Agency simulator pace in demo mode. */
  IOC_DEMO_INTERVAL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(3000)),
  /** Burst window of coalesced deltas, ms (realtime/socket/coalesce.ts); 0: off. Unset: the server's default. */
  IOC_COALESCE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(1000).optional()),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export interface Env extends z.infer<typeof EnvSchema> {
  demo: boolean;
  migrate: boolean;
  demoToken: string;
  demoPassword: string;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const res = EnvSchema.safeParse(source);
  if (!res.success) {
    const lines = zodIssues(res.error).map((i) => `  ✗ ${i.path}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
  }
  const e = res.data;
  // A split role shares its state with other processes: an in-process store or an embedded PGlite folder
  // cannot be shared (two processes opening one PGlite folder corrupt it), so both must be servers.
  if (e.IOC_ROLE !== 'all') {
    const missing = [
      ...(e.REDIS_URL ? [] : [`  ✗ REDIS_URL: required with IOC_ROLE=${e.IOC_ROLE} (the processes share the store)`]),
      ...(e.IOC_DATABASE_URL
        ? []
        : [`  ✗ IOC_DATABASE_URL: required with IOC_ROLE=${e.IOC_ROLE} (an embedded PGlite folder serves one process only)`]),
    ];
    if (missing.length) throw new Error(`Invalid environment variables:\n${missing.join('\n')}`);
  }
  const demo = e.IOC_DEMO ? e.IOC_DEMO === '1' : !e.DATABASE_URL;
  return {
    ...e,
    demo,
    migrate: e.IOC_MIGRATE ? e.IOC_MIGRATE === '1' : demo,
    demoToken: e.IOC_DEMO_TOKEN ?? `demo-${randomBytes(12).toString('hex')}`,
    demoPassword: e.IOC_DEMO_PASSWORD ?? randomBytes(9).toString('base64url'),
  };
}
