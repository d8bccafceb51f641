/**
 * The notes on one figure, as its tablet tile shows them: the requests still waiting (a marker that
 * says so) and those the agency has answered (a marker to read the answer, which a chairman wants on
 * the figure, not on another page). Closed notes are settled and not shown. Pure.
 */
import type { Note, NoteReply } from '../../../contract/meetings.ts';
import { formatDateVi, formatTimeVi, parseInstant } from '../format/vi.ts';
import { KIND_VI, STATUS_VI } from '../notes/model.ts';

export interface FigureNotes {
  open: Note[];
  answered: Note[];
  /** Open and answered, newest first. */
  shown: Note[];
}

export function notesOfFigure(notes: readonly Note[], figure: { indicator: string; area: string; period: string }): FigureNotes {
  const shown = notes
    .filter((n) => n.indicator === figure.indicator && n.area === figure.area && n.period === figure.period)
    .filter((n) => n.status === 'open' || n.status === 'answered')
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return {
    open: shown.filter((n) => n.status === 'open'),
    answered: shown.filter((n) => n.status === 'answered'),
    shown,
  };
}

const when = (iso: string) => {
  const d = parseInstant(iso);
  return d ? `${formatTimeVi(d)}, ${formatDateVi(d)}` : '';
};

/** `Yêu cầu giải trình gửi STC · Đã trả lời — Lãnh đạo UBND tỉnh: Vì sao …` */
export const noteLine = (n: Note): string =>
  `${KIND_VI[n.kind]} gửi ${n.reporter} · ${STATUS_VI[n.status]} — ${n.author.name}: ${n.text}`;

/** `Trả lời của Sở Tài chính (10:30, 03/12/2026): Do tiền sử dụng đất …` */
export const replyLine = (r: NoteReply): string => `Trả lời của ${r.author.name} (${when(r.at)}): ${r.text}`;
