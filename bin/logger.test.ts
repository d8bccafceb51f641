import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './logger.ts';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

test('JSON lines when not on a terminal, readable lines on one', () => {
  const json = sink();
  createLogger({ level: 'info', pretty: false, destination: json.stream }).info({ group: 'budget' }, 'group loaded');
  const line = JSON.parse(json.text().trim()) as { msg: string; group: string; level: number };
  assert.deepEqual([line.msg, line.group, line.level], ['group loaded', 'budget', 30]);

  const tty = sink();
  createLogger({ level: 'info', pretty: true, destination: tty.stream }).info({ group: 'budget' }, 'group loaded');
  assert.match(tty.text(), /INFO.*group loaded/);
  assert.match(tty.text(), /group: "budget"/);
  assert.doesNotMatch(tty.text(), /^\{/, 'not JSON');
});

test('secrets under their usual names never reach the log', () => {
  const out = sink();
  const log = createLogger({ level: 'info', pretty: false, destination: out.stream });
  log.info(
    {
      token: 'demo-secret-1',
      auth: { token: 'demo-secret-2' },
      headers: { authorization: 'Bearer demo-secret-3', cookie: 'ioc_session=demo-secret-4' },
    },
    'connect',
  );
  log.info({ req: { headers: { authorization: 'Bearer demo-secret-5' } } }, 'request');
  assert.doesNotMatch(out.text(), /demo-secret/);
  assert.match(out.text(), /\[redacted\]/);
});
