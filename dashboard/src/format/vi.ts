/**
 * Vietnamese figures, dates and words for the wall. Pure: no DOM, no clock (callers pass `now`).
 * Numbers follow `Intl.NumberFormat('vi-VN')` (`20.443,2`); negative signs are the real minus U+2212;
 * times are Vietnam time (UTC+7, no daylight saving), whatever the browser's own zone.
 */
import type { ValueStatus } from '../../../contract/messages.ts';
import type { Freshness } from '../../../contract/period.ts';
import { vnParts } from '../../../contract/vn-time.ts';

export const MINUS = '\u2212';

const nf = new Map<number, Intl.NumberFormat>();
function numberFormat(maxFractionDigits: number): Intl.NumberFormat {
  let f = nf.get(maxFractionDigits);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxFractionDigits, minimumFractionDigits: 0 });
    nf.set(maxFractionDigits, f);
  }
  return f;
}

/** Fraction digits a figure deserves: one decimal as reports write them, two for small magnitudes. */
function digitsFor(v: number): number {
  const a = Math.abs(v);
  if (a >= 100_000) return 0; // 5.782.532 lượt khách: a decimal adds nothing at this magnitude
  return a !== 0 && a < 10 && !Number.isInteger(a) ? 2 : 1;
}

/** `20.443,2`, `4.512.345`, `−2,1` (U+2212 minus). */
export function formatNumber(v: number, maxFractionDigits = digitsFor(v)): string {
  const s = numberFormat(maxFractionDigits).format(Math.abs(v));
  // Rounding may turn a tiny negative into zero: no sign on "0".
  const isZero = /^[0,.]+$/.test(s);
  return v < 0 && !isZero ? `${MINUS}${s}` : s;
}

/** A figure with the unit as the catalog writes it: `20.443,2 tỷ đồng`, `98,5%`. */
export function formatValue(v: number, unit: string): string {
  if (unit === '%') return `${formatNumber(v, 1)}%`;
  return `${formatNumber(v)} ${unit}`;
}

/** `122,5%`. */
export function formatPercent(v: number): string {
  return `${formatNumber(v, 1)}%`;
}

function signed(v: number, digits: number): string {
  const s = numberFormat(digits).format(Math.abs(v));
  if (/^[0,.]+$/.test(s)) return s;
  return `${v > 0 ? '+' : MINUS}${s}`;
}

/** `+13,6%`, `−2,1%`, `0%`. */
export function formatSignedPercent(v: number): string {
  return `${signed(v, 1)}%`;
}

/** Difference of two rates, in percentage points: `+1,2 điểm %`. */
export function formatSignedPoints(v: number): string {
  return `${signed(v, 1)} điểm %`;
}

/** Same magnitude without sign, for sentences that carry the direction in a word (`tăng 13,6%`). */
export function formatAbsPercent(v: number): string {
  return `${formatNumber(Math.abs(v), 1)}%`;
}
export function formatAbsPoints(v: number): string {
  return `${formatNumber(Math.abs(v), 1)} điểm %`;
}

/** Short tick labels for chart axes; the unit is named on the axis, so nothing changes meaning. */
export function formatAxisNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${formatNumber(v / 1e6, 1)} triệu`;
  if (a >= 1e4) return `${formatNumber(v / 1e3, 1)} nghìn`;
  return formatNumber(v, 1);
}

const STATUS_VI: Record<ValueStatus, string> = {
  estimate: 'Ước tính',
  preliminary: 'Sơ bộ',
  official: 'Chính thức',
};
export function statusLabelVi(s: ValueStatus): string {
  return STATUS_VI[s] ?? s;
}

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'] as const;

/** Parses the ISO-8601 times of the contract, microseconds included; null when unreadable. */
export function parseInstant(iso: string): Date | null {
  // Keep milliseconds only (engines differ on more digits); accept a space for the 'T' as databases write it.
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(iso.trim());
  if (!m) return null;
  const frac = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
  let zone = m[4] ?? 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const d = new Date(`${m[1]}T${m[2]}${frac}${zone.toUpperCase()}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The Vietnam weekday (0 = Sunday) of a Vietnam calendar date. */
const weekdayOf = (p: { year: number; month: number; day: number }) => new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
const p2 = (n: number) => String(n).padStart(2, '0');

/** `14:05` (24-hour, Vietnam time); `—` for an invalid date. */
export function formatTimeVi(d: Date): string {
  if (Number.isNaN(d.getTime())) return '—';
  const p = vnParts(d);
  return `${p2(p.hour)}:${p2(p.minute)}`;
}

/** `22/11/2026`; `—` for an invalid date. */
export function formatDateVi(d: Date): string {
  if (Number.isNaN(d.getTime())) return '—';
  const p = vnParts(d);
  return `${p2(p.day)}/${p2(p.month)}/${p.year}`;
}

/** `Chủ nhật, 22/11/2026 · 14:05` for the header clock. */
export function formatClockVi(d: Date): string {
  if (Number.isNaN(d.getTime())) return '—';
  return `${WEEKDAYS_VI[weekdayOf(vnParts(d))]}, ${formatDateVi(d)} · ${formatTimeVi(d)}`;
}

/** `Cập nhật 14:05, 22/11/2026`; `Cập nhật —` when the time cannot be read. */
export function formatUpdatedVi(iso: string | Date): string {
  const d = typeof iso === 'string' ? parseInstant(iso) : iso;
  if (!d) return 'Cập nhật —';
  return `Cập nhật ${formatTimeVi(d)}, ${formatDateVi(d)}`;
}

/** `Chưa cập nhật — quá hạn 3 ngày`; null when the figure is fresh. */
export function formatStaleVi(f: Freshness): string | null {
  if (!f.stale) return null;
  if (f.overdueDays < 1) return 'Chưa cập nhật — đã đến hạn';
  return `Chưa cập nhật — quá hạn ${f.overdueDays} ngày`;
}

/** The header's connection state. `since` is when the server was lost (figures are as of then). */
export function formatConnectionVi(state: 'connecting' | 'online' | 'offline' | 'unauthorized', since: Date | null): string {
  switch (state) {
    case 'online':
      return 'Trực tuyến';
    case 'connecting':
      return 'Đang kết nối…';
    case 'unauthorized':
      return 'Máy chủ từ chối kết nối — thiết bị không được cấp quyền';
    case 'offline':
      return since
        ? `Mất kết nối máy chủ — đang hiển thị số liệu lúc ${formatTimeVi(since)}`
        : 'Mất kết nối máy chủ — chưa có số liệu';
  }
}
