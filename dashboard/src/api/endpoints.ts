/**
 * The endpoints the dashboard calls, with their paths and the contract's body types in one place
 * (README "More events and endpoints"). Each takes the ApiOptions of client.ts (token, signal, cache).
 */
import type { CameraInfo } from '../../../contract/alerts.ts';
import type { HistoryPayload, MapValuesPayload, RejectedSummary, TabletPayload } from '../../../contract/http.ts';
import type { ScreenCommandRequest } from '../../../contract/messages.ts';
import type { ScreenState } from '../../../contract/http.ts';
import { apiGet, apiSend, type ApiOptions } from './client.ts';

const q = encodeURIComponent;

/** The camera registry. Unchecked beyond "a list": AlertFeed drops entries without an id. */
export async function getCameras(o: ApiOptions): Promise<CameraInfo[]> {
  const body = await apiGet<unknown>('/api/cameras', o);
  return Array.isArray(body) ? (body as CameraInfo[]) : [];
}

/** A screen's layout; `unknown` because live/screen.ts checks its shape before the wall uses it. */
export const getScreen = (screen: string, o: ApiOptions) => apiGet<unknown>(`/api/screens/${q(screen)}`, o);

export const getScreens = (o: ApiOptions) => apiGet<ScreenState[]>('/api/screens', o);

export const sendScreenCommand = (screen: string, cmd: ScreenCommandRequest, o: ApiOptions) =>
  apiSend('POST', `/api/screens/${q(screen)}/commands`, cmd, o);

export const getRejected = (o: ApiOptions) => apiGet<RejectedSummary>('/api/rejected', o);

export const getTablet = (o: ApiOptions) => apiGet<TabletPayload>('/api/tablet', o);

export const getHistory = (area: string, group: string, o: ApiOptions) =>
  apiGet<HistoryPayload>(`/api/tablet/history?area=${q(area)}&group=${q(group)}`, o);

export const getMapValues = (indicator: string, period: string, o: ApiOptions) =>
  apiGet<MapValuesPayload>(`/api/map/values?indicator=${q(indicator)}&period=${q(period)}`, o);
