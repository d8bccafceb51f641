/**
 * The framing of a Hikvision alertStream: a never-ending multipart/mixed body. Pure (no I/O), so the
 * client (alert-stream.ts) only connects and feeds it chunks.
 */
import { LIMITS } from '../alerts/validate.ts';

/**
 * Feed chunks in; complete parts come out with their content type. The boundary comes from the response
 * header (it varies by firmware). Bounded buffer.
 */
export class MultipartStreamParser {
  private buf: Buffer = Buffer.alloc(0);
  private readonly delim: Buffer;
  constructor(
    boundary: string,
    private readonly onPart: (contentType: string, body: Buffer) => void,
    private readonly maxBufferBytes = LIMITS.multipartBytes,
  ) {
    this.delim = Buffer.from(`--${boundary}`);
  }

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const start = this.buf.indexOf(this.delim);
      if (start < 0) break;
      const next = this.buf.indexOf(this.delim, start + this.delim.length);
      if (next < 0) {
        // The device writes a part's delimiter when the part starts, so the next one only comes with the
        // next event or heartbeat (up to 10 s later): a part whose Content-Length is in is complete now.
        const end = this.completeByLength(start);
        if (end < 0) break;
        this.buf = this.buf.subarray(end);
        continue;
      }
      const part = this.buf.subarray(start + this.delim.length, next);
      this.buf = this.buf.subarray(next);
      this.emit(part);
    }
    // A part that never ends (or a stream without boundaries) cannot grow memory without bound.
    if (this.buf.length > this.maxBufferBytes) this.buf = Buffer.alloc(0);
  }

  /** Emits the part at `start` if its headers give a Content-Length and that many bytes are in; returns where it ends, or -1. */
  private completeByLength(start: number): number {
    const from = start + this.delim.length;
    const sep = this.buf.indexOf('\r\n\r\n', from);
    if (sep < 0) return -1;
    const len = /content-length:\s*(\d+)/i.exec(this.buf.subarray(from, sep).toString('latin1'));
    if (!len) return -1;
    const end = sep + 4 + Number(len[1]);
    if (end > this.buf.length) return -1;
    this.emit(this.buf.subarray(from, end));
    return end;
  }

  private emit(part: Buffer): void {
    const sep = part.indexOf('\r\n\r\n');
    const sepLen = sep >= 0 ? 4 : 2;
    const at = sep >= 0 ? sep : part.indexOf('\n\n');
    if (at < 0) return;
    const head = part.subarray(0, at).toString('latin1');
    let body = part.subarray(at + sepLen);
    const len = /content-length:\s*(\d+)/i.exec(head);
    if (len) body = body.subarray(0, Number(len[1]));
    else body = trimCrlf(body);
    const type = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim().toLowerCase() ?? 'application/octet-stream';
    this.onPart(type, body);
  }
}

function trimCrlf(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x0a || b[end - 1] === 0x0d)) end--;
  return b.subarray(0, end);
}
