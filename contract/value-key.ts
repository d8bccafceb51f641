/**
 * Helpers with no dependencies, so the dashboard's entry chunk can use them without pulling in zod.
 */

/** A key that identifies one reported figure. */
export function valueKey(v: { indicator: string; area: string; period: string }): string {
  return `${v.indicator}|${v.area}|${v.period}`;
}
