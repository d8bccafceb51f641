/**
 * Reading a feed webhook's body, after its key was checked: JSON/XML with express.raw (at most
 * BODY_LIMIT_BYTES), multipart/form-data with busboy (at most MULTIPART_LIMIT_BYTES, the first XML/JSON
 * part and the first JPEG). Failures carry the HTTP status (413 too large, else 400) and, for a 400, the
 * reason the rejection is counted under.
 */
import express, { type Request, type Response } from 'express';
import busboy from 'busboy';
import { isJpeg } from '../../store/snapshot-cache.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MULTIPART_LIMIT_BYTES = 5 * 1024 * 1024;

export interface FeedBody {
  contentType: string;
  body: Buffer;
  jpeg?: Buffer;
}

export type BodyError = Error & { status: 400 | 413; reason?: string };

function bodyError(status: 400 | 413, message: string, reason?: string): BodyError {
  return Object.assign(new Error(message), { status, reason });
}

// Any content type: the feed parsers decide what they accept. Bodies are passed on as sent (no inflating).
const rawParser = express.raw({ type: () => true, limit: BODY_LIMIT_BYTES, inflate: false });

/** A JSON or XML body, whole, as bytes. */
export function readRawBody(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    rawParser(req, res, (err?: unknown) => {
      if (!err) return resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const e = err as { status?: number; type?: string; message?: string };
      if (e.status === 413) return reject(bodyError(413, `body over ${BODY_LIMIT_BYTES} bytes`));
      const truncated = e.type === 'request.aborted' || e.type === 'request.size.invalid';
      reject(bodyError(400, e.message ?? 'unreadable body', truncated ? 'truncated-body' : undefined));
    }),
  );
}

/** multipart/form-data (Hikvision HTTP host): the first XML/JSON part and the first JPEG. */
export function readMultipart(req: Request, contentType: string): Promise<{ contentType: string; body: Buffer; jpeg?: Buffer }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: MULTIPART_LIMIT_BYTES, fieldSize: BODY_LIMIT_BYTES, files: 8, fields: 16, parts: 24 },
      });
    } catch (err) {
      return reject(bodyError(400, (err as Error).message, 'invalid-multipart'));
    }
    let doc: { type: string; body: Buffer } | undefined;
    let jpeg: Buffer | undefined;
    let total = 0;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(e);
    };
    bb.on('field', (_name, value, info) => {
      if (info.valueTruncated) return fail(bodyError(413, 'a field is over 1 MiB'));
      const v = value.trim();
      if (!doc && (v.startsWith('<') || v.startsWith('{')))
        doc = { type: v.startsWith('<') ? 'application/xml' : 'application/json', body: Buffer.from(value) };
    });
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        total += c.length;
        if (total > MULTIPART_LIMIT_BYTES) return fail(bodyError(413, 'multipart body over 5 MiB'));
        chunks.push(c);
      });
      stream.on('limit', () => fail(bodyError(413, 'a part is over 5 MiB')));
      stream.on('end', () => {
        const b = Buffer.concat(chunks);
        const t = info.mimeType.toLowerCase();
        if (t.startsWith('image/')) {
          if (!jpeg && isJpeg(b)) jpeg = b;
        } else if (!doc && (t.includes('xml') || t.includes('json') || t.startsWith('text/'))) doc = { type: t, body: b };
      });
    });
    bb.on('error', (err: Error) => fail(bodyError(400, err.message, 'invalid-multipart')));
    bb.on('close', () => {
      if (failed) return;
      if (!doc) return reject(bodyError(400, 'no XML or JSON part', 'missing-event-part'));
      resolve({ contentType: doc.type || contentType, body: doc.body, ...(jpeg ? { jpeg } : {}) });
    });
    req.pipe(bb);
  });
}
