/**
 * The tablet's side of a meeting (ARCHITECTURE.md "Meetings"), on the page's one socket: start, list,
 * join, navigate (presenter), freeze/unfreeze, hand over, end, leave. The follow/browse/present rules
 * are follow.ts; this hook only feeds it and carries out its answers. A tablet that reconnects (or
 * reloads with `?m=<id>`) joins again and comes back to the meeting's current view.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { MeetingState, View } from '../../../contract/meetings.ts';
import type { LiveClient } from '../live/client.ts';
import { SOLO, step, type FollowEvent, type FollowState } from './follow.ts';

type AckBody<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const ACK_TIMEOUT_MS = 10_000;

const ERRORS_VI: Record<string, string> = {
  forbidden: 'Không có quyền thực hiện',
  'not-found': 'Cuộc họp không còn diễn ra',
  'invalid-payload': 'Yêu cầu không hợp lệ',
  'unknown-group': 'Nhóm chỉ tiêu không có trên máy chủ',
  'unknown-indicator': 'Chỉ tiêu không có trên máy chủ',
  'unknown-area': 'Địa bàn không có trên máy chủ',
  'bad-period': 'Kỳ số liệu không hợp lệ',
};

export interface MeetingControls {
  follow: FollowState;
  error: string | null;
  start(title: string, displays: string[]): Promise<boolean>;
  list(): Promise<MeetingState[]>;
  join(id: string): Promise<boolean>;
  /** The page opened something: sent when presenting, browsing when following. */
  navigated(view: View | null): void;
  returnToPresenter(): void;
  leave(): void;
  freeze(): void;
  unfreeze(): void;
  handover(to: string): void;
  end(): void;
}

export function useMeeting(
  client: LiveClient,
  me: string,
  initialId: string | null,
  show: (view: View) => void,
): MeetingControls {
  // The meeting events are not in every build's contract maps yet: a loosely typed view of the same socket.
  const socket = client.socket as unknown as Socket;
  const [follow, setFollow] = useState<FollowState>(SOLO);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<FollowState>(SOLO);
  const showRef = useRef(show);
  useEffect(() => {
    showRef.current = show;
  }, [show]);
  const wantId = useRef<string | null>(initialId);

  const dispatch = useCallback(
    function apply(e: FollowEvent) {
      const r = step(ref.current, e);
      ref.current = r.state;
      setFollow(r.state);
      wantId.current = r.state.mode === 'solo' ? null : r.state.meeting.id;
      if (r.show) showRef.current(r.show);
      if (r.send && r.state.mode === 'presenting') {
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emit(
            'meeting:navigate',
            { id: r.state.meeting.id, view: r.send },
            (err: Error | null, res: AckBody<MeetingState> | undefined) => {
              if (err || !res || !res.ok) {
                apply({ type: 'unsent' });
                return setError(
                  !err && res && !res.ok ? (ERRORS_VI[res.error.code] ?? res.error.message) : 'Máy chủ không trả lời — thử lại',
                );
              }
              setError(null);
              apply({ type: 'state', meeting: res.data, me });
            },
          );
      }
    },
    [socket, me],
  );

  const emit = useCallback(
    <T>(event: string, body: unknown): Promise<T | null> =>
      new Promise((resolve) => {
        const args: unknown[] = body === undefined ? [] : [body];
        socket.timeout(ACK_TIMEOUT_MS).emit(event, ...args, (err: Error | null, res: AckBody<T> | undefined) => {
          if (err || !res) {
            setError('Máy chủ không trả lời — thử lại');
            resolve(null);
          } else if (!res.ok) {
            setError(ERRORS_VI[res.error.code] ?? res.error.message);
            resolve(null);
          } else {
            setError(null);
            resolve(res.data);
          }
        });
      }),
    [socket],
  );

  const join = useCallback(
    async (id: string) => {
      const m = await emit<MeetingState>('meeting:join', { id });
      if (!m) {
        if (wantId.current === id && ref.current.mode === 'solo') wantId.current = null;
        return false;
      }
      dispatch({ type: 'state', meeting: m, me });
      return true;
    },
    [emit, dispatch, me],
  );

  useEffect(() => {
    const onState = (m: MeetingState) => {
      if (m && typeof m.id === 'string' && typeof m.version === 'number') dispatch({ type: 'state', meeting: m, me });
    };
    // Back after a drop or a reload: join again, which answers with the meeting's current state.
    const onConnect = () => {
      if (wantId.current) void join(wantId.current);
    };
    socket.on('meeting:state', onState);
    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off('meeting:state', onState);
      socket.off('connect', onConnect);
    };
  }, [socket, dispatch, join, me]);

  // While frozen, the figures are the meeting's (group:subscribe { groups, meeting }).
  const frozenId = follow.mode !== 'solo' && follow.meeting.frozenAt ? follow.meeting.id : null;
  useEffect(() => client.setMeeting(frozenId), [client, frozenId]);

  // Stable, so a page can wait on it in an effect.
  const navigated = useCallback((view: View | null) => dispatch({ type: 'navigate', view }), [dispatch]);

  const idOf = () => (ref.current.mode === 'solo' ? null : ref.current.meeting.id);
  const control = (event: string, extra: Record<string, unknown> = {}) => {
    const id = idOf();
    if (!id) return;
    void emit<MeetingState>(event, { id, ...extra }).then((m) => m && dispatch({ type: 'state', meeting: m, me }));
  };

  return {
    follow,
    error,
    async start(title, displays) {
      const m = await emit<MeetingState>('meeting:start', { title, displays });
      if (m) dispatch({ type: 'state', meeting: m, me });
      return m !== null;
    },
    async list() {
      return (await emit<MeetingState[]>('meeting:list', undefined)) ?? [];
    },
    join,
    navigated,
    returnToPresenter: () => dispatch({ type: 'return' }),
    leave() {
      const id = idOf();
      if (id) socket.emit('meeting:leave', { id });
      dispatch({ type: 'leave' });
    },
    freeze: () => control('meeting:freeze'),
    unfreeze: () => control('meeting:unfreeze'),
    handover: (to) => control('meeting:handover', { to }),
    end: () => control('meeting:end'),
  };
}
