/**
 * The chairman's tablet (/tablet), touch first for 10–13 inch screens, landscape and portrait:
 * groups → indicators → province or commune, with KPI tiles, trend, ranking and the map (Screens.tsx);
 * a period picker in Vietnamese terms (PeriodPicker.tsx, roll-ups of contract/rollup.ts); communes or
 * periods side by side; presenter mode (useMeeting.ts, MeetingPanel.tsx); notes on a figure.
 * The place is in the address (url-state.ts): a reload opens where the user was.
 * Poor Wi-Fi: the shell is kept by a service worker and the last figures in IndexedDB (offline.ts,
 * cache.ts); offline, a line says how old they are. Only a signed-in person opens it; the server cuts
 * every answer to their scope, so the cache holds only what this user may see.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TabletPayload } from '../../../contract/http.ts';
import type { Note, View } from '../../../contract/meetings.ts';
import { canPresent } from '../../../contract/roles.ts';
import { ApiError } from '../api/client.ts';
import type { LiveClient } from '../live/client.ts';
import {
  AreaClientsContext,
  LiveContext,
  useAreaClientsPool,
  useConnection,
  useGroupView,
  useLiveClient,
  useWantGroups,
} from '../live/react.ts';
import { useRequireUser } from '../session/useSession.ts';
import type { UserSession } from '../session/session.ts';
import { SignOutButton } from '../home/SignOutButton.tsx';
import { cachedOwner, claimCache } from './cache.ts';
import { loadFigureNotes, loadTablet } from './api.ts';
import { agoTextVi, registerTabletWorker, useMinutesSince } from './offline.ts';
import { formatPlace, parsePlace, type TabletPlace } from './url-state.ts';
import { defaultPeriod, latestMonthOf } from './periods.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { areaName, TabletScreen, type ScreenCtx } from './Screens.tsx';
import { useCachedGroups } from './useCachedGroups.ts';
import { useMeeting } from './useMeeting.ts';
import { MeetingBand, MeetingDialog } from './MeetingPanel.tsx';
import { PackDialog } from './PackDialog.tsx';
import { useMeetingPack } from './usePack.ts';
import './tablet.css';

type Load =
  { state: 'loading' } | { state: 'ready'; payload: TabletPayload; cached: boolean } | { state: 'error'; message: string };

export default function TabletApp() {
  const who = useRequireUser();
  const [offlineUser, setOfflineUser] = useState<{ user: UserSession; liveAt: number } | null | undefined>(undefined);
  useEffect(() => registerTabletWorker(), []);
  const unreachable = who.state === 'error';
  useEffect(() => {
    // The server cannot be asked who this is: open with the cached person's figures, if any.
    if (unreachable) void cachedOwner().then((o) => setOfflineUser(o && o.user ? o : null));
  }, [unreachable]);
  if (who.state === 'ready') return <SignedInTablet user={who.user} liveAt={null} />;
  if (who.state === 'error') {
    if (offlineUser) return <SignedInTablet user={offlineUser.user} liveAt={offlineUser.liveAt || null} />;
    if (offlineUser === undefined) return <Notice title="Đang mở số liệu đã lưu…" />;
    return (
      <Notice title="Không liên lạc được máy chủ" detail={`${who.message} — đang thử lại.`}>
        <button type="button" className="tablet-button" onClick={who.retry}>
          Thử lại
        </button>
      </Notice>
    );
  }
  return <Notice title="Đang kiểm tra đăng nhập…" />;
}

function SignedInTablet({ user, liveAt }: { user: UserSession; liveAt: number | null }) {
  const client = useLiveClient();
  // Communes' connections belong to this signed-in person: closed at sign-out with the rest.
  const areaClients = useAreaClientsPool();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [claimed, setClaimed] = useState(false);
  useEffect(() => {
    let live = true;
    // Another person's figures never stay on the device: claiming the cache wipes them first.
    void claimCache(user)
      .then(() => live && setClaimed(true))
      .then(() => loadTablet())
      .then((r) => live && setLoad({ state: 'ready', payload: r.body, cached: r.cached }))
      .catch((err: Error) => live && setLoad({ state: 'error', message: tabletLoadError(err) }));
    return () => {
      live = false;
    };
  }, [user]);
  if (load.state === 'error') return <Notice title="Không tải được dữ liệu" detail={load.message} />;
  if (load.state === 'loading' || !claimed) return <Notice title="Đang kết nối…" />;
  return (
    <LiveContext value={client}>
      <AreaClientsContext value={areaClients}>
        <Tablet payload={load.payload} user={user} client={client} initialLiveAt={liveAt} />
      </AreaClientsContext>
    </LiveContext>
  );
}

function tabletLoadError(err: Error): string {
  if (!(err instanceof ApiError)) return 'Không liên lạc được máy chủ và chưa có số liệu lưu trên máy.';
  if (err.status === 401) return 'Phiên đăng nhập đã hết hạn — tải lại trang để đăng nhập lại.';
  if (err.status === 403) return 'Tài khoản này không được xem máy tính bảng.';
  return `Máy chủ trả lỗi ${err.status}`;
}

function Notice({ title, detail, children }: { title: string; detail?: string; children?: ReactNode }) {
  return (
    <main className="tablet tablet-notice" data-testid="tablet-page">
      <h1>{title}</h1>
      {detail ? <p>{detail}</p> : null}
      {children}
    </main>
  );
}

/** A commune official opens on their commune: a view naming another area is narrowed to theirs. */
function withinScope(view: View | null, payload: TabletPayload): View | null {
  if (!view) return null;
  const only = payload.province.communes.length === 1 ? payload.province.communes[0]!.code : null;
  if (only && view.area !== only) return { ...view, area: only };
  return view;
}

