/**
 * What a meeting does (ARCHITECTURE.md "Meetings"), independent of the socket: start, list, join, leave,
 * navigate, freeze, unfreeze, hand over, end. Each takes who is asking and answers an Ack; each change
 * goes through the store's compare-and-set (so two nodes never both win) and is then published to the
 * meeting's members and displays. Who may do what is decided in realtime/access.ts and here:
 *
 *  - start: a user who canPresent (leader, staff, admin); the displays must be wall displays that follow
 *    no other meeting — checked and claimed by the store in one atomic step (store/meeting-store.ts), so
 *    of two meetings started at once on two nodes for one display, one wins and the other is refused
 *    `forbidden`, as any start naming a busy display. The meeting's scope is the starter's scope.
 *  - join: a user whose scope covers the meeting's (access.ts coversScope); devices never join (a
 *    display follows because the presenter named it).
 *  - navigate, freeze, unfreeze, handover: the current presenter only. A view must name known things
 *    (views.ts) inside the presenter's and the meeting's scope.
 *  - handover: to a current member who canPresent.
 *  - end: the presenter, or staff.
 *
 * Audited: start, freeze, unfreeze, handover, end, and refusals of them. Navigation is not audited (a
 * chairman drills down a hundred times in a meeting; the log is for control, not for clicks): it is
 * counted in metrics (`ioc_meeting_changes_total{kind="navigate"}`).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../contract/config.ts';
import type { Ack, ErrorCode, GroupSnapshot } from '../../contract/messages.ts';
import type { MeetingHandover, MeetingNavigate, MeetingStart, MeetingState, View } from '../../contract/meetings.ts';
import { canPresent, isStaff } from '../../contract/roles.ts';
import { groupInScope } from '../../contract/scope.ts';
import type { AuditLog } from '../../center/audit.ts';
import type { DisplayBusy, MeetingRecord, MeetingStore, MeetingUpdate } from '../../store/meeting-store.ts';
import type { Store } from '../../store/store.ts';
import { coversScope, meetingReadScope, meetingViewRefusal, visibleValues } from '../access.ts';
import type { Principal, UserPrincipal } from '../identity/principal.ts';
import type { MeetingFigures } from '../plugin.ts';
import { checkView, viewAreas, viewCatalogOf } from './views.ts';

/** The record kept in the store: the public state plus who may take over presenting. */
export interface StoredMeeting extends MeetingRecord {
  /** Member ids whose role canPresent (handover targets). */
  presenters?: string[];
}

type Refusal = { code: ErrorCode; message: string };
type Result = Ack<MeetingState>;

export interface MeetingServiceDeps {
  store: MeetingStore;
  /** The indicator store, read at freeze. */
  figures: Store;
  config: Config;
  audit: AuditLog;
  /** Sends a state to the meeting's members and displays (through the adapter, on every node). */
  publish(state: MeetingState, previousDisplays?: readonly string[]): void;
  /** Wall display ids (a meeting's displays must be among them). */
  displays: ReadonlySet<string>;
  onChange?(kind: string): void;
  onRefused?(code: ErrorCode): void;
  now?: () => Date;
}

export type MeetingService = ReturnType<typeof createMeetingService>;

const member = (p: UserPrincipal) => ({ id: p.id, name: p.name });
const refuse = (code: ErrorCode, message: string): { refuse: Refusal } => ({ refuse: { code, message } });
const busyRefusal = (busy: DisplayBusy, title?: string): Refusal => ({
  code: 'forbidden',
  message: `display ${busy.display} follows meeting "${title ?? busy.meeting}"`,
});
/** Why the store wrote nothing: the meeting is gone, a display it would take is busy, or the decision refused. */
const whyNot = (id: string, r: Exclude<MeetingUpdate<Refusal>, { ok: true }>): Refusal =>
  'missing' in r ? { code: 'not-found', message: `no active meeting ${id}` } : 'busy' in r ? busyRefusal(r.busy) : r.refused;

