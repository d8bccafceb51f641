/**
 * Imported first by main.tsx. Zod probes `new Function` when it builds a schema (its fast path); under the
 * pages' Content-Security-Policy (no 'unsafe-eval') the probe is blocked — caught by zod, but reported as
 * a CSP violation all the same. The dashboard only reaches zod through contract/ modules (e.g.
 * passwordProblems beside the identity schemas), so it never needs the fast path: turn it off before any
 * schema is built. Only zod's config object comes into the entry chunk.
 */
import { config } from 'zod';

config({ jitless: true });