function Tablet({
  payload,
  user,
  client,
  initialLiveAt,
}: {
  payload: TabletPayload;
  user: UserSession;
  client: LiveClient;
  initialLiveAt: number | null;
}) {
  const [place, setPlace] = useState<TabletPlace>(() => {
    const p = parsePlace(window.location.search);
    return { ...p, view: withinScope(p.view, payload) };
  });
  const [meetingOpen, setMeetingOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [packOpen, setPackOpen] = useState(false);
  const [liveAt, setLiveAt] = useState<number | null>(initialLiveAt);
  const onLive = useCallback((at: number) => setLiveAt(at), []);

  // The meeting's view replaces ours without counting as our own navigation.
  const show = useCallback(
    (view: View) => {
      const v = withinScope(view, payload);
      setPlace((cur) => ({ ...cur, view: v }));
    },
    [payload],
  );
  const meeting = useMeeting(client, user.id, place.meeting, show);
  const meetingState = meeting.follow.mode === 'solo' ? null : meeting.follow.meeting;
  const meetingId = meetingState?.id ?? null;
  const frozen = Boolean(meetingState?.frozenAt);
  const packViews = useMeetingPack(meetingId, meetingState?.view ?? null);

  // The address follows the place (the meeting id too, so a reload rejoins).
  useEffect(() => {
    const search = formatPlace({ view: place.view, meeting: meetingId });
    if (search !== window.location.search) window.history.replaceState(null, '', `/tablet${search}`);
  }, [place.view, meetingId]);

  // A presenter's view names the period its screen shows, so the wall, the followers and the pack draw
  // the same window: a view without one is the wall's own live tiles (the year's running total beside
  // the tablet's month). That period comes from the group's figures; until they are in, the view waits.
  const [unsent, setUnsent] = useState<View | null>(null);
  const presenting = meeting.follow.mode === 'presenting';
  const { navigated } = meeting;
  /** Opens a view: a tap (`push`: a new history entry) or the browser's back and forward (`pop`). */
  const open = useCallback(
    (view: View | null, history: 'push' | 'pop') => {
      let v = withinScope(view, payload);
      let wait = false;
      if (presenting && v && !v.period) {
        const figures = client.store.getGroup(v.group);
        if (figures?.status === 'ready')
          v = { ...v, period: defaultPeriod(latestMonthOf(figures.values.values(), v.indicator), defaultMonth()) };
        else wait = figures?.status !== 'error';
      }
      if (history === 'push') window.history.pushState(null, '', `/tablet${formatPlace({ view: v, meeting: meetingId })}`);
      setPlace((cur) => ({ ...cur, view: v }));
      setUnsent(wait ? v : null);
      if (!wait) navigated(v);
    },
    [payload, meetingId, navigated, presenting, client],
  );
  const go = useCallback((view: View | null) => open(view, 'push'), [open]);
  // Back and forward are the user's moves too: a presenter's wall follows them.
  useEffect(() => {
    const onPop = () => open(parsePlace(window.location.search).view, 'pop');
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [open]);

  const group = place.view?.group ?? null;
  const groups = useMemo(() => (group ? [group] : []), [group]);
  useWantGroups(groups);
  useCachedGroups(client, '', groups, frozen, onLive);
  const gview = useGroupView(group ?? '');
  const latest = useMemo(
    () => latestMonthOf(gview ? gview.values.values() : [], place.view?.indicator),
    [gview, place.view?.indicator],
  );
  const period = place.view?.period ?? defaultPeriod(latest, defaultMonth());

  // The waiting view goes out with its period once its group's figures are in (or as it is, after a
  // while without them: the wall then shows its live tiles rather than the view before).
  useEffect(() => {
    if (!unsent) return;
    const send = (v: View) => {
      setUnsent(null);
      setPlace((cur) => (cur.view === unsent ? { ...cur, view: v } : cur));
      navigated(v);
    };
    if (gview?.status === 'ready' && unsent.group === group) return send({ ...unsent, period });
    if (gview?.status === 'error' && unsent.group === group) return send(unsent);
    const t = setTimeout(() => send(unsent), FIGURES_WAIT_MS);
    return () => clearTimeout(t);
  }, [unsent, gview, group, period, navigated]);

  const [notes, setNotes] = useState<Note[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    const fetchNotes = () =>
      loadFigureNotes(ctrl.signal)
        .then(setNotes)
        .catch(() => {}); // no notes service: no markers
    void fetchNotes();
    const socket = client.socket as unknown as { on(e: string, f: () => void): void; off(e: string, f: () => void): void };
    socket.on('note:changed', fetchNotes);
    return () => {
      ctrl.abort();
      socket.off('note:changed', fetchNotes);
    };
  }, [client]);

  const info = place.view?.indicator
    ? payload.groups.find((g) => g.id === group)?.indicators.find((i) => i.id === place.view?.indicator)
    : undefined;
  useEffect(() => {
    const where = place.view?.area ? areaName(payload, place.view.area) : payload.province.name;
    document.title = info ? `${info.name} · ${where}` : `${where} · Máy tính bảng`;
  }, [info, place.view?.area, payload]);

  const ctx: ScreenCtx = {
    payload,
    view: place.view,
    go,
    period,
    notes,
    canWrite: canPresent(user.role),
    meeting: meetingId,
    frozen,
    onLive,
  };
  const v = place.view;
  const groupInfo = payload.groups.find((g) => g.id === group);
  return (
    <main
      className="tablet"
      data-testid="tablet-page"
      data-communes={payload.province.communes.map((c) => c.code).join(',')}
      data-groups={payload.groups.map((g) => g.id).join(',')}
    >
      <header className="tablet-head">
        <nav className="crumbs" aria-label="Đường dẫn" data-testid="breadcrumbs">
          <button type="button" className="crumb crumb--home" onClick={() => go(null)} data-testid="crumb-home">
            Nhóm chỉ tiêu
          </button>
          {v && groupInfo ? (
            <>
              <span className="crumb-sep" aria-hidden="true">
                ›
              </span>
              <button
                type="button"
                className="crumb crumb--group"
                onClick={() =>
                  go({ group: v.group, ...(v.area ? { area: v.area } : {}), ...(v.period ? { period: v.period } : {}) })
                }
                data-testid="crumb-group"
              >
                {groupInfo.name}
              </button>
            </>
          ) : null}
          {v && info ? (
            <>
              <span className="crumb-sep" aria-hidden="true">
                ›
              </span>
              <button
                type="button"
                className="crumb crumb--indicator"
                onClick={() =>
                  go({
                    group: v.group,
                    indicator: info.id,
                    ...(v.area ? { area: v.area } : {}),
                    ...(v.period ? { period: v.period } : {}),
                  })
                }
                data-testid="crumb-indicator"
              >
                {info.name}
              </button>
            </>
          ) : null}
          {v && groupInfo ? (
            <>
              <span className="crumb-sep" aria-hidden="true">
                ·
              </span>
              {/* The province in one tap: the same group, indicator and period, without the commune. */}
              <button
                type="button"
                className="crumb crumb--place"
                onClick={() => {
                  const { area: _a, compare: _c, ...rest } = v;
                  go(rest);
                }}
                data-testid="crumb-province"
                disabled={payload.province.communes.length === 1}
              >
                {payload.province.name}
              </button>
            </>
          ) : null}
          {v?.area && v.area !== payload.province.code ? (
            <>
              <span className="crumb-sep" aria-hidden="true">
                ›
              </span>
              <span className="crumb crumb--current crumb--place" data-testid="crumb-commune">
                {areaName(payload, v.area)}
              </span>
            </>
          ) : null}
        </nav>
        <div className="tablet-tools">
          <ConnectionLine liveAt={liveAt} />
          <button
            type="button"
            className="tablet-button"
            onClick={() => setMeetingOpen(true)}
            data-testid="meeting-open"
            disabled={meetingId !== null}
          >
            Cuộc họp
          </button>
          <button
            type="button"
            className="tablet-button"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}
            data-testid="tablet-menu"
          >
            ☰ Menu
          </button>
        </div>
      </header>
      {menuOpen ? (
        <nav className="tablet-menu" data-testid="tablet-menu-panel">
          <span className="tablet-user-name" data-testid="tablet-user">
            {user.name}
          </span>
          <a className="tablet-button" href="/" data-testid="tablet-home">
            Trang chủ
          </a>
          <a className="tablet-button" href="/compliance" data-testid="tablet-compliance">
            Tình hình báo cáo
          </a>
          {!meetingId && v ? (
            <button type="button" className="tablet-button" onClick={() => setPackOpen(true)} data-testid="page-pdf">
              Xuất PDF trang này
            </button>
          ) : null}
          <SignOutButton className="tablet-button" />
        </nav>
      ) : null}
      <MeetingBand m={meeting} me={user.id} onPack={() => setPackOpen(true)} />
      {v ? (
        <div className="tablet-period">
          <PeriodPicker value={period} latest={latest} onChange={(p) => go({ ...v, period: p })} />
        </div>
      ) : null}
      <div className="tablet-body">
        <TabletScreen ctx={ctx} />
      </div>
      {packOpen ? (
        <PackDialog
          views={meetingId ? packViews : v ? [v] : []}
          meeting={meetingId}
          payload={payload}
          onClose={() => setPackOpen(false)}
        />
      ) : null}
      {meetingOpen ? <MeetingDialog m={meeting} canStart={canPresent(user.role)} onClose={() => setMeetingOpen(false)} /> : null}
    </main>
  );
}

/** How long a presenter's view waits for its group's figures to name its period (see `unsent`). */
const FIGURES_WAIT_MS = 3000;

function defaultMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Online: nothing to say. Offline: how old the figures on screen are. */
function ConnectionLine({ liveAt }: { liveAt: number | null }) {
  const c = useConnection();
  const minutes = useMinutesSince(liveAt);
  if (c.state === 'online') return null;
  const text =
    c.state === 'connecting' && liveAt === null
      ? 'Đang kết nối…'
      : `Mất kết nối — ${minutes === null ? 'chưa có số liệu lưu trên máy' : agoTextVi(minutes)}`;
  return (
    <span className="t-connection-line" data-testid="connection-line" role="status">
      {text}
    </span>
  );
}
