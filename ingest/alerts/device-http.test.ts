/**
 * Device credentials against real HTTP peers: over plain HTTP the password is never sent as Basic unless
 * the device asks for Basic; Digest is answered, also when the device offers both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchAuth } from './device-http.ts';

const cred = { user: 'admin', password: 'Mật-khẩu 1' };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** A device that answers 401 with `challenge` and accepts what `accept` says; records each Authorization. */
async function device(challenge: string, accept: (req: IncomingMessage) => boolean) {
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (accept(req)) res.end('ok');
    else res.writeHead(401, { 'www-authenticate': challenge }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ISAPI/Event/notification/alertStream`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function digestOk(req: IncomingMessage): boolean {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Digest ')) return false;
  const p: Record<string, string> = {};
  for (const m of h.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p[m[1]!] = m[2] ?? m[3] ?? '';
  const ha1 = md5(`${cred.user}:cams:${cred.password}`);
  const ha2 = md5(`${req.method}:${p.uri}`);
  return p.response === md5(`${ha1}:n0nce:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
}

test('a Digest device: the first request carries no password, the challenge is answered with Digest', async () => {
  const d = await device('Digest realm="cams", nonce="n0nce", qop="auth"', digestOk);
  try {
    const res = await fetchAuth(d.url, {}, cred);
    assert.equal(res.status, 200);
    assert.equal(d.seen[0], undefined, 'nothing sent before the device asks');
    assert.match(d.seen[1] ?? '', /^Digest /);
    assert.ok(!d.seen.some((h) => h?.startsWith('Basic')), 'never Basic');
  } finally {
    await d.close();
  }
});

test('a device offering Basic and Digest gets Digest', async () => {
  const d = await device('Basic realm="cams", Digest realm="cams", nonce="n0nce", qop="auth"', digestOk);
  try {
    assert.equal((await fetchAuth(d.url, {}, cred)).status, 200);
    assert.ok(!d.seen.some((h) => h?.startsWith('Basic')));
  } finally {
    await d.close();
  }
});

test('a Basic-only device gets Basic once it asks; a wrong password stays 401', async () => {
  const basic = `Basic ${Buffer.from(`${cred.user}:${cred.password}`).toString('base64')}`;
  const d = await device('Basic realm="cams"', (req) => req.headers.authorization === basic);
  try {
    assert.equal((await fetchAuth(d.url, {}, cred)).status, 200);
    assert.deepEqual(d.seen, [undefined, basic]);
    assert.equal((await fetchAuth(d.url, {}, { ...cred, password: 'sai' })).status, 401);
  } finally {
    await d.close();
  }
});
