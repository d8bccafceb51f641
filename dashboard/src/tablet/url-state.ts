/**
 * The tablet's place in its address, so a reload (or a tablet that was asleep) opens where the user was:
 * `/tablet?g=budget&i=budget.revenue&a=56001&p=2026-Q3&ca=56001,56004&cp=2026-Q3,2025-Q3&m=<meeting>`.
 * Pure: parse and format, checked with the contract's View schema; an invalid part is dropped, never
 * fatal (addresses are typed by hand and shared).
 */
import { PeriodSelectionSchema, ViewSchema, type View } from '../../../contract/meetings.ts';

export interface TabletPlace {
  /** Null: the list of groups (the tablet's start). */
  view: View | null;
  /** The meeting this tablet is in (rejoined after a reload). */
  meeting: string | null;
}

const list = (s: string | null): string[] =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

export function parsePlace(search: string): TabletPlace {
  const q = new URLSearchParams(search);
  const meetingRaw = q.get('m');
  const meeting = meetingRaw && meetingRaw.length <= 64 ? meetingRaw : null;
  const group = q.get('g');
  if (!group) return { view: null, meeting };
  const candidate: Record<string, unknown> = { group };
  const i = q.get('i');
  const a = q.get('a');
  const p = q.get('p');
  if (i) candidate.indicator = i;
  if (a) candidate.area = a;
  if (p) candidate.period = p;
  const areas = list(q.get('ca'));
  const periods = list(q.get('cp'));
  const compare: Record<string, unknown> = {};
  if (areas.length >= 2) compare.areas = areas;
  if (periods.length >= 2) compare.periods = periods;
  if (Object.keys(compare).length) candidate.compare = compare;
  const whole = ViewSchema.safeParse(candidate);
  if (whole.success) return { view: whole.data, meeting };
  // Keep what is valid: drop the parts one by one, least important first.
  for (const drop of [
    ['compare'],
    ['compare', 'period'],
    ['compare', 'period', 'area'],
    ['compare', 'period', 'area', 'indicator'],
  ]) {
    const c = { ...candidate };
    for (const k of drop) delete c[k];
    if (drop.includes('period') && p && PeriodSelectionSchema.safeParse(p).success) c.period = p;
    const r = ViewSchema.safeParse(c);
    if (r.success) return { view: r.data, meeting };
  }
  return { view: null, meeting };
}

export function formatPlace(place: TabletPlace): string {
  const q = new URLSearchParams();
  const v = place.view;
  if (v) {
    q.set('g', v.group);
    if (v.indicator) q.set('i', v.indicator);
    if (v.area) q.set('a', v.area);
    if (v.period) q.set('p', v.period);
    if (v.compare?.areas) q.set('ca', v.compare.areas.join(','));
    if (v.compare?.periods) q.set('cp', v.compare.periods.join(','));
  }
  if (place.meeting) q.set('m', place.meeting);
  const s = q.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}
