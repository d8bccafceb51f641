/**
 * Building blocks shared by the config schemas. `.strict()` everywhere: a mistyped key is an error that
 * names it, not a setting silently ignored.
 */
import { z } from 'zod';

export const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, "-" or "_", starting with a letter');
export const indicatorId = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/, 'an indicator id such as budget.revenue_total');
export const areaCode = z.string().regex(/^\d{2}$|^\d{5}$/, 'a 2-digit province or 5-digit commune code, in quotes');
