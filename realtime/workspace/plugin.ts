/**
 * The workspace on the server (ARCHITECTURE.md "Workspace"): staff read and publish pages, walls and
 * indicator display settings through /api/config/*, see their history and roll back; hand edits of
 * CONFIG_DIR are picked up while running; GET /api/health/data tells which source is late. Staff only,
 * every refusal audited with its reason. The publishing itself is service.ts; this file is HTTP.
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { AuditLog } from '../../center/audit.ts';
import { createConfigHistoryRepo } from '../../center/config-history.ts';
import type { Queryable } from '../../center/db.ts';
import type { HttpErrorCode } from '../../contract/http.ts';
import {
  type AffectedScreens,
  CONFIG_ITEM_FIELD,
  type ConfigConflictBody,
  type ConfigHistory,
  type ConfigInvalidBody,
  type ConfigItem,
  type ConfigKind,
  type ConfigList,
  type ConfigPublished,
  ConfigIdSchema,
  ConfigPutSchema,
  IndicatorConfigIdSchema,
  RollbackSchema,
  CONFIG_KINDS,
} from '../../contract/workspace.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import { isStaffUser } from '../access.ts';
import { clientErrorOf } from '../http/errors.ts';
import type { Principal } from '../identity/principal.ts';
import type { RealtimePlugin } from '../plugin.ts';
import { screenRoom } from '../rooms.ts';
import { affectedBy } from './live.ts';
import { FILE_ACTOR, createWorkspace, type PublishResult, type Workspace } from './service.ts';
import { watchConfigFolder, type FolderWatch } from './watch.ts';
import { installDataHealth, type DataHealthOptions } from './health-routes.ts';

export interface WorkspacePluginOptions {
  /** CONFIG_DIR: the folder the running config was loaded from. */
  configDir: string;
  /** The center's database (config_history, migration 0005). */
  db: Queryable;
  /** Default: the identity services' audit log. */
  audit?: AuditLog;
  /** Pick up hand edits while running (default true). */
  watch?: boolean;
  debounceMs?: number;
  health?: DataHealthOptions;
  now?: () => Date;
}

