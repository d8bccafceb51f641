/** The meeting routes the wall and the print page read (realtime/meetings). */
import type { MeetingContext, MeetingRollupPayload, PrintJob } from '../../../contract/meeting-pack.ts';
import { apiGet, type ApiOptions } from '../api/client.ts';

export const getMeetingContext = (id: string, o: ApiOptions = {}) =>
  apiGet<MeetingContext>(`/api/meetings/${encodeURIComponent(id)}`, { cache: 'no-store', ...o });

/** The headless print page's job; its credential is a header the server's browser adds, never in the URL. */
export const getPrintJob = (id: string, o: ApiOptions = {}) =>
  apiGet<PrintJob>(`/api/exports/pdf/jobs/${encodeURIComponent(id)}`, { cache: 'no-store', ...o });

/** Every area's roll-up of one indicator for a period the presenter picked; frozen while the meeting is. */
export const getMeetingRollup = (id: string, indicator: string, period: string, o: ApiOptions = {}) =>
  apiGet<MeetingRollupPayload>(
    `/api/meetings/${encodeURIComponent(id)}/rollup?indicator=${encodeURIComponent(indicator)}&period=${encodeURIComponent(period)}`,
    { cache: 'no-store', ...o },
  );
