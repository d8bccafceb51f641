/**
 * Notes and explanation requests (/notes). Leaders and staff: every note in their scope with its status,
 * filtered by status, closed or reopened with one tap. An agency's users: their inbox, each request with a
 * reply box. Live: `note:changed` over the page's socket folds into the list; a reconnect reloads it.
 * Every text (the note, the replies, names) is rendered as a text node, never as markup.
 */
import { useEffect, useMemo, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../contract/messages.ts';
import { NOTE_TEXT_MAX, type Note, type NoteStatus } from '../../../contract/meetings.ts';
import { ApiError } from '../api/client.ts';
import { useRequireUser } from '../session/useSession.ts';
import type { UserSession } from '../session/session.ts';
import { getAreaNames, getIndicatorNames, getNotes, replyToNote, setNoteStatus } from './api.ts';
import {
  KIND_VI,
  STATUS_VI,
  filterByStatus,
  isInbox,
  mayReply,
  mergeNote,
  periodVi,
  statusActions,
  timeVi,
  type Viewer,
} from './model.ts';
import './notes.css';

type Load = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string };
const FILTERS: (NoteStatus | 'all')[] = ['open', 'answered', 'closed', 'all'];
const FILTER_VI: Record<NoteStatus | 'all', string> = { ...STATUS_VI, all: 'Tất cả' };

export default function NotesPage() {
  const who = useRequireUser();
  useEffect(() => {
    document.title = 'Ghi chú và yêu cầu giải trình · Trung tâm điều hành';
  }, []);
  if (who.state === 'error')
    return (
      <main className="notes notes-notice">
        <h1>Không liên lạc được máy chủ</h1>
        <p>{who.message} — đang thử lại.</p>
      </main>
    );
  if (who.state === 'waiting') return <main className="notes notes-notice">Đang kiểm tra đăng nhập…</main>;
  return <SignedInNotes user={who.user} />;
}

function errorVi(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return 'Tài khoản của bạn không có quyền với ghi chú này.';
    if (err.status === 413) return 'Nội dung quá dài.';
    if (err.code === 'invalid-payload') return `Nội dung không hợp lệ (tối đa ${NOTE_TEXT_MAX.toLocaleString('vi-VN')} ký tự).`;
    return err.message;
  }
  return 'Không gửi được: mất kết nối với máy chủ.';
}

function SignedInNotes({ user }: { user: UserSession }) {
  const viewer: Viewer = { id: user.id, role: user.role, agency: user.agency ?? null };
  const inbox = isInbox(viewer);
  const [notes, setNotes] = useState<Note[]>([]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [areaNames, setAreaNames] = useState<Map<string, string>>(new Map());
  const [filter, setFilter] = useState<NoteStatus | 'all'>(inbox ? 'all' : 'open');
  const [live, setLive] = useState(false);

  useEffect(() => {
    let alive = true;
    const reload = () =>
      getNotes().then(
        (list) => {
          if (!alive) return;
          setNotes(list);
          setLoad({ state: 'ready' });
        },
        (err: unknown) => alive && setLoad({ state: 'error', message: errorVi(err) }),
      );
    // Names only decorate the list: without them it shows the codes.
    void getIndicatorNames().then(
      (m) => alive && setNames(m),
      () => {},
    );
    void getAreaNames().then(
      (m) => alive && setAreaNames(m),
      () => {},
    );
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ reconnectionDelayMax: 10_000 });
    socket.on('connect', () => {
      setLive(true);
      void reload(); // what changed while disconnected
    });
    socket.on('disconnect', () => setLive(false));
    socket.on('note:changed', (n) => setNotes((list) => mergeNote(list, n)));
    void reload();
    return () => {
      alive = false;
      socket.disconnect();
    };
  }, []);

  const shown = useMemo(() => filterByStatus(notes, filter), [notes, filter]);
  const counts = useMemo(() => new Map(FILTERS.map((f) => [f, filterByStatus(notes, f).length])), [notes]);
  const changed = (n: Note) => setNotes((list) => mergeNote(list, n));

  return (
    <main className="notes" data-testid="notes-page">
      <header className="notes-head">
        <a className="notes-back" href="/">
          ← Trang chủ
        </a>
        <h1>{inbox ? `Yêu cầu gửi ${user.name}` : 'Ghi chú và yêu cầu giải trình'}</h1>
        <span className={live ? 'notes-live notes-live--on' : 'notes-live'}>{live ? 'Trực tuyến' : 'Mất kết nối'}</span>
      </header>
      <nav className="notes-filters" aria-label="Lọc theo trạng thái">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? 'notes-filter notes-filter--on' : 'notes-filter'}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {FILTER_VI[f]} ({counts.get(f) ?? 0})
          </button>
        ))}
      </nav>
      {load.state === 'loading' && <p className="notes-empty">Đang tải…</p>}
      {load.state === 'error' && <p className="notes-error">{load.message}</p>}
      {load.state === 'ready' && shown.length === 0 && <p className="notes-empty">Không có ghi chú nào.</p>}
      <ul className="notes-list">
        {shown.map((n) => (
          <NoteCard
            key={n.id}
            note={n}
            viewer={viewer}
            indicatorName={names.get(n.indicator) ?? n.indicator}
            areaName={areaNames.get(n.area) ?? n.area}
            onChanged={changed}
          />
        ))}
      </ul>
    </main>
  );
}

function NoteCard(props: { note: Note; viewer: Viewer; indicatorName: string; areaName: string; onChanged: (n: Note) => void }) {
  const { note: n, viewer } = props;
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (run: () => Promise<Note | null>) => {
    setBusy(true);
    setError(null);
    try {
      const out = await run();
      if (out) props.onChanged(out);
      return true;
    } catch (err) {
      setError(errorVi(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    const text = draft.trim();
    if (!text) return;
    if (await act(() => replyToNote(n.id, text))) setDraft('');
  };
  return (
    <li className={`note note--${n.status}`} data-testid="note" data-note-id={n.id}>
      <div className="note-top">
        <span className="note-kind">{KIND_VI[n.kind]}</span>
        <span className={`note-status note-status--${n.status}`} data-testid="note-status">
          {STATUS_VI[n.status]}
        </span>
      </div>
      <div className="note-figure">
        {props.indicatorName} · {props.areaName} · {periodVi(n.period)} · gửi {n.reporter}
      </div>
      <p className="note-text" data-testid="note-text">
        {n.text}
      </p>
      <div className="note-meta">
        {n.author.name} · {timeVi(n.createdAt)}
      </div>
      {n.replies.length > 0 && (
        <ol className="note-replies">
          {n.replies.map((r) => (
            <li key={r.id} className="note-reply" data-testid="note-reply">
              <p className="note-text">{r.text}</p>
              <div className="note-meta">
                {r.author.name} · {timeVi(r.at)}
              </div>
            </li>
          ))}
        </ol>
      )}
      {mayReply(viewer, n) && (
        <form
          className="note-reply-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label className="note-reply-label">
            Trả lời
            <textarea
              value={draft}
              maxLength={NOTE_TEXT_MAX}
              rows={3}
              onChange={(e) => setDraft(e.target.value)}
              data-testid="note-reply-text"
            />
          </label>
          <button type="submit" className="notes-button" disabled={busy || !draft.trim()}>
            Gửi trả lời
          </button>
        </form>
      )}
      <div className="note-actions">
        {statusActions(viewer, n).map((a) => (
          <button
            key={a.status}
            type="button"
            className="notes-button notes-button--plain"
            disabled={busy}
            onClick={() => void act(() => setNoteStatus(n.id, a.status))}
          >
            {a.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="notes-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
