/**
 * Where each alert's snapshot can be fetched (a locator the server resolves with its credentials) and the
 * images already fetched or received inline (multipart JPEG). Bounded LRU by entries and bytes. In-process:
 * the node that ingested an alert serves its inline image; Frigate snapshots any node can fetch again.
 */
export type SnapshotLocator =
  | { kind: 'frigate-event'; instance: string; eventId: string }
  | { kind: 'url'; instance: string; url: string }
  | { kind: 'inline' };

export class SnapshotCache {
  private readonly locators = new Map<string, SnapshotLocator>();
  private readonly images = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly maxLocators = 20_000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  setLocator(alertId: string, loc: SnapshotLocator): void {
    this.locators.delete(alertId);
    this.locators.set(alertId, loc);
    while (this.locators.size > this.maxLocators) this.locators.delete(this.locators.keys().next().value!);
  }

  getLocator(alertId: string): SnapshotLocator | undefined {
    return this.locators.get(alertId);
  }

  putImage(alertId: string, jpeg: Buffer): void {
    if (jpeg.length > this.maxBytes / 4) return;
    const old = this.images.get(alertId);
    if (old) {
      this.bytes -= old.length;
      this.images.delete(alertId);
    }
    this.images.set(alertId, jpeg);
    this.bytes += jpeg.length;
    while (this.bytes > this.maxBytes) {
      const [k, v] = this.images.entries().next().value!;
      this.images.delete(k);
      this.bytes -= v.length;
    }
  }

  getImage(alertId: string): Buffer | undefined {
    const b = this.images.get(alertId);
    if (b) {
      // LRU: most recently used last.
      this.images.delete(alertId);
      this.images.set(alertId, b);
    }
    return b;
  }
}

/** A JPEG starts with FF D8 FF: anything else is not served as an image. */
export function isJpeg(b: Buffer): boolean {
  return b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}
