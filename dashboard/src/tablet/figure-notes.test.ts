import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Note } from '../../../contract/meetings.ts';
import { noteLine, notesOfFigure, replyLine } from './figure-notes.ts';

const figure = { indicator: 'budget.revenue_total', area: '22333', period: '2026-10' };
const note = (id: string, over: Partial<Note> = {}): Note => ({
  id,
  ...figure,
  kind: 'explanation',
  status: 'open',
  reporter: 'STC',
  text: 'Vì sao thấp? <i>khẩn</i>',
  author: { id: 'lanh-dao', name: 'Lãnh đạo UBND tỉnh' },
  meeting: null,
  createdAt: `2026-12-0${id}T02:00:00.000Z`,
  updatedAt: `2026-12-0${id}T02:00:00.000Z`,
  replies: [],
  ...over,
});

test("a figure's notes: open and answered ones of that figure only, newest first; closed ones are settled", () => {
  const notes = [
    note('1'),
    note('2', { status: 'answered' }),
    note('3', { status: 'closed' }),
    note('4', { area: '22780' }),
    note('5', { period: '2026-Q3' }),
    note('6', { indicator: 'budget.revenue_domestic' }),
    note('7'),
  ];
  const table: [what: string, pick: (f: ReturnType<typeof notesOfFigure>) => Note[], ids: string[]][] = [
    ['waiting', (f) => f.open, ['7', '1']],
    ['answered', (f) => f.answered, ['2']],
    ['shown', (f) => f.shown, ['7', '2', '1']],
  ];
  const f = notesOfFigure(notes, figure);
  for (const [what, pick, ids] of table)
    assert.deepEqual(
      pick(f).map((n) => n.id),
      ids,
      what,
    );
  assert.deepEqual(notesOfFigure([], figure), { open: [], answered: [], shown: [] });
});

test('the lines say kind, agency, status, who and what — markup as typed, the reply with its time in Vietnam', () => {
  assert.equal(
    noteLine(note('2', { status: 'answered' })),
    'Yêu cầu giải trình gửi STC · Đã trả lời — Lãnh đạo UBND tỉnh: Vì sao thấp? <i>khẩn</i>',
  );
  assert.equal(
    noteLine(note('1', { kind: 'note' })),
    'Ghi chú gửi STC · Chờ trả lời — Lãnh đạo UBND tỉnh: Vì sao thấp? <i>khẩn</i>',
  );
  assert.equal(
    replyLine({ id: 'r', author: { id: 'stc', name: 'Sở Tài chính' }, text: 'Do thu chậm.', at: '2026-12-03T03:30:00.000Z' }),
    'Trả lời của Sở Tài chính (10:30, 03/12/2026): Do thu chậm.',
  );
});
