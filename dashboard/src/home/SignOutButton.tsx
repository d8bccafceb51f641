/**
 * "Đăng xuất": ends the session on the server (DELETE /api/session), then the sign-in form — here
 * (`onSignedOut`, the home) or at `/` (any other page).
 */
import { useState } from 'react';
import { signOut } from '../api/endpoints.ts';
import { markSignedOut } from '../session/session.ts';
import { wipeDeviceData } from '../session/device-data.ts';

export function SignOutButton({ className, onSignedOut }: { className?: string; onSignedOut?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const click = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await signOut();
      await wipeDeviceData(); // the tablet's cached figures belong to the person leaving
      if (onSignedOut) {
        markSignedOut();
        onSignedOut();
      } else {
        // Leaving for the sign-in page: the page's own "no session → sign in and come back" stays out of it.
        window.location.assign('/');
      }
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={className}
      onClick={() => void click()}
      disabled={busy}
      data-testid="sign-out"
      title={failed ? 'Không liên lạc được máy chủ — bấm để thử lại' : undefined}
    >
      {failed ? 'Đăng xuất (thử lại)' : 'Đăng xuất'}
    </button>
  );
}
