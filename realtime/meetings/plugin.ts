/**
 * Meetings on the server, as a RealtimePlugin: the `meeting:*` socket events (service.ts decides), the
 * `meeting:state` fan-out to rooms `meeting:<id>` (members' tablets) and `screen:<display>` (wall
 * displays) through `io`, so the Redis streams adapter carries it to every node, the frozen figures
 * behind `group:subscribe { meeting }`, `GET /api/meetings/:id` (what a display or member needs to lay
 * the meeting's view out), `GET /api/meetings/:id/rollup` (a period's figures by area, rollup-route.ts)
 * and the PDF meeting pack (pdf-routes.ts).
 *
 * A socket that connects mid-meeting (a display after a network cut, a tablet reopened) gets the
 * current state at once: a display's socket joins its `screen:<id>` room on connecting, a member's
 * sockets join their meetings' rooms, and each is sent the state of the meetings it follows.
 */
import type { Request, Response } from 'express';
import { Counter } from 'prom-client';
import type { Ack, ErrorCode } from '../../contract/messages.ts';
import {
  MeetingHandoverSchema,
  MeetingNavigateSchema,
  MeetingRefSchema,
  MeetingStartSchema,
  type MeetingState,
} from '../../contract/meetings.ts';
import { groupInfos } from '../../contract/group-info.ts';
import type { MeetingContext } from '../../contract/meeting-pack.ts';
import { filterGroupsByScope, intersectScope } from '../../contract/scope.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import type { MeetingStore } from '../../store/meeting-store.ts';
import { meetingReadScope, requireCaller } from '../access.ts';
import { sendError } from '../http/errors.ts';
import { canActAsScreen } from '../identity/principal.ts';
import { provinceInfo } from '../payloads.ts';
import type { IoSocket, RealtimePlugin } from '../plugin.ts';
import { meetingRoom, screenRoom } from '../rooms.ts';
import { installPdfRoutes, type PdfOptions } from './pdf-routes.ts';
import { installMeetingRollupRoute } from './rollup-route.ts';
import { createMeetingService, type MeetingService } from './service.ts';
import type { z } from 'zod';

export interface MeetingsPluginOptions {
  store: MeetingStore;
  /** The PDF meeting pack (headless Chromium); omitted: POST /api/exports/pdf answers 503 `unavailable`. */
  pdf?: PdfOptions;
  now?: () => Date;
}

