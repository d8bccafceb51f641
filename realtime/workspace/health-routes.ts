/**
 * GET /api/health/data (staff) and the watch behind it: every `checkEveryMs` each node computes the data
 * health and steps each source's silence state machine (silence.ts); the node holding the store lock
 * `workspace:data-health` alone acts on a change, with one audit entry, one log line and one
 * `staff:alert` to room `staff` (across nodes), so N nodes still raise one alert.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AuditLog } from '../../center/audit.ts';
import type { StaffAlert } from '../../contract/messages.ts';
import type { DataHealth, GroupHealth, SourceHealth } from '../../contract/workspace.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import { isStaffUser } from '../access.ts';
import type { RealtimePluginContext } from '../plugin.ts';
import { groupHealth, rejectedOf, sourcesOf } from './data-health.ts';
import { INITIAL_SILENCE, type SilenceMemory, type SilenceRule, stepSilence } from './silence.ts';

export const STAFF_ROOM = 'staff';
const LOCK = 'workspace:data-health';

export interface DataHealthOptions {
  /** The reporting database: agencies report on working days (default late 6 h, silent 24 h). */
  reporting?: Partial<SilenceRule>;
  /** Camera/AI feeds (default late 10 min, silent 30 min). */
  feeds?: Partial<SilenceRule>;
  checkEveryMs?: number;
  /** Where feed activity is read (the latest alerts); without it feeds stay `unknown`. */
  alertStore?: Pick<AlertStore, 'recent'>;
}

const HOUR = 3_600_000;
const DEFAULT_REPORTING: SilenceRule = { lateAfterMs: 6 * HOUR, silentAfterMs: 24 * HOUR, realertAfterMs: 24 * HOUR };
const DEFAULT_FEEDS: SilenceRule = { lateAfterMs: 10 * 60_000, silentAfterMs: 30 * 60_000, realertAfterMs: 6 * HOUR };

export function installDataHealth(
  ctx: RealtimePluginContext,
  opts: DataHealthOptions & {
    audit: AuditLog;
    staffOnly(req: Request, res: Response): unknown;
    now?: () => Date;
  },
): () => void {
  const { app, io, store, config, log } = ctx;
  const now = opts.now ?? (() => new Date());
  const rules = {
    reporting: { ...DEFAULT_REPORTING, ...opts.reporting },
    feeds: { ...DEFAULT_FEEDS, ...opts.feeds },
  };
  const startedAtMs = now().getTime();
  const owner = randomUUID();
  const memory = new Map<string, SilenceMemory>();

  io.on('connection', (socket) => {
    if (isStaffUser(socket.data.principal)) void socket.join(STAFF_ROOM);
  });

  async function compute(): Promise<DataHealth> {
    const at = now();
    const rejected = await store.getRejected(500);
    const snaps = await Promise.all(config.groups.map((g) => store.getGroup(g.id)));
    const groups: GroupHealth[] = [];
    for (const [i, g] of config.groups.entries()) {
      groups.push(groupHealth(g, snaps[i]!, config.province.code, at, rejected));
      // A group at a time: deltas and meeting navigations waiting on this event loop go in between.
      await new Promise((r) => setImmediate(r));
    }
    const alerts = opts.alertStore ? await opts.alertStore.recent(500).catch(() => []) : [];
    const lastReport = groups.reduce<string | null>(
      (m, g) => (g.lastUpdateAt && (!m || Date.parse(g.lastUpdateAt) > Date.parse(m)) ? g.lastUpdateAt : m),
      null,
    );
    const sources: SourceHealth[] = sourcesOf(config.sources).map((s) => {
      let lastUpdateAt = s.kind === 'reporting' ? lastReport : null;
      for (const a of alerts)
        if (a.source.instance === s.id && (!lastUpdateAt || Date.parse(a.receivedAt) > Date.parse(lastUpdateAt)))
          lastUpdateAt = a.receivedAt;
      const rule = s.kind === 'reporting' ? rules.reporting : rules.feeds;
      // Feeds without an alert store to read cannot be judged.
      const judged = s.kind === 'reporting' || !!opts.alertStore;
      const ageMs = at.getTime() - (lastUpdateAt ? Date.parse(lastUpdateAt) : startedAtMs);
      const prev = memory.get(s.id) ?? INITIAL_SILENCE;
      const { mem } = judged ? stepSilence(prev, { ageMs, seen: !!lastUpdateAt, nowMs: at.getTime() }, rule) : { mem: prev };
      return {
        id: s.id,
        kind: s.kind,
        lastUpdateAt,
        ageMs: lastUpdateAt ? ageMs : null,
        lateAfterMs: rule.lateAfterMs,
        silentAfterMs: rule.silentAfterMs,
        ...rejectedOf(s.id, rejected),
        state: mem.state,
      };
    });
    return { at: at.toISOString(), sources, groups };
  }

  /** One check: steps every source's state machine; the lock holder acts on raise/recover. */
  async function check(): Promise<void> {
    const health = await compute();
    const nowMs = Date.parse(health.at);
    const events: StaffAlert[] = [];
    for (const s of health.sources) {
      if (s.kind !== 'reporting' && !opts.alertStore) continue;
      const rule = s.kind === 'reporting' ? rules.reporting : rules.feeds;
      const prev = memory.get(s.id) ?? INITIAL_SILENCE;
      const ageMs = nowMs - (s.lastUpdateAt ? Date.parse(s.lastUpdateAt) : startedAtMs);
      const { mem, event } = stepSilence(prev, { ageMs, seen: !!s.lastUpdateAt, nowMs }, rule);
      memory.set(s.id, mem);
      if (!event) continue;
      const minutes = Math.round(ageMs / 60_000);
      events.push({
        kind: event === 'raise' ? 'source-silent' : 'source-recovered',
        source: s.id,
        lastUpdateAt: s.lastUpdateAt,
        at: health.at,
        message:
          event === 'raise'
            ? `Nguồn dữ liệu "${s.id}" không gửi số liệu ${minutes} phút`
            : `Nguồn dữ liệu "${s.id}" đã gửi số liệu trở lại`,
      });
    }
    if (!events.length) return;
    const token = await store.tryLock(LOCK, owner, 3 * (opts.checkEveryMs ?? 30_000)).catch(() => null);
    if (token === null) return;
    for (const e of events) {
      log.warn({ source: e.source, kind: e.kind, lastUpdateAt: e.lastUpdateAt }, e.message);
      io.to(STAFF_ROOM).emit('staff:alert', e);
      await opts.audit
        .record({
          actor: { kind: 'system', id: 'data-health', name: 'Giám sát dữ liệu' },
          action: e.kind === 'source-silent' ? 'data.source-silent' : 'data.source-recovered',
          target: `source:${e.source}`,
          outcome: 'ok',
          detail: { lastUpdateAt: e.lastUpdateAt },
        })
        .catch((err: unknown) => log.warn({ err }, 'audit failed'));
    }
  }

  const timer = setInterval(
    () => void check().catch((err: unknown) => log.warn({ err }, 'data health check failed')),
    opts.checkEveryMs ?? 30_000,
  );
  timer.unref();

  app.get('/api/health/data', async (req, res) => {
    if (!opts.staffOnly(req, res)) return;
    res.set('Cache-Control', 'no-store').json(await compute());
  });

  return () => clearInterval(timer);
}
