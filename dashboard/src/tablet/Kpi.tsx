/**
 * A KPI tile (kpi.ts model): tap the tile to open it; tap "đã điều chỉnh" for the earlier figure,
 * "cần kiểm tra" for the broken rule, "Lịch sử số liệu" for its status path (status-path.ts); markers
 * when a request on the figure waits for its agency or has been answered (figure-notes.ts); a leader
 * writes a note or an explanation request from here (NoteDialog). Outside text renders as text.
 */
import { useState } from 'react';
import type { Note } from '../../../contract/meetings.ts';
import type { ValueHistoryItem } from '../../../contract/trust.ts';
import { apiGet } from '../api/client.ts';
import type { KpiModel } from './kpi.ts';
import { NoteDialog } from './NoteDialog.tsx';
import { noteLine, notesOfFigure, replyLine } from './figure-notes.ts';
import { type PathStep, statusPath } from './status-path.ts';

/** Reported periods have a history of their own; a roll-up (9 tháng, lũy kế) is computed, not reported. */
const REPORTED_PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/;

export function KpiTile(p: {
  name: string;
  model: KpiModel;
  big?: boolean;
  onOpen?: () => void;
  /** Open and answered notes (any figure: the tile picks its own). */
  notes: readonly Note[];
  canWrite: boolean;
  meeting: string | null;
  testId?: string;
}) {
  const m = p.model;
  const [detail, setDetail] = useState<'revised' | 'checks' | 'notes' | 'path' | null>(null);
  const [writing, setWriting] = useState(false);
  const [path, setPath] = useState<PathStep[] | 'loading' | 'failed' | null>(null);
  const notes = notesOfFigure(p.notes, m);
  const toggle = (d: 'revised' | 'checks' | 'notes' | 'path') => setDetail((cur) => (cur === d ? null : d));
  const showPath = () => {
    toggle('path');
    if (path !== null && path !== 'failed') return;
    setPath('loading');
    const q = new URLSearchParams({ indicator: m.indicator, area: m.area, period: m.period });
    apiGet<ValueHistoryItem[]>(`/api/values/history?${q.toString()}`, { cache: 'no-store' })
      .then((items) => setPath(statusPath(items, m.unit)))
      .catch(() => setPath('failed'));
  };
  return (
    <section
      className={`tkpi-tile${p.big ? ' tkpi-tile--big' : ''}`}
      data-testid={p.testId ?? 'kpi-tile'}
      data-indicator={m.indicator}
      data-area={m.area}
      data-period={m.period}
    >
      <div className="tkpi-head">
        {p.onOpen ? (
          <button type="button" className="tkpi-name tkpi-name--link" onClick={p.onOpen} data-testid="kpi-open">
            {p.name}
          </button>
        ) : (
          <h3 className="tkpi-name">{p.name}</h3>
        )}
        {notes.open.length ? (
          <button
            type="button"
            className="t-badge t-badge--note"
            onClick={() => toggle('notes')}
            data-testid="kpi-note-marker"
            aria-label="Có yêu cầu giải trình đang chờ trả lời"
          >
            ✉ {notes.open.length}
          </button>
        ) : null}
        {notes.answered.length ? (
          <button
            type="button"
            className="t-badge t-badge--answered"
            onClick={() => toggle('notes')}
            data-testid="kpi-answer-marker"
          >
            ✓ {notes.answered.length} đã trả lời
          </button>
        ) : null}
      </div>
      <div className="tkpi-period">{m.periodLabel}</div>
      <div className="tkpi-figure">
        <span className="tkpi-value" data-testid="kpi-value">
          {m.valueText}
        </span>{' '}
        <small>{m.unit}</small>
      </div>
      {m.incomplete ? (
        <div className="tkpi-incomplete" data-testid="kpi-incomplete">
          {m.incomplete}
        </div>
      ) : null}
      {m.note ? <div className="tkpi-sub">{m.note}</div> : null}
      <div className="tkpi-lines">
        {m.planText ? <span className={`tone-${m.planTone}`}>{m.planText}</span> : null}
        {m.yoyText ? (
          <span className={`tone-${m.yoyTone}`} data-testid="kpi-yoy">
            {m.yoyText}
          </span>
        ) : null}
      </div>
      <div className="tkpi-sub">{[m.statusText, m.asOfText].filter(Boolean).join(' · ')}</div>
      <div className="tkpi-flags">
        {m.revisions.length ? (
          <button type="button" className="t-badge t-badge--revised" onClick={() => toggle('revised')} data-testid="kpi-revised">
            đã điều chỉnh
          </button>
        ) : null}
        {m.checks.length ? (
          <button type="button" className="t-badge t-badge--check" onClick={() => toggle('checks')} data-testid="kpi-implausible">
            cần kiểm tra
          </button>
        ) : null}
        {REPORTED_PERIOD.test(m.period) ? (
          <button type="button" className="t-badge" onClick={showPath} data-testid="kpi-path">
            Lịch sử số liệu
          </button>
        ) : null}
        {p.canWrite ? (
          <button type="button" className="t-badge t-badge--write" onClick={() => setWriting(true)} data-testid="kpi-write-note">
            Ghi chú / yêu cầu giải trình
          </button>
        ) : null}
      </div>
      {detail === 'revised' ? (
        <ul className="tkpi-detail" data-testid="kpi-revised-detail">
          {m.revisions.map((r) => (
            <li key={r.period}>
              {r.periodLabel}: {r.text}
            </li>
          ))}
        </ul>
      ) : null}
      {detail === 'path' ? (
        <ol className="tkpi-detail" data-testid="kpi-path-detail">
          {path === 'loading' || path === null ? <li>Đang tải…</li> : null}
          {path === 'failed' ? <li>Không tải được lịch sử số liệu</li> : null}
          {Array.isArray(path) && path.length === 0 ? <li>Chưa có lịch sử cho kỳ này</li> : null}
          {Array.isArray(path)
            ? path.map((s, i) => (
                <li key={i} className={s.revision ? 'tkpi-path-revision' : undefined}>
                  {s.label}: {s.valueText} ({s.dateText})
                </li>
              ))
            : null}
        </ol>
      ) : null}
      {detail === 'checks' ? (
        <ul className="tkpi-detail">
          {m.checks.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      ) : null}
      {detail === 'notes' ? (
        <ul className="tkpi-detail" data-testid="kpi-notes-detail">
          {notes.shown.map((n) => (
            <li key={n.id} data-note-id={n.id}>
              {noteLine(n)}
              {n.replies.length ? (
                <ul className="tkpi-replies">
                  {n.replies.map((r) => (
                    <li key={r.id} data-testid="kpi-note-reply">
                      {replyLine(r)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {writing ? (
        <NoteDialog
          target={{ indicator: m.indicator, area: m.area, period: m.period }}
          title={`${p.name} · ${m.periodLabel}`}
          meeting={p.meeting}
          onClose={() => setWriting(false)}
        />
      ) : null}
    </section>
  );
}