export function createMeetingsPlugin(opts: MeetingsPluginOptions): RealtimePlugin {
  let service: MeetingService | null = null;
  let closePdf: (() => Promise<void>) | null = null;
  return {
    name: 'meetings',
    async meetingFigures(principal, meeting, groups) {
      if (!service) return { ok: false, code: 'internal', message: 'meetings not started' };
      return service.figures(principal, meeting, groups);
    },
    async close() {
      await closePdf?.();
      await opts.store.close();
    },
    install(ctx) {
      const { app, io, config, log, registry, identity, store } = ctx;
      const changes = new Counter({
        name: 'ioc_meeting_changes_total',
        help: 'Meeting changes published, by kind (start, join, navigate, freeze, …)',
        labelNames: ['kind'],
        registers: [registry],
      });
      const refused = new Counter({
        name: 'ioc_meeting_refused_total',
        help: 'Meeting requests refused, by code',
        labelNames: ['code'],
        registers: [registry],
      });
      const displays = new Set(config.walls.flatMap((w) => w.displays.map((d) => d.id)));
      const publish = (state: MeetingState) => {
        // Through the adapter: members and displays on every node.
        io.to([meetingRoom(state.id), ...state.displays.map(screenRoom)]).emit('meeting:state', state);
      };
      const svc = createMeetingService({
        store: opts.store,
        figures: store,
        config,
        audit: identity.audit,
        publish,
        displays,
        onChange: (kind) => changes.inc({ kind }),
        onRefused: (code) => refused.inc({ code }),
        ...(opts.now ? { now: opts.now } : {}),
      });
      service = svc;

      io.on('connection', (socket: IoSocket) => {
        const p = socket.data.principal;
        const ip = socket.handshake.address ?? null;
        // A display: its room, wherever its meeting is driven from.
        if (p.kind === 'device') for (const d of displays) if (canActAsScreen(p, d)) void socket.join(screenRoom(d));
        // Back to the current view after a reconnect.
        svc
          .followedBy(p)
          .then((states) => {
            for (const s of states) {
              if (p.kind === 'user') void socket.join(meetingRoom(s.id));
              socket.emit('meeting:state', s);
            }
          })
          .catch((err: unknown) => log.warn({ err }, 'meetings not read on connect'));

        /** Validates, runs and acknowledges one event; never throws into socket.io. */
        const on = <S extends z.ZodType, T>(
          event: string,
          schema: S | null,
          run: (req: z.infer<S>) => Promise<Ack<T>>,
          after?: (res: Ack<T>, req: z.infer<S>) => void,
        ) => {
          socket.on(event as 'meeting:join', (...args: unknown[]) => {
            const ack = args.find((a) => typeof a === 'function') as ((r: Ack<T>) => void) | undefined;
            const reply = ack ?? (() => {});
            const failWith = (code: ErrorCode, message: string) => {
              refused.inc({ code });
              reply({ ok: false, error: { code, message } });
            };
            let req: z.infer<S> = undefined as z.infer<S>;
            if (schema) {
              const parsed = schema.safeParse(args[0]);
              if (!parsed.success) return failWith('invalid-payload', describeZodError(parsed.error));
              req = parsed.data as z.infer<S>;
            }
            run(req)
              .then((res) => {
                after?.(res, req);
                reply(res);
              })
              .catch((err: unknown) => {
                log.error({ err, event }, 'meeting event failed');
                failWith('internal', 'meeting store unavailable');
              });
          });
        };
        const joinRoom = (res: Ack<MeetingState>) => {
          if (res.ok) void socket.join(meetingRoom(res.data.id));
        };
        on('meeting:start', MeetingStartSchema, (r) => svc.start(p, r, ip), joinRoom);
        on('meeting:list', null, () => svc.list(p));
        on('meeting:join', MeetingRefSchema, (r) => svc.join(p, r.id), joinRoom);
        on(
          'meeting:leave',
          MeetingRefSchema,
          (r) => svc.leave(p, r.id),
          (res, r) => {
            if (res.ok) void socket.leave(meetingRoom(r.id));
          },
        );
        on('meeting:navigate', MeetingNavigateSchema, (r) => svc.navigate(p, r, ip));
        on('meeting:freeze', MeetingRefSchema, (r) => svc.freeze(p, r.id, ip));
        on('meeting:unfreeze', MeetingRefSchema, (r) => svc.unfreeze(p, r.id, ip));
        on('meeting:handover', MeetingHandoverSchema, (r) => svc.handover(p, r, ip));
        on('meeting:end', MeetingRefSchema, (r) => svc.end(p, r.id, ip));
      });

      // What a display or member lays a meeting's views out with: the groups it may read, the province.
      const infos = groupInfos(config);
      app.get('/api/meetings/:id', async (req: Request<{ id: string }>, res: Response) => {
        const p = requireCaller(req, res);
        if (!p) return;
        try {
          const m = await svc.get(req.params.id.slice(0, 64));
          if (!m) return sendError(res, 404, 'not-found', 'no such active meeting');
          const scope = meetingReadScope(p, m.state, m.scope);
          if (!scope) return sendError(res, 403, 'forbidden', 'not a member or display of this meeting');
          const groups = filterGroupsByScope(infos, intersectScope(scope, m.scope, config.province.code));
          const body: MeetingContext = { state: m.state, groups, province: provinceInfo(config) };
          res.set('Cache-Control', 'no-store').json(body);
        } catch (err) {
          log.error({ err }, 'meeting read failed');
          sendError(res, 503, 'internal', 'meeting store unavailable');
        }
      });

      installMeetingRollupRoute({ app, config, log, store, service: svc });
      closePdf = installPdfRoutes({ app, config, log, identity, store, service: svc, infos, options: opts.pdf }).close;
    },
  };
}
