/**
 * Notes and explanation requests (migration 0003): a leader's note on a figure, addressed to the
 * indicator's reporting agency, and the replies to it. The repository checks nothing about who asks:
 * realtime/access.ts decides that; this stores and reads, newest first, one bounded page at a time.
 */
import { randomUUID } from 'node:crypto';
import type { MeetingMember, Note, NoteKind, NoteReply, NoteStatus } from '../contract/meetings.ts';
import type { TransactionalDb } from './db.ts';
import { systemClock, type Clock } from './credentials.ts';

export interface NewNote {
  indicator: string;
  /** The indicator's group (scope filters by it). */
  group: string;
  area: string;
  period: string;
  kind: NoteKind;
  reporter: string;
  text: string;
  author: MeetingMember;
  meeting: string | null;
}

export interface NoteFilter {
  status?: NoteStatus;
  reporter?: string;
  indicator?: string;
  area?: string;
  period?: string;
  /** The caller's scope: '*' or the groups / areas it reads. */
  groups?: readonly string[] | '*';
  areas?: readonly string[] | '*';
  limit: number;
}

export interface NoteRepo {
  create(n: NewNote): Promise<Note>;
  get(id: string): Promise<(Note & { group: string }) | null>;
  list(f: NoteFilter): Promise<Note[]>;
  /** Adds a reply and, when given, sets the status in the same transaction; null when there is no such note. */
  reply(id: string, r: { author: MeetingMember; text: string }, status?: NoteStatus): Promise<Note | null>;
  setStatus(id: string, status: NoteStatus): Promise<Note | null>;
}

interface NoteRow {
  id: string;
  indicator: string;
  grp: string;
  area: string;
  period: string;
  kind: NoteKind;
  status: NoteStatus;
  reporter: string;
  text: string;
  author_id: string;
  author_name: string;
  meeting: string | null;
  created_at: Date;
  updated_at: Date;
}
interface ReplyRow {
  id: string;
  note_id: string;
  author_id: string;
  author_name: string;
  text: string;
  at: Date;
}

const COLUMNS = `id::text as id, indicator, grp, area, period, kind, status, reporter, text, author_id, author_name,
  meeting, created_at, updated_at`;

const toNote = (r: NoteRow, replies: NoteReply[]): Note & { group: string } => ({
  id: r.id,
  indicator: r.indicator,
  group: r.grp,
  area: r.area,
  period: r.period,
  kind: r.kind,
  status: r.status,
  reporter: r.reporter,
  text: r.text,
  author: { id: r.author_id, name: r.author_name },
  meeting: r.meeting,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  replies,
});
const toReply = (r: ReplyRow): NoteReply => ({
  id: r.id,
  author: { id: r.author_id, name: r.author_name },
  text: r.text,
  at: new Date(r.at).toISOString(),
});
/** The wire shape has no `group` (it is the indicator's). */
const wire = ({ group: _group, ...n }: Note & { group: string }): Note => n;

export function createNoteRepo(db: TransactionalDb, opts: { now?: Clock } = {}): NoteRepo {
  const now = opts.now ?? systemClock;

  async function repliesOf(ids: string[]): Promise<Map<string, NoteReply[]>> {
    const out = new Map<string, NoteReply[]>();
    if (!ids.length) return out;
    const { rows } = await db.query<ReplyRow>(
      `select id::text as id, note_id::text as note_id, author_id, author_name, text, at
         from note_replies where note_id = any($1::uuid[]) order by at, id`,
      [ids],
    );
    for (const r of rows) {
      const list = out.get(r.note_id) ?? [];
      list.push(toReply(r));
      out.set(r.note_id, list);
    }
    return out;
  }

  async function get(id: string) {
    const { rows } = await db.query<NoteRow>(`select ${COLUMNS} from notes where id = $1::uuid`, [id]);
    const row = rows[0];
    if (!row) return null;
    return toNote(row, (await repliesOf([id])).get(id) ?? []);
  }

  return {
    async create(n) {
      const id = randomUUID();
      const at = new Date(now());
      await db.query(
        `insert into notes (id, indicator, grp, area, period, kind, status, reporter, text, author_id, author_name,
                            meeting, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11, $12, $12)`,
        [id, n.indicator, n.group, n.area, n.period, n.kind, n.reporter, n.text, n.author.id, n.author.name, n.meeting, at],
      );
      return wire((await get(id))!);
    },

    get,

    async list(f) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (f.status) add('status = ?', f.status);
      if (f.reporter) add('reporter = ?', f.reporter);
      if (f.indicator) add('indicator = ?', f.indicator);
      if (f.area) add('area = ?', f.area);
      if (f.period) add('period = ?', f.period);
      if (f.groups && f.groups !== '*') add('grp = any(?::text[])', [...f.groups]);
      if (f.areas && f.areas !== '*') add('area = any(?::text[])', [...f.areas]);
      params.push(Math.max(1, Math.min(500, Math.trunc(f.limit))));
      const { rows } = await db.query<NoteRow>(
        `select ${COLUMNS} from notes ${where.length ? `where ${where.join(' and ')}` : ''}
          order by updated_at desc, id desc limit $${params.length}`,
        params,
      );
      const replies = await repliesOf(rows.map((r) => r.id));
      return rows.map((r) => wire(toNote(r, replies.get(r.id) ?? [])));
    },

    async reply(id, r, status) {
      const at = new Date(now());
      const done = await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `update notes set updated_at = $2, status = coalesce($3, status) where id = $1::uuid returning id::text as id`,
          [id, at, status ?? null],
        );
        if (!rows.length) return false;
        await tx.query(
          `insert into note_replies (id, note_id, author_id, author_name, text, at) values ($1, $2::uuid, $3, $4, $5, $6)`,
          [randomUUID(), id, r.author.id, r.author.name, r.text, at],
        );
        return true;
      });
      if (!done) return null;
      const note = await get(id);
      return note && wire(note);
    },

    async setStatus(id, status) {
      const { rows } = await db.query<{ id: string }>(
        `update notes set status = $2, updated_at = $3 where id = $1::uuid returning id::text as id`,
        [id, status, new Date(now())],
      );
      if (!rows.length) return null;
      const note = await get(id);
      return note && wire(note);
    },
  };
}
