import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, apiErrorOf, apiGet, apiSend, codeForStatus, retryAfterSeconds } from './client.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Replaces fetch with one answer; returns what the client asked for. */
function answer(res: () => Response): { url?: string; init?: RequestInit } {
  const seen: { url?: string; init?: RequestInit } = {};
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return res();
  }) as typeof fetch;
  return seen;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

test('a GET sends the cookies only — never an Authorization header — and asks for JSON', async () => {
  const seen = answer(() => json(200, [{ id: 'cam-1' }]));
  assert.deepEqual(await apiGet('/api/cameras', { cache: 'no-store' }), [{ id: 'cam-1' }]);
  assert.equal(seen.url, '/api/cameras');
  assert.deepEqual(seen.init?.headers, { Accept: 'application/json' });
  assert.equal(seen.init?.credentials, 'same-origin');
  assert.equal(seen.init?.cache, 'no-store');
});

test('a send posts JSON and resolves to the answer, or null without a body', async () => {
  const seen = answer(() => json(202, { command: { id: 'c1' } }));
  assert.deepEqual(await apiSend('POST', '/api/screens/s/commands', { type: 'reload' }), {
    command: { id: 'c1' },
  });
  assert.equal(seen.init?.method, 'POST');
  assert.equal(seen.init?.body, '{"type":"reload"}');
  assert.equal((seen.init?.headers as Record<string, string>)['Content-Type'], 'application/json');
  answer(() => new Response(null, { status: 204 }));
  assert.equal(await apiSend('DELETE', '/x', undefined), null);
});

test('non-2xx answers become ApiError with the contract code, or the status when the body names none', async () => {
  const rows: [Response, number, string, string][] = [
    [
      json(403, { error: { code: 'forbidden', message: 'this device shows another screen' } }),
      403,
      'forbidden',
      'this device shows another screen',
    ],
    [json(404, { error: { code: 'unknown-screen', message: 'unknown screen: x' } }), 404, 'unknown-screen', 'unknown screen: x'],
    [json(503, { error: { code: 'quota-exceeded', message: 'not a contract code' } }), 503, 'internal', 'not a contract code'],
    [new Response('<html>Bad gateway</html>', { status: 502 }), 502, 'upstream', 'HTTP 502'],
    [new Response('', { status: 401 }), 401, 'unauthorized', 'HTTP 401'],
    [
      json(401, { error: { code: 'invalid-credentials', message: 'wrong username or password' } }),
      401,
      'invalid-credentials',
      'wrong username or password',
    ],
    [
      json(400, { error: { code: 'weak-password', message: 'Mật khẩu phải có ít nhất 10 ký tự.' } }),
      400,
      'weak-password',
      'Mật khẩu phải có ít nhất 10 ký tự.',
    ],
    [new Response('', { status: 429 }), 429, 'throttled', 'HTTP 429'],
  ];
  for (const [res, status, code, message] of rows) {
    answer(() => res);
    await assert.rejects(apiGet('/api/x'), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.deepEqual({ status: err.status, code: err.code, message: err.message }, { status, code, message });
      return true;
    });
  }
});

test('a network failure and an unreadable 2xx body are not ApiErrors', async () => {
  globalThis.fetch = (async () => {
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  await assert.rejects(apiGet('/api/x'), TypeError);
  answer(() => new Response('not json', { status: 200 }));
  await assert.rejects(apiGet('/api/x'), SyntaxError);
});

test('status → code table', () => {
  const rows: [number, string][] = [
    [400, 'invalid-payload'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [413, 'payload-too-large'],
    [422, 'invalid-payload'],
    [429, 'throttled'],
    [500, 'internal'],
    [502, 'upstream'],
    [503, 'internal'],
    [504, 'upstream'],
  ];
  for (const [status, code] of rows) assert.equal(codeForStatus(status), code, String(status));
  assert.equal(apiErrorOf(500, null).code, 'internal');
});

test('a 429 carries the wait of its Retry-After header', async () => {
  answer(
    () =>
      new Response(JSON.stringify({ error: { code: 'throttled', message: 'too many failed attempts' } }), {
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '120' },
      }),
  );
  await assert.rejects(apiSend('POST', '/api/session', { username: 'a', password: 'b' }), (err: unknown) => {
    assert.ok(err instanceof ApiError);
    assert.deepEqual([err.code, err.retryAfterS], ['throttled', 120]);
    return true;
  });
  const rows: [string | null, number | null][] = [
    ['120', 120],
    [' 5 ', 5],
    ['0', 0],
    [null, null],
    ['', null],
    ['-1', null],
    ['1.5', null],
    ['Wed, 21 Oct 2015 07:28:00 GMT', null],
  ];
  for (const [header, want] of rows) assert.equal(retryAfterSeconds(header), want, String(header));
});
