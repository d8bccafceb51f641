/**
 * `staff:alert` (a data source went silent, or came back) shown to staff at the top of the workspace,
 * newest first, until dismissed — so staff see which source is late before a leader does. The server
 * raises one per change, never a flood; the list keeps the last few. Shapes are checked: a wrong message
 * is dropped, and every text is rendered as text.
 */
import { useEffect, useState } from 'react';
import type { LiveClient } from '../live/client.ts';

export interface StaffAlertView {
  kind: 'source-silent' | 'source-recovered';
  source: string;
  message: string;
  at: string;
}

export function asStaffAlert(x: unknown): StaffAlertView | null {
  if (!x || typeof x !== 'object') return null;
  const a = x as Record<string, unknown>;
  if (a.kind !== 'source-silent' && a.kind !== 'source-recovered') return null;
  if (typeof a.source !== 'string' || typeof a.message !== 'string' || typeof a.at !== 'string') return null;
  return { kind: a.kind, source: a.source.slice(0, 200), message: a.message.slice(0, 500), at: a.at };
}

/** A recovery replaces the same source's silence; at most `max` kept. Pure. */
export function addAlert(list: readonly StaffAlertView[], a: StaffAlertView, max = 5): StaffAlertView[] {
  const rest = list.filter((x) => x.source !== a.source);
  return [a, ...rest].slice(0, max);
}

type LooseSocket = { on(e: string, f: (a: unknown) => void): void; off(e: string, f: (a: unknown) => void): void };

export function StaffAlerts({ client }: { client: LiveClient }) {
  const [alerts, setAlerts] = useState<StaffAlertView[]>([]);
  useEffect(() => {
    const socket = client.socket as unknown as LooseSocket;
    const on = (raw: unknown) => {
      const a = asStaffAlert(raw);
      if (a) setAlerts((l) => addAlert(l, a));
    };
    socket.on('staff:alert', on);
    return () => socket.off('staff:alert', on);
  }, [client]);
  if (!alerts.length) return null;
  return (
    <ul className="ws-staff-alerts" data-testid="ws-staff-alerts">
      {alerts.map((a) => (
        <li
          key={`${a.source}-${a.at}`}
          role={a.kind === 'source-silent' ? 'alert' : 'status'}
          className={`ws-staff-alert is-${a.kind}`}
        >
          <span aria-hidden="true">{a.kind === 'source-silent' ? '⛔' : '✓'}</span> {a.message}{' '}
          <button type="button" className="adm-button adm-quiet" onClick={() => setAlerts((l) => l.filter((x) => x !== a))}>
            Đóng
          </button>
        </li>
      ))}
    </ul>
  );
}
