/**
 * The one translation of zod failures into what people read: `{ path, message }` per issue, with the
 * path as dotted text (`panels.2.indicator`). Acknowledgements, HTTP 400/422 bodies, feed rejections and
 * the config loader all use it, so an error names its field the same way everywhere.
 */
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path into the input; `(root)` for the whole value. */
  path: string;
  message: string;
}

export function zodIssues(err: z.ZodError, max = 20): FieldIssue[] {
  return err.issues.slice(0, max).map((i) => ({
    path: i.path.length ? i.path.map(String).join('.') : '(root)',
    message: i.message,
  }));
}

/** One short line for an acknowledgement or a log: the first few issues, `path: message; …`. */
export function describeZodError(err: z.ZodError, max = 3): string {
  return zodIssues(err, max)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}