export function createMeetingService(deps: MeetingServiceDeps) {
  const { store, config } = deps;
  const now = deps.now ?? (() => new Date());
  const catalog = viewCatalogOf(config);
  const provinceCode = config.province.code;

  const fail = <T = MeetingState>(code: ErrorCode, message: string): Ack<T> => {
    deps.onRefused?.(code);
    return { ok: false, error: { code, message } };
  };
  const actor = (p: Principal) => ({ kind: p.kind, id: p.id, name: p.name });
  const audit = (p: Principal, action: string, id: string, outcome: 'ok' | 'refused', ip: string | null, detail?: object) =>
    deps.audit
      .record({ actor: actor(p), action, target: `meeting:${id}`, outcome, ip, detail: detail ? { ...detail } : null })
      .catch(() => {}); // the audit database being down must not stop a meeting; the log says so

  /** Applies a presenter-only change through the store; publishes and audits it. */
  async function change(
    p: Principal,
    id: string,
    kind: string,
    decide: (cur: StoredMeeting, p: UserPrincipal) => { record: StoredMeeting } | { refuse: Refusal },
    opts: { ip: string | null; audited: boolean; detail?: object; who?: 'presenter' | 'presenter-or-staff' },
  ): Promise<Result> {
    if (p.kind !== 'user') return fail('forbidden', 'only a signed-in person controls a meeting');
    const r = await store.update<Refusal>(id, (cur: StoredMeeting) => {
      const isPresenter = cur.state.presenter.id === p.id;
      const allowed = isPresenter || (opts.who === 'presenter-or-staff' && isStaff(p.role));
      if (!allowed) return refuse('forbidden', 'only the presenter may do this');
      if (cur.state.endedAt) return refuse('not-found', 'the meeting has ended');
      return decide(cur, p);
    });
    if (!r.ok) {
      if ('missing' in r) return fail('not-found', `no active meeting ${id}`);
      const why = whyNot(id, r);
      if (opts.audited) void audit(p, `meeting.${kind}`, id, 'refused', opts.ip, { code: why.code });
      return fail(why.code, why.message);
    }
    deps.publish(r.record.state);
    deps.onChange?.(kind);
    if (opts.audited) void audit(p, `meeting.${kind}`, id, 'ok', opts.ip, { version: r.record.state.version, ...opts.detail });
    return { ok: true, data: r.record.state };
  }

  return {
    async start(p: Principal, req: MeetingStart, ip: string | null): Promise<Result> {
      if (p.kind !== 'user' || !canPresent(p.role)) return fail('forbidden', 'leaders and staff start meetings');
      const displays = [...new Set(req.displays)];
      const unknown = displays.filter((d) => !deps.displays.has(d));
      if (unknown.length) return fail('invalid-payload', `not a wall display: ${unknown.slice(0, 5).join(', ')}`);
      const state: MeetingState = {
        id: randomUUID(),
        version: 1,
        title: req.title,
        presenter: member(p),
        displays,
        view: null,
        frozenAt: null,
        members: [member(p)],
        startedAt: now().toISOString(),
        endedAt: null,
      };
      const record: StoredMeeting = { state, scope: structuredClone(p.scope), presenters: [p.id] };
      const created = await store.create(record);
      if (!created.ok) {
        const holder = await store.get(created.busy.meeting);
        const why = busyRefusal(created.busy, holder?.state.title);
        return fail(why.code, why.message);
      }
      deps.publish(state);
      deps.onChange?.('start');
      void audit(p, 'meeting.start', state.id, 'ok', ip, { title: state.title, displays });
      return { ok: true, data: state };
    },

    /** The meetings the caller may join (or has joined); a display: the meeting it follows. */
    async list(p: Principal): Promise<Ack<MeetingState[]>> {
      const all = await store.list();
      const mine = all.filter((m) =>
        p.kind === 'user'
          ? m.state.members.some((x) => x.id === p.id) || coversScope(p.scope, m.scope, provinceCode)
          : meetingReadScope(p, m.state, m.scope) !== null,
      );
      return { ok: true, data: mine.map((m) => m.state) };
    },

    /** The meetings whose state this principal should get at once on connecting (members, displays). */
    async followedBy(p: Principal): Promise<MeetingState[]> {
      const all = await store.list();
      return all
        .filter((m) => (p.kind === 'user' ? m.state.members.some((x) => x.id === p.id) : meetingReadScope(p, m.state, m.scope)))
        .map((m) => m.state);
    },

    async join(p: Principal, id: string): Promise<Result> {
      if (p.kind !== 'user') return fail('forbidden', 'a display follows the meetings that name it; it does not join');
      const cur = await store.get(id);
      if (!cur) return fail('not-found', `no active meeting ${id}`);
      if (cur.state.members.some((m) => m.id === p.id)) return { ok: true, data: cur.state };
      if (!coversScope(p.scope, cur.scope, provinceCode))
        return fail('forbidden', 'the meeting shows figures outside your scope');
      const r = await store.update<Refusal>(id, (c: StoredMeeting) => {
        if (c.state.members.some((m) => m.id === p.id)) return { record: c };
        return {
          record: {
            ...c,
            state: { ...c.state, members: [...c.state.members, member(p)] },
            presenters: canPresent(p.role) ? [...(c.presenters ?? []), p.id] : (c.presenters ?? []),
          },
        };
      });
      if (!r.ok) {
        const why = whyNot(id, r);
        return fail(why.code, why.message);
      }
      deps.publish(r.record.state);
      deps.onChange?.('join');
      return { ok: true, data: r.record.state };
    },

    async leave(p: Principal, id: string): Promise<Ack<{ id: string }>> {
      if (p.kind !== 'user') return fail('forbidden', 'only members leave');
      const r = await store.update<Refusal>(id, (c: StoredMeeting) => {
        if (c.state.presenter.id === p.id) return refuse('forbidden', 'the presenter hands over or ends the meeting');
        if (!c.state.members.some((m) => m.id === p.id)) return refuse('not-found', 'not a member');
        return {
          record: {
            ...c,
            state: { ...c.state, members: c.state.members.filter((m) => m.id !== p.id) },
            presenters: (c.presenters ?? []).filter((x) => x !== p.id),
          },
        };
      });
      if (!r.ok) {
        const why = whyNot(id, r);
        return fail(why.code, why.message);
      }
      deps.publish(r.record.state);
      return { ok: true, data: { id } };
    },

    async navigate(p: Principal, req: MeetingNavigate, ip: string | null): Promise<Result> {
      const problem = checkView(req.view, catalog);
      if (problem) {
        // A follower's navigate is refused as forbidden even when the view is also bad: nothing changes either way.
        const cur = await store.get(req.id);
        if (cur && (p.kind !== 'user' || cur.state.presenter.id !== p.id))
          return fail('forbidden', 'only the presenter may do this');
        return fail(problem.code, problem.message);
      }
      const view: View = req.view;
      return change(
        p,
        req.id,
        'navigate',
        (cur, u) => {
          const why = meetingViewRefusal(u, cur.scope, { groups: [view.group], areas: viewAreas(view) }, provinceCode);
          if (why) return refuse('forbidden', why);
          return { record: { ...cur, state: { ...cur.state, view } } };
        },
        { ip, audited: false },
      );
    },

    async freeze(p: Principal, id: string, ip: string | null): Promise<Result> {
      const cur = await store.get(id);
      if (!cur) return fail('not-found', `no active meeting ${id}`);
      if (p.kind !== 'user' || cur.state.presenter.id !== p.id) {
        void audit(p, 'meeting.freeze', id, 'refused', ip, { code: 'forbidden' });
        return fail('forbidden', 'only the presenter may freeze the figures');
      }
      if (cur.state.frozenAt) return { ok: true, data: cur.state };
      // The moment first, then the figures: every value in the frozen set was published by then.
      const frozenAt = now().toISOString();
      const groups = config.groups.map((g) => g.id).filter((g) => groupInScope(cur.scope, g));
      const snapshots: GroupSnapshot[] = [];
      for (const g of groups) {
        const s = await deps.figures.getGroup(g);
        snapshots.push({ ...s, values: visibleValues({ ...p, scope: cur.scope }, s.values, provinceCode) });
      }
      await store.putFrozen(id, snapshots);
      return change(p, id, 'freeze', (c) => ({ record: { ...c, state: { ...c.state, frozenAt } } }), {
        ip,
        audited: true,
        detail: { frozenAt, groups: groups.length },
      });
    },

    async unfreeze(p: Principal, id: string, ip: string | null): Promise<Result> {
      const r = await change(
        p,
        id,
        'unfreeze',
        (c) =>
          c.state.frozenAt
            ? { record: { ...c, state: { ...c.state, frozenAt: null } } }
            : refuse('invalid-payload', 'not frozen'),
        { ip, audited: true },
      );
      if (r.ok) await store.dropFrozen(id);
      return r;
    },

    async handover(p: Principal, req: MeetingHandover, ip: string | null): Promise<Result> {
      return change(
        p,
        req.id,
        'handover',
        (c) => {
          const to = c.state.members.find((m) => m.id === req.to);
          if (!to) return refuse('invalid-payload', `not a member of the meeting: ${req.to}`);
          if (!(c.presenters ?? []).includes(to.id)) return refuse('forbidden', `${to.name} may not present (leaders and staff)`);
          return { record: { ...c, state: { ...c.state, presenter: to } } };
        },
        { ip, audited: true, detail: { to: req.to } },
      );
    },

    async end(p: Principal, id: string, ip: string | null): Promise<Result> {
      const r = await change(p, id, 'end', (c) => ({ record: { ...c, state: { ...c.state, endedAt: now().toISOString() } } }), {
        ip,
        audited: true,
        who: 'presenter-or-staff',
      });
      if (r.ok) await store.remove(id);
      return r;
    },

    /** `group:subscribe { meeting }`: with which scope this principal reads the meeting, and the frozen set. */
    async figures(p: Principal, id: string, groups: readonly string[]): Promise<MeetingFigures> {
      const cur = await store.get(id);
      if (!cur) return { ok: false, code: 'not-found', message: `no active meeting ${id}` };
      const scope = meetingReadScope(p, cur.state, cur.scope);
      if (!scope) return { ok: false, code: 'forbidden', message: 'not a member or display of this meeting' };
      if (!cur.state.frozenAt) return { ok: true, scope, frozen: null, frozenAt: null };
      return { ok: true, scope, frozen: await store.getFrozen(id, groups), frozenAt: cur.state.frozenAt };
    },

    async get(id: string): Promise<StoredMeeting | null> {
      return store.get(id);
    },
  };
}