/** ETag / If-Match values: `"3"`, `W/"3"` or `3`. */
export function versionOfTag(tag: string | undefined): number | null | 'invalid' {
  if (tag === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(tag);
  return m ? Number(m[1]) : 'invalid';
}

const etag = (version: number) => `"${version}"`;

export function createWorkspacePlugin(opts: WorkspacePluginOptions): RealtimePlugin {
  let watcher: FolderWatch | null = null;
  let ws: Workspace | null = null;
  let stopHealth: (() => void) | null = null;
  return {
    name: 'workspace',
    async close() {
      watcher?.close();
      stopHealth?.();
      await ws?.idle();
    },
    async install(ctx) {
      const { app, io, config, log, identity } = ctx;
      const audit = opts.audit ?? identity.audit;
      const workspace = createWorkspace({
        dir: opts.configDir,
        config,
        history: createConfigHistoryRepo(opts.db),
        log,
        ...(opts.now ? { now: opts.now } : {}),
        notify(screens, local) {
          for (const screen of screens) (local ? io.local : io).to(screenRoom(screen)).emit('screen:layout-changed', { screen });
          if (screens.length) log.info({ screens, local }, 'screens told their layout changed');
        },
        onFileEdit(e) {
          void audit
            .record({
              actor: { kind: 'system', id: FILE_ACTOR.id, name: FILE_ACTOR.name },
              action: 'config.file',
              target: e.files.join(', ').slice(0, 200),
              outcome: e.outcome,
              detail: e.issues ? { issues: e.issues.slice(0, 10) } : null,
            })
            .catch((err: unknown) => log.warn({ err }, 'audit failed'));
        },
      });
      ws = workspace;
      await workspace.start();
      if (opts.watch ?? true)
        watcher = watchConfigFolder(
          opts.configDir,
          () => void workspace.rescan().catch((err: unknown) => log.error({ err }, 'configuration rescan failed')),
          { debounceMs: opts.debounceMs ?? 300, onError: (err) => log.warn({ err: err.message }, 'configuration watch') },
        );

      const actorOf = (p: Principal | null) =>
        p ? { kind: p.kind, id: p.id, name: p.name } : { kind: 'anonymous' as const, id: null, name: null };

      /** Every refusal of a config route: answered in the contract's shape and audited with its reason. */
      const refuse = (req: Request, res: Response, status: number, code: HttpErrorCode, message: string, extra = {}) => {
        res.status(status).json({ error: { code, message, ...extra } });
        void audit
          .record({
            actor: actorOf(ctx.principalOf(req)),
            action: 'config.refused',
            target: req.path.slice(0, 200),
            outcome: 'refused',
            ip: req.ip ?? null,
            detail: { method: req.method, status, code, message: message.slice(0, 500) },
          })
          .catch((err: unknown) => log.warn({ err }, 'audit failed'));
      };

      const staffOnly = (req: Request, res: Response) => {
        const p = ctx.principalOf(req);
        if (!p) return (refuse(req, res, 401, 'unauthorized', 'sign in as staff'), null);
        if (!isStaffUser(p)) return (refuse(req, res, 403, 'forbidden', 'staff only'), null);
        return p;
      };

      const idOf = (kind: ConfigKind, raw: string, req: Request, res: Response): string | null => {
        const parsed = (kind === 'indicators' ? IndicatorConfigIdSchema : ConfigIdSchema).safeParse(raw);
        if (parsed.success) return parsed.data;
        refuse(req, res, 400, 'invalid-payload', `id: ${describeZodError(parsed.error).replace(/^\(root\): /, '')}`, {
          field: 'id',
        });
        return null;
      };

      const answer = async (req: Request, res: Response, kind: ConfigKind, id: string, r: PublishResult, action: string) => {
        const p = ctx.principalOf(req)!;
        if (r.status === 'ok') {
          await audit.record({
            actor: actorOf(p),
            action,
            target: `${kind}:${id}`,
            outcome: 'ok',
            ip: req.ip ?? null,
            detail: { version: r.version },
          });
          res
            .status(r.created ? 201 : 200)
            .set('ETag', etag(r.version))
            .json({ id, version: r.version } satisfies ConfigPublished);
          return;
        }
        if (r.status === 'not-found') return refuse(req, res, 404, 'not-found', r.message);
        if (r.status === 'conflict') {
          const body: ConfigConflictBody['error'] = {
            code: 'conflict',
            message: `"${id}" is at version ${r.version} now: someone published meanwhile; merge or reload`,
            version: r.version,
            item: r.item,
          };
          return refuse(req, res, 409, 'conflict', body.message, { version: body.version, item: body.item });
        }
        const first = r.issues[0];
        const message = `${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'invalid'}${r.issues.length > 1 ? ` (+${r.issues.length - 1} more)` : ''}`;
        const body: ConfigInvalidBody['error'] = { code: 'invalid-config', message, issues: r.issues };
        refuse(req, res, 422, 'invalid-config', message, { issues: body.issues });
      };

      // An oversized or malformed body never reaches a route (the /api body parser refuses it): audit it here.
      const bodyRefusals: ErrorRequestHandler = (err, req, res, next) => {
        const client = clientErrorOf(err);
        if (!client || res.headersSent) return next(err);
        refuse(req, res, client.status, client.code, client.message);
      };
      app.use('/api/config', bodyRefusals);

      app.get('/api/config/history', async (req, res) => {
        if (!staffOnly(req, res)) return;
        const kind = String(req.query.kind ?? '') as ConfigKind;
        if (!CONFIG_KINDS.includes(kind))
          return refuse(req, res, 400, 'invalid-payload', `kind: one of ${CONFIG_KINDS.join(', ')}`, { field: 'kind' });
        const id = idOf(kind, String(req.query.id ?? ''), req, res);
        if (!id) return;
        res.set('Cache-Control', 'no-store').json({ versions: await workspace.history(kind, id) } satisfies ConfigHistory);
      });

      for (const kind of CONFIG_KINDS) {
        const field = CONFIG_ITEM_FIELD[kind];
        const body = (id: string, version: number, item: unknown): ConfigItem => ({ id, version, item, [field]: item });

        app.get(`/api/config/${kind}`, async (req, res) => {
          if (!staffOnly(req, res)) return;
          const items = await workspace.list(kind);
          res.set('Cache-Control', 'no-store').json({
            items: items.map((i) => body(i.id, i.version, i.item)),
            invalid: workspace.problems(),
          } satisfies ConfigList);
        });

        app.get(`/api/config/${kind}/:id`, async (req: Request<{ id: string }>, res: Response) => {
          if (!staffOnly(req, res)) return;
          const id = idOf(kind, req.params.id, req, res);
          if (!id) return;
          const it = await workspace.get(kind, id);
          if (!it) return refuse(req, res, 404, 'not-found', `no ${field} "${id}"`);
          res.set({ ETag: etag(it.version), 'Cache-Control': 'no-store' }).json(body(id, it.version, it.item));
        });

        app.put(`/api/config/${kind}/:id`, async (req: Request<{ id: string }>, res: Response) => {
          const p = staffOnly(req, res);
          if (!p) return;
          const id = idOf(kind, req.params.id, req, res);
          if (!id) return;
          const parsed = ConfigPutSchema.safeParse(req.body ?? {});
          if (!parsed.success) return refuse(req, res, 400, 'invalid-payload', describeZodError(parsed.error));
          const given = (['item', field] as const).filter((k) => parsed.data[k] !== undefined);
          if (given.length !== 1)
            return refuse(req, res, 400, 'invalid-payload', `send the ${field} as { "${field}": … } (or { "item": … })`, {
              field,
            });
          const create = req.get('If-None-Match')?.trim() === '*';
          const match = req.get('If-Match');
          const ifMatch = match?.trim() === '*' ? null : versionOfTag(match);
          if (ifMatch === 'invalid') return refuse(req, res, 400, 'invalid-payload', 'If-Match: the version as "<number>"');
          if (!create && match === undefined)
            return refuse(
              req,
              res,
              428,
              'precondition-required',
              'send If-Match: "<version>" (the version you edited), or If-None-Match: * to create',
            );
          if (create && kind === 'indicators')
            return refuse(req, res, 400, 'invalid-payload', 'indicators are added in their group file, not created here');
          const r = await workspace.publish({ kind, id, value: parsed.data[given[0]!], ifMatch, create, actor: p });
          await answer(req, res, kind, id, r, create ? 'config.create' : 'config.publish');
        });

        app.post(`/api/config/${kind}/:id/rollback`, async (req: Request<{ id: string }>, res: Response) => {
          const p = staffOnly(req, res);
          if (!p) return;
          const id = idOf(kind, req.params.id, req, res);
          if (!id) return;
          const parsed = RollbackSchema.safeParse(req.body ?? {});
          if (!parsed.success)
            return refuse(req, res, 400, 'invalid-payload', describeZodError(parsed.error), { field: 'version' });
          const r = await workspace.rollback({ kind, id, version: parsed.data.version, actor: p });
          await answer(req, res, kind, id, r, 'config.rollback');
        });
      }

      app.get('/api/config/pages/:id/affected', async (req: Request<{ id: string }>, res: Response) => {
        if (!staffOnly(req, res)) return;
        const id = idOf('pages', req.params.id, req, res);
        if (!id) return;
        res.set('Cache-Control', 'no-store').json(affectedBy(config, id) satisfies AffectedScreens);
      });

      stopHealth = installDataHealth(ctx, { ...opts.health, audit, staffOnly, ...(opts.now ? { now: opts.now } : {}) });
    },
  };
}
