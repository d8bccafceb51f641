/**
 * The views of the meeting this tablet is in (pack.ts), kept for the tab's life in sessionStorage so a
 * reload mid-meeting keeps the pack; names of views only, never figures. A new meeting starts empty.
 */
import { useEffect, useState } from 'react';
import type { View } from '../../../contract/meetings.ts';
import { addView, viewKey } from './pack.ts';

const KEY = (meeting: string) => `ioc.pack.${meeting}`;

function stored(meeting: string): readonly View[] {
  try {
    const raw = sessionStorage.getItem(KEY(meeting));
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? (list as View[]) : [];
  } catch {
    return [];
  }
}

export function useMeetingPack(meeting: string | null, view: View | null): readonly View[] {
  const [pack, setPack] = useState<{ meeting: string | null; key: string | null; views: readonly View[] }>({
    meeting: null,
    key: null,
    views: [],
  });
  const key = view ? viewKey(view) : null;
  // Derived while rendering (React's "adjusting state when a prop changes"): each new view of the meeting.
  if (meeting && (pack.meeting !== meeting || pack.key !== key)) {
    const base = pack.meeting === meeting ? pack.views : stored(meeting);
    setPack({ meeting, key, views: addView(base, view) });
  }
  useEffect(() => {
    if (!pack.meeting) return;
    try {
      sessionStorage.setItem(KEY(pack.meeting), JSON.stringify(pack.views));
    } catch {
      // storage full or off: the pack lives in memory only
    }
  }, [pack]);
  return pack.meeting === meeting ? pack.views : [];
}
