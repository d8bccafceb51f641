/**
 * One log line per HTTP request (method, path, status, time), at `debug` for answers that went well and
 * `info` for refusals, so an operator can follow who was refused without a flood on a busy wall. Secrets
 * never reach the log: the query values of `token`, `key`, `code`, `state`, `password` and `secret` are
 * replaced, and no header (Authorization, Cookie) is logged at all.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const SECRET_PARAMS = /^(token|key|code|state|password|secret|access_token|id_token)$/i;

/** The request's path and query with every secret value replaced by `[redacted]`. */
export function redactUrl(originalUrl: string): string {
  const q = originalUrl.indexOf('?');
  if (q < 0) return originalUrl;
  const params = new URLSearchParams(originalUrl.slice(q + 1));
  for (const name of [...params.keys()]) if (SECRET_PARAMS.test(name)) params.set(name, '[redacted]');
  const query = params.toString().replace(/%5Bredacted%5D/g, '[redacted]');
  return `${originalUrl.slice(0, q)}${query ? `?${query}` : ''}`;
}

export function accessLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const entry = {
        method: req.method,
        url: redactUrl(req.originalUrl),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (res.statusCode >= 400) log.info(entry, 'http refused');
      else log.debug(entry, 'http');
    });
    next();
  };
}
