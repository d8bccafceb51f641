/**
 * React side of the session (session.ts): `useSession()` for any page, and `useRequireUser()` for the
 * pages only a signed-in person may open (the tablet, /admin): without a session — or with a screen's
 * credential, or a first password still to change — the browser goes to the sign-in page with `?next=`
 * set to this page, and comes back after signing in.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { currentSession, refreshSession, subscribeSession, type SessionState, type UserSession } from './session.ts';
import { signInHref } from './next.ts';

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, currentSession);
}

export type RequiredUser =
  | { state: 'ready'; user: UserSession }
  /** Asking the server, or on the way to the sign-in page. */
  | { state: 'waiting' }
  | { state: 'error'; message: string; retry: () => void };

/** Where a page that needs a person sends the browser for this session state; null: stay. Pure. */
export function signInRedirect(s: SessionState, here: string): string | null {
  if (s.state === 'signed-out' || s.state === 'device') return signInHref(here);
  if (s.state === 'user' && s.user.mustChangePassword) return signInHref(here); // the home asks for a new password first
  return null;
}

const RETRY_MS = 5000;

export function useRequireUser(): RequiredUser {
  const s = useSession();
  const redirect = signInRedirect(s, `${window.location.pathname}${window.location.search}`);
  useEffect(() => {
    if (redirect) window.location.replace(redirect);
  }, [redirect]);
  // The server could not be asked: ask again now and then (a tablet waking up on a flaky network).
  const failed = s.state === 'error';
  useEffect(() => {
    if (!failed) return;
    const t = setInterval(() => void refreshSession(), RETRY_MS);
    return () => clearInterval(t);
  }, [failed]);
  if (redirect) return { state: 'waiting' };
  if (s.state === 'user') return { state: 'ready', user: s.user };
  if (s.state === 'error') return { state: 'error', message: s.message, retry: () => void refreshSession() };
  return { state: 'waiting' };
}
