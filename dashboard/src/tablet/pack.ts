/**
 * The meeting pack a member takes away: the views shown in the meeting, in the order they were first
 * discussed, each once; the member ticks those to print (POST /api/exports/pdf). Pure.
 */
import { EXPORT_VIEWS_MAX, type View } from '../../../contract/meetings.ts';

/** The same view whatever order its keys came in (a view from the socket, one from the address). */
export function viewKey(v: View): string {
  return JSON.stringify([
    v.group,
    v.indicator ?? null,
    v.area ?? null,
    v.period ?? null,
    v.compare?.areas ?? null,
    v.compare?.periods ?? null,
  ]);
}

/** `list` with `view` added at the end unless already there; never more than the server takes. */
export function addView(list: readonly View[], view: View | null, max: number = EXPORT_VIEWS_MAX): readonly View[] {
  if (!view || list.length >= max) return list;
  const key = viewKey(view);
  return list.some((v) => viewKey(v) === key) ? list : [...list, view];
}

/** The views to print, in the pack's order. */
export function picked(list: readonly View[], chosen: ReadonlySet<string>): View[] {
  return list.filter((v) => chosen.has(viewKey(v)));
}
