/**
 * A KPI tile (kpi.ts model): tap the tile to open it; tap "đã điều chỉnh" for the earlier figure,
 * "cần kiểm tra" for the broken rule; a marker when an explanation request is open on the figure; a
 * leader writes a note or an explanation request from here (NoteDialog). Outside text renders as text.
 */
import { useState } from 'react';
import type { Note } from '../../../contract/meetings.ts';
import type { KpiModel } from './kpi.ts';
import { NoteDialog } from './NoteDialog.tsx';

export function KpiTile(p: {
  name: string;
  model: KpiModel;
  big?: boolean;
  onOpen?: () => void;
  openNotes: readonly Note[];
  canWrite: boolean;
  meeting: string | null;
  testId?: string;
}) {
  const m = p.model;
  const [detail, setDetail] = useState<'revised' | 'checks' | 'notes' | null>(null);
  const [writing, setWriting] = useState(false);
  const notes = p.openNotes.filter((n) => n.indicator === m.indicator && n.area === m.area && n.period === m.period);
  const toggle = (d: 'revised' | 'checks' | 'notes') => setDetail((cur) => (cur === d ? null : d));
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
          <button type="button" className="tkpi-name kpi-name--link" onClick={p.onOpen} data-testid="kpi-open">
            {p.name}
          </button>
        ) : (
          <h3 className="tkpi-name">{p.name}</h3>
        )}
        {notes.length ? (
          <button
            type="button"
            className="t-badge t-badge--note"
            onClick={() => toggle('notes')}
            data-testid="kpi-note-marker"
            aria-label="Có yêu cầu giải trình đang mở"
          >
            ✉ {notes.length}
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
      {detail === 'checks' ? (
        <ul className="tkpi-detail">
          {m.checks.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      ) : null}
      {detail === 'notes' ? (
        <ul className="tkpi-detail" data-testid="kpi-notes-detail">
          {notes.map((n) => (
            <li key={n.id}>
              {n.kind === 'explanation' ? 'Yêu cầu giải trình' : 'Ghi chú'} gửi {n.reporter} — {n.author.name}: {n.text}
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
