/** Times on the staff desk, in Vietnam time whatever the browser's zone. Pure: callers pass `now`. */
import { vnInstant, vnParts } from '../../../contract/vn-time.ts';
import { formatDateVi, formatTimeVi, parseInstant } from '../format/vi.ts';

const p2 = (n: number) => String(n).padStart(2, '0');

/** `14:05:09 22/11/2026`; `—` for no time or an unreadable one. */
export function formatAt(iso: string | null): string {
  const d = iso ? parseInstant(iso) : null;
  if (!d) return '—';
  const p = vnParts(d);
  return `${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)} ${formatDateVi(d)}`;
}

/** `12 giây trước`, `5 phút trước`, then the time and date; `chưa từng` for no time. */
export function ago(iso: string | null, now: number): string {
  const d = iso ? parseInstant(iso) : null;
  if (!iso) return 'chưa từng';
  if (!d) return '—';
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (s < 60) return `${s} giây trước`;
  if (s < 3600) return `${Math.floor(s / 60)} phút trước`;
  return `${formatTimeVi(d)}, ${formatDateVi(d)}`;
}

/** `2026-11-22` (a date input's value) → that Vietnam day's first instant; null when not a date. */
export function vnDayStart(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const at = vnInstant(y, mo, d);
  const back = vnParts(at);
  return back.year === y && back.month === mo && back.day === d ? at : null; // 2026-02-31 is no day
}

/** The first instant after that Vietnam day (the exclusive end of a range that includes it). */
export function vnDayEnd(day: string): Date | null {
  const start = vnDayStart(day);
  return start ? new Date(start.getTime() + 86_400_000) : null;
}

/** Today in Vietnam as a date input's value (`2026-11-22`). */
export function vnToday(now: number): string {
  const p = vnParts(now);
  return `${p.year}-${p2(p.month)}-${p2(p.day)}`;
}
