/** The meeting routes the wall and the print page read (realtime/meetings). */
import type { MeetingContext, PrintJob } from '../../../contract/meeting-pack.ts';
import { apiGet, type ApiOptions } from '../api/client.ts';

export const getMeetingContext = (id: string, o: ApiOptions = {}) =>
  apiGet<MeetingContext>(`/api/meetings/${encodeURIComponent(id)}`, { cache: 'no-store', ...o });

/** The headless print page's job; its credential is a header the server's browser adds, never in the URL. */
export const getPrintJob = (id: string, o: ApiOptions = {}) =>
  apiGet<PrintJob>(`/api/exports/pdf/jobs/${encodeURIComponent(id)}`, { cache: 'no-store', ...o });
