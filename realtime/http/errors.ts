/**
 * Every error answer of the HTTP server, in the contract's shape (`ApiErrorBody`): the routes' own, the
 * 404s, and what express middleware fails with (a malformed or oversized body, a missing static file).
 * Never a stack trace or an HTML page with request text in it.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ApiErrorBody, FeedRejectionBody, HttpErrorCode } from '../../contract/http.ts';

export function sendError(res: Response, status: number, code: HttpErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } } satisfies ApiErrorBody);
}

/** The feed webhook's 400: the feed parser's rejection reason is the code (contract/http.ts FeedRejectionBody). */
export function sendFeedRejection(res: Response, reason: string, message: string): void {
  res.status(400).json({ error: { code: reason, message } } satisfies FeedRejectionBody);
}

export const sendUnauthorized = (res: Response, message = 'a valid Bearer token is required'): void =>
  sendError(res, 401, 'unauthorized', message);

export function notFound(message: string): RequestHandler {
  return (_req, res) => sendError(res, 404, 'not-found', message);
}

/** What an error thrown by express middleware (body parsers, static files) means for the client. */
export function clientErrorOf(err: unknown): { status: number; code: HttpErrorCode; message: string } | null {
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 0;
  if (status < 400 || status >= 500) return null;
  if (status === 413) return { status, code: 'payload-too-large', message: 'the request body is too large' };
  if (status === 404 || status === 405) return { status, code: 'not-found', message: 'not found' };
  if (e?.type === 'entity.parse.failed') return { status, code: 'invalid-payload', message: 'the body is not valid JSON' };
  return { status, code: 'invalid-payload', message: 'the request could not be read' };
}

/** Last resort: client errors answered with their code, anything else a logged 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const client = clientErrorOf(err);
    // The path only: a query may carry a token (?token=), and a parse error carries the body.
    if (client) log.debug({ status: client.status, code: client.code, path: req.path }, 'http request refused');
    else log.error({ err }, 'http request failed');
    if (res.headersSent) return;
    if (client) sendError(res, client.status, client.code, client.message);
    else sendError(res, 500, 'internal', 'internal error');
  };
}
