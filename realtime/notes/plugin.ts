/**
 * Notes and explanation requests on a figure (ARCHITECTURE.md "Meetings"), as a RealtimePlugin:
 *  - POST /api/notes → 201 Note, addressed to the indicator's reporting agency (its group's `reporter`);
 *    leaders, staff and admins write;
 *  - GET /api/notes?status=&reporter=&indicator=&area=&period= → Note[] (newest first): leaders and staff
 *    the notes in their scope, an agency's users the notes addressed to their agency; viewers and screens 403;
 *  - POST /api/notes/:id/replies { text }: the agency's answer (status becomes `answered`), or a leader's;
 *  - PATCH /api/notes/:id { status }: leaders and staff open/answer/close, an agency marks answered.
 * Every change is audited (note.create, note.reply, note.status) and sent as `note:changed` to the rooms of
 * those who may see it (realtime/access.ts noteRoomsFor), through io so it reaches every node.
 * Text is stored and returned as typed; the dashboard renders it as text nodes only.
 * Bodies go through the /api JSON parser (64 KiB): a 1 MB note is 413 payload-too-large before it gets here.
 */
import type { Request, Response } from 'express';
import { Counter } from 'prom-client';
import {
  CreateNoteSchema,
  NOTES_PAGE_MAX,
  NoteQuerySchema,
  NoteReplySchema,
  NoteStatusSchema,
  type Note,
} from '../../contract/meetings.ts';
import type { Config } from '../../contract/config.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import type { NoteRepo } from '../../center/notes.ts';
import {
  mayReadNotes,
  mayWriteNotes,
  noteAgencyOf,
  noteRoomsFor,
  noteRoomsOf,
  noteStatusRefusal,
  noteVisibleTo,
  refusal,
  requireCaller,
  seesWholeProvince,
} from '../access.ts';
import { sendError } from '../http/errors.ts';
import { actorOf } from '../identity/guard.ts';
import { clientIp } from '../identity/http.ts';
import type { Principal } from '../identity/principal.ts';
import type { RealtimePlugin } from '../plugin.ts';

const NOTE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** indicator id → its group and the agency that reports it. */
function indicatorIndex(config: Config): Map<string, { group: string; reporter: string }> {
  const out = new Map<string, { group: string; reporter: string }>();
  for (const g of config.groups) for (const i of g.indicators) out.set(i.id, { group: g.id, reporter: g.reporter });
  return out;
}

