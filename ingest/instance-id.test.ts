/** The ingest's stable identity, table-driven. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestInstanceId } from './instance-id.ts';

test('IOC_INSTANCE_ID wins, trimmed', () => assert.equal(ingestInstanceId('  ingest-a ', './data', 'h1'), 'ingest-a'));

test('without it: host and data folder, the same across restarts, distinct per folder and host', () => {
  const id = ingestInstanceId(undefined, '/srv/ioc/data', 'h1');
  assert.match(id, /^h1:[0-9a-f]{8}$/);
  const rows: [string, string | undefined, string, string, boolean][] = [
    ['a restart (same folder, same host)', undefined, '/srv/ioc/data', 'h1', true],
    ['an empty variable is unset', '', '/srv/ioc/data', 'h1', true],
    ['the same folder written another way', undefined, '/srv/ioc/./data/', 'h1', true],
    ['another data folder on the host', undefined, '/srv/ioc/data-2', 'h1', false],
    ['another host', undefined, '/srv/ioc/data', 'h2', false],
  ];
  for (const [what, explicit, dir, host, same] of rows) assert.equal(ingestInstanceId(explicit, dir, host) === id, same, what);
});
