/**
 * The endpoints the dashboard calls, with their paths and the contract's body types in one place
 * (README "More events and endpoints", ARCHITECTURE.md "Identity and scope"). Each takes the ApiOptions of
 * client.ts (signal, cache); the cookie is the credential.
 */
import type { CameraInfo } from '../../../contract/alerts.ts';
import type { HistoryPayload, MapValuesPayload, RejectedSummary, TabletPayload } from '../../../contract/http.ts';
import type { ScreenCommandRequest } from '../../../contract/messages.ts';
import type { ScreenState } from '../../../contract/http.ts';
import type {
  ChangePasswordRequest,
  HomePayload,
  PairingClaim,
  PairingStart,
  SessionInfo,
  SignInRequest,
} from '../../../contract/identity.ts';
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

// ---- Identity: sign-in, the session, home links, pairing ----------------------------------------

/** Who the page is: a signed-in person or a paired screen. 401 (ApiError) when neither. */
export const getSession = (o: ApiOptions = {}) => apiGet<SessionInfo>('/api/session', { cache: 'no-store', ...o });

/** 204 and the `ioc_session` cookie; ApiError 401 invalid-credentials, 429 throttled (retryAfterS). */
export const signIn = (body: SignInRequest, o: ApiOptions = {}) => apiSend('POST', '/api/session', body, o);

export const signOut = (o: ApiOptions = {}) => apiSend('DELETE', '/api/session', undefined, o);

/** 204; ApiError 400 wrong-password or weak-password (its message: the problems, in Vietnamese). */
export const changePassword = (body: ChangePasswordRequest, o: ApiOptions = {}) =>
  apiSend('PUT', '/api/session/password', body, o);

export const getHome = (o: ApiOptions = {}) => apiGet<HomePayload>('/api/home', { cache: 'no-store', ...o });

/** A screen with no credential asks for a code to show. */
export async function startPairing(o: ApiOptions = {}): Promise<PairingStart> {
  const body = await apiSend<PairingStart>('POST', '/api/pairings', {}, o);
  if (!body || typeof body.pairingId !== 'string' || typeof body.code !== 'string' || typeof body.claimSecret !== 'string')
    throw new SyntaxError('not a pairing');
  return body;
}

/** Has staff enrolled the code yet? `paired` comes with the HttpOnly `ioc_device` cookie. */
export async function claimPairing(pairingId: string, claimSecret: string, o: ApiOptions = {}): Promise<PairingClaim> {
  const body = await apiSend<PairingClaim>('POST', `/api/pairings/${q(pairingId)}/claim`, { claimSecret }, o);
  if (!body || (body.status !== 'waiting' && body.status !== 'paired' && body.status !== 'expired'))
    throw new SyntaxError('not a pairing claim');
  return body;
}
