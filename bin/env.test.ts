import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnv } from './env.ts';

test('defaults give the single-process demo', () => {
  const e = parseEnv({});
  assert.equal(e.PORT, 8080);
  assert.equal(e.demo, true, 'no DATABASE_URL: demo');
  assert.equal(e.migrate, true);
  assert.equal(e.IOC_ROLE, 'all');
  assert.match(e.demoToken, /^demo-[0-9a-f]{24}$/, 'a random demo token');
});

test('a real database turns the demo off unless asked for; empty values count as unset', () => {
  const e = parseEnv({ DATABASE_URL: 'postgres://u@h/db', REDIS_URL: '', IOC_DEMO_TOKEN: '' });
  assert.equal(e.demo, false);
  assert.equal(e.migrate, false);
  assert.equal(e.REDIS_URL, undefined);
  assert.equal(parseEnv({ DATABASE_URL: 'postgres://u@h/db', IOC_DEMO: '1' }).demo, true);
});

test('bad settings are all reported at once, by name', () => {
  assert.throws(
    () => parseEnv({ PORT: 'abc', REDIS_URL: 'localhost:6379', IOC_ROLE: 'everything', IOC_DEMO_TOKEN: 'short' }),
    (err: Error) =>
      /PORT/.test(err.message) &&
      /REDIS_URL: a redis:\/\/ URL/.test(err.message) &&
      /IOC_ROLE/.test(err.message) &&
      /IOC_DEMO_TOKEN/.test(err.message),
  );
});

test('a split role needs a shared store and the center on PostgreSQL, named in the error', () => {
  assert.throws(
    () => parseEnv({ IOC_ROLE: 'ingest' }),
    (err: Error) =>
      /REDIS_URL: required with IOC_ROLE=ingest/.test(err.message) && /IOC_DATABASE_URL: required/.test(err.message),
  );
  assert.throws(
    () => parseEnv({ IOC_ROLE: 'realtime', REDIS_URL: 'redis://127.0.0.1:6379' }),
    (err: Error) => !/REDIS_URL/.test(err.message) && /IOC_DATABASE_URL: required with IOC_ROLE=realtime/.test(err.message),
  );
  const ok = parseEnv({ IOC_ROLE: 'realtime', REDIS_URL: 'redis://127.0.0.1:6379', IOC_DATABASE_URL: 'postgres://h/ioc' });
  assert.equal(ok.IOC_ROLE, 'realtime');
});
