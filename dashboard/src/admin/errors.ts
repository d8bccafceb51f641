/**
 * What the staff desk says when a request fails. Pure. The server's 400 messages name their field the
 * contract's way (`path: message; path: message`, contract/zod-issues.ts), so a form can put each at its
 * field; identity codes (`username-taken`, `unknown-code`, …) may or may not survive the API client's
 * code check, so decisions lean on the status and the request that failed, and read the code when present.
 */
import { ApiError } from '../api/client.ts';

export const SIGN_IN_URL = '/?next=/admin';

/** The session is gone (expired, signed out elsewhere, user disabled): the caller goes to sign-in. */
export const isAuthLost = (err: unknown): boolean => err instanceof ApiError && err.status === 401;

/** The error's contract code as text (an identity code the client does not list may read as a generic one). */
export const codeOf = (err: ApiError): string => err.code as string;

/** A request that the page aborted itself (unmounted, filters changed): nothing to say. */
export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';

/** The sentence of a failed load (a list, a page of the audit log). */
export function loadErrorText(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Không liên lạc được máy chủ — đang thử lại.';
  if (err.status === 401) return 'Phiên đăng nhập đã hết — đang chuyển tới trang đăng nhập…';
  if (err.status === 403) return 'Tài khoản của bạn không có quyền xem mục này.';
  if (err.status === 400) return `Yêu cầu không hợp lệ: ${err.message}`;
  return `Máy chủ trả lỗi ${err.status}: ${err.message}`;
}

/** The generic sentence of a failed action, when no field fits. */
export function actionErrorText(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Không liên lạc được máy chủ. Vui lòng thử lại.';
  if (err.status === 401) return 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.';
  if (err.status === 403) return 'Tài khoản của bạn không có quyền làm việc này.';
  if (err.status === 429) return 'Quá nhiều yêu cầu. Vui lòng chờ một lát rồi thử lại.';
  return `Máy chủ trả lỗi ${err.status}: ${err.message}`;
}

export interface FieldIssue {
  /** Dotted path (`scope.groups`), or `(root)`. */
  path: string;
  message: string;
}

/** `username: Tên …; scope.groups: …` → its issues; null when the text is not of that shape. */
export function fieldIssuesOf(message: string): FieldIssue[] | null {
  const parts = message.split('; ');
  const out: FieldIssue[] = [];
  for (const part of parts) {
    const m = /^((?:\(root\))|[A-Za-z_][\w]*(?:\.[\w]+)*): (.+)$/s.exec(part);
    if (!m) return null;
    out.push({ path: m[1]!, message: m[2]! });
  }
  return out.length ? out : null;
}

/**
 * A 400's issues placed at the form's fields: `field(path)` names the field of a path (or null: the form's
 * own line). Several issues at one field are joined.
 */
export function issuesAtFields<F extends string>(
  message: string,
  field: (path: string) => F | null,
  formField: F,
): Partial<Record<F, string>> {
  const issues = fieldIssuesOf(message);
  if (!issues) return { [formField]: message } as Partial<Record<F, string>>;
  const out: Partial<Record<F, string>> = {};
  for (const i of issues) {
    const at = field(i.path);
    const f = at ?? formField;
    const text = at === null && i.path !== '(root)' ? `${i.path}: ${i.message}` : i.message;
    out[f] = out[f] ? `${out[f]} ${text}` : text;
  }
  return out;
}
