/**
 * Enrolling a waiting screen, as pure functions: the screen choices (wall displays and single pages of
 * GET /api/home), the form's check (the pairing code however it was typed: `abc 123`, `ABC-123`), and a
 * refusal at its field (an unknown or expired code, an unknown screen).
 */
import { PAIRING_CODE_LENGTH, PairingCodeSchema, type EnrolRequest, type HomePayload } from '../../../contract/identity.ts';
import { ApiError } from '../api/client.ts';
import { actionErrorText, codeOf, issuesAtFields } from './errors.ts';

export interface EnrolDraft {
  code: string;
  screen: string;
  name: string;
}
export type EnrolField = 'code' | 'screen' | 'name' | 'form';
export type EnrolErrors = Partial<Record<EnrolField, string>>;

export const emptyEnrol = (): EnrolDraft => ({ code: '', screen: '', name: '' });

export interface ScreenChoice {
  value: string;
  label: string;
}
export interface ScreenChoices {
  /** One group per wall (its displays), then the single pages. */
  groups: { label: string; options: ScreenChoice[] }[];
  /** Screen id → `Màn hình 1 (trái) · Tường …` for the device list. */
  names: Map<string, string>;
}

export function screenChoices(home: Pick<HomePayload, 'pages' | 'displays'>): ScreenChoices {
  const walls = new Map<string, ScreenChoice[]>();
  const names = new Map<string, string>();
  for (const d of home.displays) {
    const list = walls.get(d.wall) ?? [];
    list.push({ value: d.id, label: d.name });
    walls.set(d.wall, list);
    names.set(d.id, `${d.name} · ${d.wall}`);
  }
  const groups = [...walls].map(([wall, options]) => ({ label: wall, options }));
  if (home.pages.length) {
    groups.push({ label: 'Trang đơn (một trang cố định)', options: home.pages.map((p) => ({ value: p.id, label: p.title })) });
    for (const p of home.pages) if (!names.has(p.id)) names.set(p.id, `Trang: ${p.title}`);
  }
  return { groups, names };
}

/** `abc 123` → `ABC123`: what the server compares (contract PairingCodeSchema). */
export const normalizeCode = (raw: string): string => raw.replace(/[\s-]/g, '').toUpperCase();

export type EnrolBuilt = { ok: true; body: EnrolRequest } | { ok: false; errors: EnrolErrors };

export function enrolRequest(d: EnrolDraft, known: ReadonlySet<string> | null): EnrolBuilt {
  const errors: EnrolErrors = {};
  if (!normalizeCode(d.code)) errors.code = `Nhập mã ${PAIRING_CODE_LENGTH} ký tự đang hiện trên màn hình cần ghép nối.`;
  else {
    const code = PairingCodeSchema.safeParse(d.code);
    if (!code.success)
      errors.code = `${code.error.issues[0]?.message ?? 'Mã ghép nối không hợp lệ.'} Mã gồm chữ in hoa và số, không có 0, O, 1, I, L.`;
  }
  if (!d.screen) errors.screen = 'Chọn màn hình hoặc trang mà thiết bị sẽ hiển thị.';
  else if (known && !known.has(d.screen)) errors.screen = 'Màn hình này không còn trong danh sách. Chọn lại.';
  const name = d.name.trim();
  if (!name) errors.name = 'Đặt tên cho thiết bị (ví dụ “Màn hình sảnh tầng 1”).';
  else if (name.length > 200) errors.name = 'Tên thiết bị không quá 200 ký tự.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, body: { code: normalizeCode(d.code), screen: d.screen, name } };
}

const fieldOfPath = (path: string): EnrolField | null => (path === 'code' || path === 'screen' || path === 'name' ? path : null);

export function enrolServerErrors(err: unknown): EnrolErrors {
  if (!(err instanceof ApiError)) return { form: actionErrorText(err) };
  const code = codeOf(err);
  if (err.status === 404 || code === 'unknown-code')
    return { code: 'Không có màn hình nào đang chờ với mã này — mã sai hoặc đã hết hạn. Xem lại mã trên màn hình.' };
  if (code === 'unknown-screen') return { screen: 'Máy chủ không biết màn hình này. Tải lại trang rồi chọn lại.' };
  if (err.status === 400 && err.message && !/^HTTP \d+$/.test(err.message))
    return issuesAtFields<EnrolField>(err.message, fieldOfPath, 'form');
  return { form: actionErrorText(err) };
}
