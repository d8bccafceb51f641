/** Small HTTP helpers for feed clients: bounded bodies, timeouts, basic and digest auth. */
import { createHash, randomBytes } from 'node:crypto';
import { FeedReject } from './validate.ts';

/** Reads a fetch response body, refusing more than `maxBytes` (a device cannot make us buffer without bound). */
export async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len > maxBytes) throw new FeedReject('response-too-large', `response of ${len} bytes (max ${maxBytes})`);
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    n += chunk.length;
    if (n > maxBytes) {
      await res.body.cancel().catch(() => {});
      throw new FeedReject('response-too-large', `response over ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** RFC 7616 digest (MD5, qop=auth), enough for Hikvision/Dahua/ONVIF devices. */
export function digestAuth(
  challenge: string,
  method: string,
  uri: string,
  user: string,
  password: string,
  nc = 1,
): string | null {
  const p: Record<string, string> = {};
  for (const m of challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  if (!/^digest/i.test(challenge) || !p.realm || !p.nonce) return null;
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const ha1 = md5(`${user}:${p.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const cnonce = randomBytes(8).toString('hex');
  const ncs = nc.toString(16).padStart(8, '0');
  const qop = p.qop
    ?.split(',')
    .map((s) => s.trim())
    .includes('auth')
    ? 'auth'
    : undefined;
  const response = qop ? md5(`${ha1}:${p.nonce}:${ncs}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
  return (
    `Digest username="${user}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", response="${response}"` +
    (qop ? `, qop=${qop}, nc=${ncs}, cnonce="${cnonce}"` : '') +
    (p.opaque ? `, opaque="${p.opaque}"` : '') +
    (p.algorithm ? `, algorithm=${p.algorithm}` : '')
  );
}

/**
 * fetch with the device's credentials. Over plain HTTP (most NVRs and cameras on a closed network) the
 * first request goes without them and the device's challenge is answered, Digest preferred: sending
 * Basic up front would put the password on the wire in base64 on every connection, even to devices
 * that only accept Digest. Over HTTPS Basic is sent at once (one round trip fewer).
 */
export async function fetchAuth(
  url: string,
  init: RequestInit & { timeoutMs?: number },
  cred?: { user: string; password: string },
): Promise<Response> {
  const timeout = AbortSignal.timeout(init.timeoutMs ?? 10_000);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const headers = new Headers(init.headers);
  const u = new URL(url);
  const sentBasic = !!cred && u.protocol === 'https:';
  if (sentBasic) headers.set('authorization', basicAuth(cred!.user, cred!.password));
  let res = await fetch(url, { ...init, headers, signal });
  if (res.status !== 401 || !cred) return res;
  // Several challenges may share the header ("Basic realm=…, Digest realm=…"): take Digest's own part.
  const challenge = res.headers.get('www-authenticate') ?? '';
  const digestAt = challenge.search(/digest\s/i);
  let auth: string | null = null;
  if (digestAt >= 0)
    auth = digestAuth(
      challenge.slice(digestAt).replace(/,\s*basic\s.*$/is, ''),
      (init.method ?? 'GET').toUpperCase(),
      u.pathname + u.search,
      cred.user,
      cred.password,
    );
  else if (/^\s*basic/i.test(challenge) && !sentBasic) auth = basicAuth(cred.user, cred.password);
  if (!auth) return res;
  await res.body?.cancel().catch(() => {});
  headers.set('authorization', auth);
  res = await fetch(url, { ...init, headers, signal });
  return res;
}

/** A credential pair from environment variable names (never logged). */
export function credFrom(
  env: Record<string, string | undefined>,
  userEnv?: string,
  passwordEnv?: string,
): { user: string; password: string } | undefined {
  const user = userEnv ? env[userEnv] : undefined;
  const password = passwordEnv ? env[passwordEnv] : undefined;
  return user !== undefined && password !== undefined ? { user, password } : undefined;
}
