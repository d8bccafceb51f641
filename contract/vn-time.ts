/**
 * Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) through Intl, whatever the zone of the
 * machine or browser. Every "what day/month is it in Vietnam" question and every HH:mm on screen uses this.
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface VnParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function vnParts(at: Date | number): VnParts {
  const out: Record<string, number> = {};
  for (const p of parts.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

/** The instant of a Vietnam wall-clock time (month 1–12). Vietnam has had UTC+7 without DST since 1975. */
export function vnInstant(year: number, month: number, day = 1, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 7, minute));
}

/** ISO-8601 text of an instant as a device in Vietnam writes it (`2026-12-02T09:30:00+07:00`). */
export function vnIsoString(at: Date | number): string {
  const p = vnParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}+07:00`;
}
