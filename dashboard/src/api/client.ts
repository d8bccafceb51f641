/**
 * The dashboard's one way to the HTTP API. Every request authenticates with the page's cookies only
 * (`credentials: 'same-origin'`: the HttpOnly `ioc_session` of a signed-in person or `ioc_device` of a
 * paired screen, which no script can read) — never a token in a header or an address — and asks for
 * JSON. A non-2xx answer becomes an ApiError with the contract's code (contract/http.ts `ApiErrorBody`,
 * plus the identity codes of contract/identity.ts) and the Retry-After of a 429; a network failure stays
 * fetch's own error (TypeError, or AbortError when the caller aborted), and a 2xx body that is not JSON
 * stays the SyntaxError of `res.json()`, so callers can tell the three apart.
 */
import { HTTP_ERROR_CODES, type ApiErrorBody, type HttpErrorCode } from '../../../contract/http.ts';
import type { IdentityErrorCode } from '../../../contract/identity.ts';

export type ApiErrorCode = HttpErrorCode | IdentityErrorCode;

/**
 * contract/identity.ts IDENTITY_ERROR_CODES, listed here because importing that module at run time
 * brings zod (and its schemas) into every page's entry chunk. The two checks below fail the type check
 * when the lists drift apart.
 */
const IDENTITY_CODES = [
  'invalid-credentials',
  'throttled',
  'wrong-password',
  'weak-password',
  'unknown-code',
  'username-taken',
  'last-admin',
  'token-in-url',
] as const satisfies readonly IdentityErrorCode[];
type Missing = Exclude<IdentityErrorCode, (typeof IDENTITY_CODES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Seconds to wait, from the Retry-After header (429, 503); null when absent or not a number. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

export interface ApiOptions {
  signal?: AbortSignal;
  cache?: RequestCache;
  /** Another origin (tests); default: the page's own. */
  baseUrl?: string;
}

const KNOWN_CODES: ReadonlySet<string> = new Set<string>([...HTTP_ERROR_CODES, ...IDENTITY_CODES]);

/** What a status means when the body names no contract code (a proxy's error page, a newer server's code). */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'throttled';
  if (status === 400 || status === 422) return 'invalid-payload';
  if (status === 502 || status === 504) return 'upstream';
  return 'internal';
}

/** Retry-After in seconds: a non-negative whole number (the HTTP-date form is not used by this server). */
export function retryAfterSeconds(header: string | null): number | null {
  if (header === null || !/^\s*\d{1,9}\s*$/.test(header)) return null;
  return Number(header);
}

/** The ApiError of a non-2xx answer, from its `{ error: { code, message } }` body when it has one. */
export function apiErrorOf(status: number, body: unknown, retryAfterS: number | null = null): ApiError {
  const e = (body as Partial<ApiErrorBody> | null)?.error;
  const code = typeof e?.code === 'string' && KNOWN_CODES.has(e.code) ? (e.code as ApiErrorCode) : codeForStatus(status);
  const message = typeof e?.message === 'string' && e.message ? e.message : `HTTP ${status}`;
  return new ApiError(status, code, message, retryAfterS);
}

async function request(method: string, path: string, body: unknown, opts: ApiOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (opts.signal) init.signal = opts.signal;
  if (opts.cache) init.cache = opts.cache;
  const res = await fetch(`${opts.baseUrl ?? ''}${path}`, init);
  if (!res.ok) {
    const errorBody: unknown = await res.json().catch(() => null);
    throw apiErrorOf(res.status, errorBody, retryAfterSeconds(res.headers.get('Retry-After')));
  }
  return res;
}

/** GET `path` as JSON. The type is the caller's promise; check the shape where a wrong answer would hurt. */
export async function apiGet<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const res = await request('GET', path, undefined, opts);
  return (await res.json()) as T;
}

/** Sends `body` as JSON; resolves to the answer's JSON body, or null when it has none (202, 204). */
export async function apiSend<T = unknown>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  opts: ApiOptions = {},
): Promise<T | null> {
  const res = await request(method, path, body, opts);
  const text = await res.text();
  return text ? (JSON.parse(text) as T) : null;
}

/** Sends `body` as JSON and answers the file it gets back (an export), with the name the server gave it. */
export async function apiSendForFile(
  path: string,
  body: unknown,
  opts: ApiOptions = {},
): Promise<{ blob: Blob; fileName: string | null }> {
  const res = await request('POST', path, body, opts);
  return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('Content-Disposition')) };
}

/** The file name of `Content-Disposition: attachment; filename="…"`, or null. */
export function fileNameOf(header: string | null): string | null {
  const m = header ? /filename="([^"]+)"/i.exec(header) : null;
  return m ? m[1]! : null;
}
