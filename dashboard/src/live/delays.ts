/**
 * The live connection's retry delays, from the one backoff formula (contract/backoff.ts: attempt 1 waits
 * about `baseMs`, ±20 % jitter so a wall of screens does not retry in lock-step). `failures` counts the
 * failures so far, from 1.
 */
import { backoffMs } from '../../../contract/backoff.ts';

type Random = () => number;

/** The server closed the socket on purpose (restart, kick): socket.io does not retry by itself. ≈ 2 s. */
export const afterServerCloseMs = (random?: Random) => backoffMs(2, { random });

/** A middleware refused the handshake for another reason than the token. ≈ 8 s. */
export const afterRefusalMs = (random?: Random) => backoffMs(4, { random });

/** A group's subscription failed `failures` times: 2 s, 4 s, … up to a minute. */
export const resubscribeMs = (failures: number, random?: Random) => backoffMs(failures, { baseMs: 2000, maxMs: 60_000, random });

/** The screen's layout could not be loaded `failures` times: 1 s, 2 s, … up to 30 s. */
export const screenRetryMs = (failures: number, random?: Random) => backoffMs(failures, { baseMs: 1000, maxMs: 30_000, random });
