/**
 * A note or an explanation request on one figure (POST /api/notes, contract/meetings.ts CreateNote),
 * addressed by the server to the indicator's reporting agency. The text is checked against the contract's
 * limit before sending; the server's refusal is shown as it says it.
 */
import { useState } from 'react';
import { CreateNoteSchema, NOTE_TEXT_MAX, type NoteKind } from '../../../contract/meetings.ts';
import { ApiError } from '../api/client.ts';
import { createNote } from './api.ts';

export function NoteDialog(p: {
  target: { indicator: string; area: string; period: string };
  title: string;
  meeting: string | null;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<NoteKind>('explanation');
  const [state, setState] = useState<{ s: 'idle' | 'sending' | 'sent' } | { s: 'error'; message: string }>({ s: 'idle' });
  const send = async () => {
    const body = CreateNoteSchema.safeParse({ ...p.target, text, kind, ...(p.meeting ? { meeting: p.meeting } : {}) });
    if (!body.success) return setState({ s: 'error', message: 'Nội dung trống hoặc quá dài' });
    setState({ s: 'sending' });
    try {
      await createNote(body.data);
      setState({ s: 'sent' });
    } catch (err) {
      setState({
        s: 'error',
        message: err instanceof ApiError ? `Không gửi được: ${err.message}` : 'Không liên lạc được máy chủ — thử lại',
      });
    }
  };
  return (
    <div className="t-dialog-backdrop">
      <div className="t-dialog" role="dialog" aria-modal="true" aria-label="Ghi chú" data-testid="note-dialog">
        <h2>{p.title}</h2>
        {state.s === 'sent' ? (
          <>
            <p data-testid="note-sent">Đã gửi tới cơ quan báo cáo số liệu.</p>
            <button type="button" className="tablet-button" onClick={p.onClose}>
              Đóng
            </button>
          </>
        ) : (
          <>
            <div className="t-period-kinds" role="radiogroup" aria-label="Loại">
              {(['explanation', 'note'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={kind === k}
                  className={`t-chip${kind === k ? ' t-chip--on' : ''}`}
                  onClick={() => setKind(k)}
                >
                  {k === 'explanation' ? 'Yêu cầu giải trình' : 'Ghi chú'}
                </button>
              ))}
            </div>
            <textarea
              value={text}
              maxLength={NOTE_TEXT_MAX}
              rows={5}
              onChange={(e) => setText(e.target.value)}
              placeholder="Nội dung…"
              data-testid="note-text"
            />
            <div className="t-dialog-actions">
              <button type="button" className="tablet-button" onClick={p.onClose}>
                Hủy
              </button>
              <button
                type="button"
                className="tablet-button tablet-button--primary"
                disabled={state.s === 'sending' || !text.trim()}
                onClick={() => void send()}
                data-testid="note-send"
              >
                Gửi
              </button>
            </div>
            {state.s === 'error' ? <p className="tone-bad">{state.message}</p> : null}
          </>
        )}
      </div>
    </div>
  );
}