export function createNotesPlugin(opts: { notes: NoteRepo }): RealtimePlugin {
  const { notes } = opts;
  return {
    name: 'notes',
    install({ app, io, config, registry, identity }) {
      const province = config.province.code;
      const indicators = indicatorIndex(config);
      const areas = new Set([province, ...config.province.communes.map((c) => c.code)]);
      const changes = new Counter({
        name: 'ioc_note_changes_total',
        help: 'Notes created, answered and re-statused',
        labelNames: ['action'],
        registers: [registry],
      });

      io.on('connection', (socket) => {
        for (const room of noteRoomsOf(socket.data.principal, province)) void socket.join(room);
      });

      const targetOf = (n: Note) => ({ ...n, group: indicators.get(n.indicator)?.group ?? '' });
      const announce = (n: Note, action: string) => {
        changes.inc({ action });
        io.to(noteRoomsFor(targetOf(n))).emit('note:changed', n);
      };
      const audit = (req: Request, p: Principal, action: string, n: Note, detail: Record<string, unknown>) =>
        identity.audit.record({ actor: actorOf(p), action, target: `note:${n.id}`, outcome: 'ok', ip: clientIp(req), detail });

      /** The note named in the path, if the caller may see it; else a 404 answer and null. */
      async function visibleNote(req: Request<{ id: string }>, res: Response, p: Principal) {
        const id = req.params.id;
        const n = NOTE_ID.test(id) ? await notes.get(id) : null;
        // Out of scope reads as not found: the answer does not tell that a note exists.
        if (!n || !noteVisibleTo(p, n, province)) {
          sendError(res, 404, 'not-found', 'no such note');
          return null;
        }
        return n;
      }

      app.post('/api/notes', async (req, res) => {
        const p = requireCaller(req, res);
        if (!p) return;
        if (!mayWriteNotes(p)) return sendError(res, 403, 'forbidden', 'leaders and staff write notes');
        const body = CreateNoteSchema.safeParse(req.body);
        if (!body.success) return sendError(res, 400, 'invalid-payload', describeZodError(body.error));
        const ind = indicators.get(body.data.indicator);
        if (!ind) return sendError(res, 404, 'unknown-indicator', `no indicator ${body.data.indicator}`);
        if (!areas.has(body.data.area)) return sendError(res, 404, 'unknown-area', `no area ${body.data.area}`);
        const target = { group: ind.group, area: body.data.area, reporter: ind.reporter };
        const why = refusal(p, { groups: [ind.group], areas: [body.data.area] }, province);
        if (why || !noteVisibleTo(p, target, province))
          return sendError(res, 403, 'forbidden', why ?? `outside your scope: area ${body.data.area}`);
        const note = await notes.create({
          ...body.data,
          group: ind.group,
          reporter: ind.reporter,
          author: { id: p.id, name: p.name },
          meeting: body.data.meeting ?? null,
        });
        await audit(req, p, 'note.create', note, {
          indicator: note.indicator,
          area: note.area,
          period: note.period,
          kind: note.kind,
          reporter: note.reporter,
        });
        announce(note, 'create');
        res.status(201).json(note);
      });

      app.get('/api/notes', async (req, res) => {
        const p = requireCaller(req, res);
        if (!p) return;
        if (!mayReadNotes(p)) return sendError(res, 403, 'forbidden', 'notes are for leaders, staff and agencies');
        const q = NoteQuerySchema.safeParse(req.query);
        if (!q.success) return sendError(res, 400, 'invalid-payload', describeZodError(q.error));
        const agency = mayWriteNotes(p) ? null : noteAgencyOf(p);
        if (agency && q.data.reporter && q.data.reporter !== agency)
          return sendError(res, 403, 'forbidden', `outside your scope: notes of agency ${q.data.reporter}`);
        const whole = seesWholeProvince(p, province);
        const list = await notes.list({
          ...q.data,
          ...(agency ? { reporter: agency } : {}),
          groups: p.scope.groups,
          areas: whole ? '*' : (p.scope.areas as string[]).filter((a) => a !== province),
          limit: NOTES_PAGE_MAX,
        });
        res.set('Cache-Control', 'no-store').json(list.filter((n) => noteVisibleTo(p, targetOf(n), province)));
      });

      app.post('/api/notes/:id/replies', async (req: Request<{ id: string }>, res: Response) => {
        const p = requireCaller(req, res);
        if (!p) return;
        if (!mayReadNotes(p) || p.kind !== 'user') return sendError(res, 403, 'forbidden', 'leaders, staff and agencies reply');
        const body = NoteReplySchema.safeParse(req.body);
        if (!body.success) return sendError(res, 400, 'invalid-payload', describeZodError(body.error));
        const n = await visibleNote(req, res, p);
        if (!n) return;
        // The addressed agency's answer makes the request answered; a leader's reply leaves the status.
        const answering = noteAgencyOf(p) === n.reporter && !mayWriteNotes(p);
        const note = await notes.reply(
          n.id,
          { author: { id: p.id, name: p.name }, text: body.data.text },
          answering ? 'answered' : undefined,
        );
        if (!note) return sendError(res, 404, 'not-found', 'no such note');
        await audit(req, p, 'note.reply', note, { status: note.status, length: body.data.text.length });
        announce(note, 'reply');
        res.status(201).json(note);
      });

      app.patch('/api/notes/:id', async (req: Request<{ id: string }>, res: Response) => {
        const p = requireCaller(req, res);
        if (!p) return;
        if (!mayReadNotes(p)) return sendError(res, 403, 'forbidden', 'leaders, staff and agencies change notes');
        const body = NoteStatusSchema.safeParse(req.body);
        if (!body.success) return sendError(res, 400, 'invalid-payload', describeZodError(body.error));
        const n = await visibleNote(req, res, p);
        if (!n) return;
        const why = noteStatusRefusal(p, n, body.data.status, province);
        if (why) return sendError(res, 403, 'forbidden', why);
        const note = await notes.setStatus(n.id, body.data.status);
        if (!note) return sendError(res, 404, 'not-found', 'no such note');
        await audit(req, p, 'note.status', note, { from: n.status, to: note.status });
        announce(note, 'status');
        res.json(note);
      });
    },
  };
}
