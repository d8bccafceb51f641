import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretKey, redactDetail } from './redact.ts';

test('secret-named keys', () => {
  const secret = [
    'password',
    'newPassword',
    'current_password',
    'passwd',
    'token',
    'accessToken',
    'IOC_DEMO_TOKEN',
    'claimSecret',
    'cookie',
    'Set-Cookie',
    'authorization',
    'credential',
    'apiKey',
    'api_key',
    'key',
    'feedKey',
    'x-feed-key',
    'passwordHash',
    'secret_hash',
  ];
  const plain = ['username', 'name', 'reason', 'screen', 'keyboard', 'monkey', 'count', 'action', 'indicator', 'keys'];
  for (const k of secret) assert.equal(isSecretKey(k), true, k);
  for (const k of plain) assert.equal(isSecretKey(k), false, k);
});

test('redactDetail drops secrets at any depth and bounds the rest', () => {
  assert.equal(redactDetail(null), null);
  assert.equal(redactDetail(undefined), null);
  const at = new Date('2026-11-23T09:00:00Z');
  const out = redactDetail({
    a: 1,
    token: 't',
    nested: { list: [{ password: 'p', keep: true }], at, gone: undefined, fn: () => 1 },
    long: 'x'.repeat(5000),
  });
  assert.deepEqual(Object.keys(out!), ['a', 'nested', 'long']);
  assert.deepEqual(out!.nested, { list: [{ keep: true }], at: at.toISOString() });
  assert.equal((out!.long as string).length, 2001);
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 10; i++) deep = { d: deep };
  assert.match(JSON.stringify(redactDetail(deep)), /nested too deep/);
  const many = redactDetail({ list: Array.from({ length: 1000 }, (_, i) => i) });
  assert.equal((many!.list as number[]).length, 100);
});
