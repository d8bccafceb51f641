/**
 * The identity and workspace endpoints the staff desk calls, on the dashboard's one API client. No token
 * anywhere: the browser's session cookie carries the credential (same origin), so every function takes
 * only what the request needs and an optional AbortSignal.
 */
import type { GroupInfo, ProvinceInfo, TabletPayload } from '../../../contract/http.ts';
import type {
  AuditPage,
  CreateUserRequest,
  DeviceInfo,
  EnrolRequest,
  HomePayload,
  SessionInfo,
  UpdateUserRequest,
  UserInfo,
} from '../../../contract/identity.ts';
import { apiGet, apiSend, type ApiOptions } from '../api/client.ts';

const q = encodeURIComponent;
const opts = (signal?: AbortSignal): ApiOptions => (signal ? { signal, cache: 'no-store' } : { cache: 'no-store' });

export const getSession = (signal?: AbortSignal) => apiGet<SessionInfo>('/api/session', opts(signal));
export const signOut = () => apiSend('DELETE', '/api/session', undefined);

export const getHome = (signal?: AbortSignal) => apiGet<HomePayload>('/api/home', opts(signal));
export const getGroups = (signal?: AbortSignal) => apiGet<GroupInfo[]>('/api/groups', opts(signal));
/** The province and its communes, as the tablet gets them (an admin's scope covers all of them). */
export const getProvince = async (signal?: AbortSignal): Promise<ProvinceInfo> =>
  (await apiGet<TabletPayload>('/api/tablet', opts(signal))).province;

export const getDevices = (revoked: boolean, signal?: AbortSignal) =>
  apiGet<DeviceInfo[]>(revoked ? '/api/devices?revoked=1' : '/api/devices', opts(signal));
export const enrolDevice = async (body: EnrolRequest) => (await apiSend<DeviceInfo>('POST', '/api/devices', body))!;
export const revokeDevice = (id: string) => apiSend('DELETE', `/api/devices/${q(id)}`, undefined);

export const getUsers = (signal?: AbortSignal) => apiGet<UserInfo[]>('/api/users', opts(signal));
export const createUser = async (body: CreateUserRequest) => (await apiSend<UserInfo>('POST', '/api/users', body))!;
export const updateUser = async (id: string, body: UpdateUserRequest) =>
  (await apiSend<UserInfo>('PATCH', `/api/users/${q(id)}`, body))!;
export const resetPassword = (id: string, password: string) => apiSend('POST', `/api/users/${q(id)}/password`, { password });

/** `query` is the query string from audit-model.ts auditQueryString (without `?`). */
export const getAudit = (query: string, signal?: AbortSignal) =>
  apiGet<AuditPage>(query ? `/api/audit?${query}` : '/api/audit', opts(signal));
