/**
 * The dashboard's one way to the HTTP API. Every request carries the page's credential — the Bearer
 * token of live/token.ts when the page has one, and the session cookie through `credentials:
 * 'same-origin'` (so moving from tokens to a cookie changes this file only) — and asks for JSON. A non-2xx
 * answer becomes an ApiError with the contract's code (contract/http.ts `ApiErrorBody`); a network
 * failure stays fetch's own error (TypeError, or AbortError when the caller aborted), and a 2xx body
 * that is not JSON stays the SyntaxError of `res.json()`, so callers can tell the three apart.
 */
import { HTTP_ERROR_CODES, type ApiErrorBody, type HttpErrorCode } from '../../../contract/http.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiOptions {
  /** The page's token; null or absent: the cookie alone. */
  token?: string | null;
  signal?: AbortSignal;
  cache?: RequestCache;
  /** Another origin (tests); default: the page's own. */
  baseUrl?: string;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(HTTP_ERROR_CODES);

/** What a status means when the body names no contract code (a proxy's error page, a newer server's code). */
export function codeForStatus(status: number): HttpErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 413) return 'payload-too-large';
  if (status === 400 || status === 422) return 'invalid-payload';
  if (status === 502 || status === 504) return 'upstream';
  return 'internal';
}

/** The ApiError of a non-2xx answer, from its `{ error: { code, message } }` body when it has one. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const e = (body as Partial<ApiErrorBody> | null)?.error;
  const code = typeof e?.code === 'string' && KNOWN_CODES.has(e.code) ? e.code : codeForStatus(status);
  const message = typeof e?.message === 'string' && e.message ? e.message : `HTTP ${status}`;
  return new ApiError(status, code, message);
}

async function request(method: string, path: string, body: unknown, opts: ApiOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (opts.signal) init.signal = opts.signal;
  if (opts.cache) init.cache = opts.cache;
  const res = await fetch(`${opts.baseUrl ?? ''}${path}`, init);
  if (!res.ok) {
    const errorBody: unknown = await res.json().catch(() => null);
    throw apiErrorOf(res.status, errorBody);
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
