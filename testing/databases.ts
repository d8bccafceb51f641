/**
 * Real servers for integration tests: a throwaway PostgreSQL database and a Redis key prefix per run,
 * both removed afterwards. Tests share the machine's servers, never each other's data.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { deletePrefix } from '../store/redis-store.ts';

export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `ioc_test_${label}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A pool for a test that writes rows by hand, as an agency's system would. pg-pool's end() resolves
 * before its connections have closed, so a DROP DATABASE ... WITH (FORCE) right after can still
 * terminate one: without an 'error' handler that would be an uncaught exception after the test.
 */
export function openWriter(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  return pool;
}

export function testRedisPrefix(label: string): { prefix: string; cleanup(): Promise<void> } {
  const prefix = `ioc-test-${label}-${randomUUID().slice(0, 8)}:`;
  return { prefix, cleanup: () => deletePrefix(TEST_REDIS_URL, prefix) };
}
