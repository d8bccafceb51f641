/**
 * The tablet: the province map almost full-screen; tap or click a commune for its figures (KPI, trend,
 * rank among communes, history across the 2025 reform); `Khánh Hòa` in the breadcrumbs returns to the
 * province in one tap. Touch targets ≥ 44 px; nothing depends on hover.
 * Only a signed-in person opens it (no session: the sign-in page, which returns here); the server cuts
 * every answer to their scope, and the page lists only the communes and groups the session may read (a
 * commune official sees their own commune, opened at once).
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { HistoryPayload, TabletPayload } from '../../../contract/http.ts';
import type { IndicatorInfo } from '../../../contract/http.ts';
import { ApiError } from '../api/client.ts';
import { getHistory, getTablet } from '../api/endpoints.ts';
import type { LiveClient } from '../live/client.ts';
import { LiveContext, useGroupView, useLive, useLiveClient, useWantGroups } from '../live/react.ts';
import { groupKey } from '../live/store.ts';
import { useAlerts, useCameras } from '../live/alerts.ts';
import { useNow } from '../live/clock.ts';
import { groupOfIndicator, valuesOfIndicator } from '../panels/common/values.ts';
import { EChart } from '../panels/trend-chart/EChart.tsx';
import { toEchartsOption, type TrendData } from '../panels/trend-chart/option.ts';
import { LegendBox } from '../map/LegendBox.tsx';
import { MapView } from '../map/MapView.tsx';
import { choroplethModel, communeFigures } from '../map/choropleth.ts';
import { attribution, licencesUrl, useGeo } from '../map/useGeo.ts';
import { useAlertLayers } from '../map/useAlertLayers.ts';
import { communeDetail } from './detail.ts';
import { useRequireUser } from '../session/useSession.ts';
import type { UserSession } from '../session/session.ts';
import { SignOutButton } from '../home/SignOutButton.tsx';
import './tablet.css';

type Load = { state: 'loading' } | { state: 'ready'; payload: TabletPayload } | { state: 'error'; message: string };

export default function TabletApp() {
  const who = useRequireUser();
  if (who.state === 'error')
    return (
      <Notice title="Không liên lạc được máy chủ" detail={`${who.message} — đang thử lại.`}>
        <button type="button" className="tablet-button" onClick={who.retry}>
          Thử lại
        </button>
      </Notice>
    );
  if (who.state === 'waiting') return <Notice title="Đang kiểm tra đăng nhập…" />;
  return <SignedInTablet user={who.user} />;
}

function SignedInTablet({ user }: { user: UserSession }) {
  const client = useLiveClient();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    getTablet({ cache: 'no-store' })
      .then((payload) => live && setLoad({ state: 'ready', payload }))
      .catch((err: Error) => live && setLoad({ state: 'error', message: tabletLoadError(err) }));
    return () => {
      live = false;
    };
  }, []);
  if (load.state === 'error') return <Notice title="Không tải được dữ liệu" detail={load.message} />;
  if (load.state === 'loading') return <Notice title="Đang kết nối…" />;
  return (
    <LiveContext value={client}>
      <Tablet payload={load.payload} user={user} />
    </LiveContext>
  );
}

function tabletLoadError(err: Error): string {
  if (!(err instanceof ApiError)) return err.message;
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

function Tablet({ payload, user }: { payload: TabletPayload; user: UserSession }) {
  const indicators = useMemo(() => payload.groups.flatMap((g) => g.indicators.filter((i) => i.communeLevel)), [payload]);
  const [indicatorId, setIndicatorId] = useState(payload.defaultIndicator ?? indicators[0]?.id ?? '');
  // The communes this person may open (the server lists only those); one alone is opened at once.
  const mine = payload.province.communes;
  const only = mine.length === 1 ? mine[0]!.code : null;
  const [selected, setSelected] = useState<string | null>(only);
  const select = (code: string | null) => setSelected(code === null || mine.some((c) => c.code === code) ? code : null);
  const info = indicators.find((i) => i.id === indicatorId);
  const group = groupOfIndicator(indicatorId);
  useWantGroups([group]);
  const view = useGroupView(group);
  const values = useMemo(() => (view ? valuesOfIndicator(view.values, indicatorId) : []), [view, indicatorId]);
  const codes = useMemo(() => payload.province.communes.map((c) => c.code), [payload]);
  const model = useMemo(
    () => (info ? choroplethModel(info, communeFigures(info, values, codes), codes) : null),
    [info, values, codes],
  );
  const communes = useGeo('communes');
  const alerts = useAlerts();
  const cameras = useCameras();
  const alertData = useAlertLayers(alerts, cameras, 60);
  const commune = payload.province.communes.find((c) => c.code === selected) ?? null;
  const outer = useLive();
  useEffect(() => {
    document.title = commune ? `${commune.name} · ${payload.province.name}` : `${payload.province.name} · Máy tính bảng`;
  }, [commune, payload.province.name]);

  return (
    <main
      className="tablet"
      data-testid="tablet-page"
      data-communes={mine.map((c) => c.code).join(',')}
      data-groups={payload.groups.map((g) => g.id).join(',')}
    >
      <header className="tablet-head">
        <nav className="crumbs" aria-label="Đường dẫn" data-testid="breadcrumbs">
          <button type="button" className="crumb" onClick={() => select(only)} data-testid="crumb-province">
            {payload.province.name}
          </button>
          {commune ? (
            <>
              <span className="crumb-sep" aria-hidden="true">
                ›
              </span>
              <span className="crumb crumb--current" data-testid="crumb-commune">
                {commune.type} {commune.name}
              </span>
            </>
          ) : null}
        </nav>
        <label className="indicator-pick">
          <span>Chỉ tiêu</span>
          <select value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)} data-testid="indicator-select">
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <div className="tablet-user">
          <a className="tablet-button" href="/" data-testid="tablet-home">
            Trang chủ
          </a>
          <span className="tablet-user-name" data-testid="tablet-user">
            {user.name}
          </span>
          <SignOutButton className="tablet-button" />
        </div>
      </header>
      <div className={`tablet-body${commune ? ' tablet-body--detail' : ''}`}>
        <section className="tablet-map" data-testid="tablet-map">
          {communes.state === 'ready' && model ? (
            <>
              <MapView
                communes={communes.data}
                view="province"
                layers={['choropleth', 'labels', 'cameras', 'alerts']}
                fills={model.fills}
                fillsKey={model.key}
                selected={selected}
                onSelect={select}
                focus={only}
                cameras={alertData.cameras}
                alertPoints={alertData.points}
                pulses={alertData.pulses}
                interactive
                labelPx={14}
                attribution={attribution.vi}
                licencesUrl={licencesUrl}
              />
              <LegendBox legend={model.legend} />
            </>
          ) : (
            <div className="tablet-wait">
              {communes.state === 'error' ? `Không tải được ranh giới: ${communes.message}` : 'Đang tải bản đồ…'}
            </div>
          )}
        </section>
        {commune && info ? (
          <OuterContext value={outer}>
            <CommunePanel
              key={commune.code}
              code={commune.code}
              name={`${commune.type} ${commune.name}`}
              groupIndicators={payload.groups.find((g) => g.id === group)?.indicators.filter((i) => i.communeLevel) ?? []}
              focus={info}
              communes={payload.province.communes}
              onClose={() => select(only)}
              closable={only === null}
            />
          </OuterContext>
        ) : null}
      </div>
    </main>
  );
}

/** The commune's own live series (a second connection subscribed with `area`), plus its history. */
function CommunePanel(p: {
  code: string;
  name: string;
  groupIndicators: IndicatorInfo[];
  focus: IndicatorInfo;
  communes: { code: string; name: string; type: string }[];
  onClose: () => void;
  closable: boolean;
}) {
  const client = useLiveClient({ area: p.code });
  const group = p.focus.group;
  const [history, setHistory] = useState<HistoryPayload | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    getHistory(p.code, group, { signal: ctrl.signal })
      .then(setHistory)
      .catch(() => {}); // no history: the commune's own series still shows
    return () => ctrl.abort();
  }, [p.code, group]);
  return (
    <aside className="commune-panel" data-testid="commune-detail" data-code={p.code}>
      <div className="commune-panel-head">
        <h2>{p.name}</h2>
        {p.closable ? (
          <button type="button" className="close" onClick={p.onClose} aria-label="Quay lại toàn tỉnh">
            ✕
          </button>
        ) : null}
      </div>
      {client ? (
        <LiveContext value={client}>
          <CommuneFigures {...p} history={history} />
        </LiveContext>
      ) : null}
    </aside>
  );
}

function CommuneFigures(p: {
  code: string;
  groupIndicators: IndicatorInfo[];
  focus: IndicatorInfo;
  communes: { code: string; name: string; type: string }[];
  history: HistoryPayload | null;
}) {
  const group = p.focus.group;
  useWantGroups([group]);
  const mine = useGroupView(group);
  // The province-wide view (outer connection) ranks the communes.
  const outer = useOuterGroup(group);
  const now = useNow();
  const list = useMemo(() => [p.focus, ...p.groupIndicators.filter((i) => i.id !== p.focus.id)], [p.focus, p.groupIndicators]);
  if (!mine || mine.status === 'loading') return <div className="tablet-wait">Đang tải số liệu của xã…</div>;
  if (mine.status === 'error') return <div className="tablet-wait">⚠ {mine.error}</div>;
  const own = [...mine.values.values()];
  const wide = outer ? [...outer.values.values()] : [];
  return (
    <div className="commune-figures">
      {list.map((info, i) => {
        const d = communeDetail(info, p.code, own, wide, p.communes, p.history?.figures ?? [], now);
        const h = d.headline;
        return (
          <section key={info.id} className="commune-kpi" data-testid={`commune-kpi-${i}`}>
            <h3>{info.name}</h3>
            {h ? (
              <>
                <div className="commune-kpi-figure">
                  <span data-testid="commune-kpi-value">{h.figureText}</span> <small>{h.unit}</small>
                </div>
                <div className="commune-kpi-sub">
                  {h.figureLabel} · {h.statusText}
                </div>
                {h.comparison ? (
                  <div className={`tone-${h.comparison.tone}`}>
                    {h.comparison.arrow} {h.comparison.text} so với cùng kỳ
                    {d.approximate
                      ? ' (số cùng kỳ quy đổi gần đúng từ đơn vị cũ)'
                      : d.crosswalked
                        ? ' (số cùng kỳ quy đổi từ đơn vị cũ)'
                        : ''}
                  </div>
                ) : null}
                {d.rankText && p.communes.length > 1 ? <div className="commune-rank">{d.rankText}</div> : null}
              </>
            ) : (
              <div className="commune-kpi-sub">Chưa có số liệu</div>
            )}
            {i === 0 && d.trend ? <CommuneTrend info={info} trend={d.trend} /> : null}
            {i === 0 && d.crosswalked ? (
              <div className="commune-note">
                Trước 01/7/2025: số của các xã, phường cũ quy đổi theo bảng chuyển đổi
                {d.approximate ? `; ${d.approximate} kỳ là số gần đúng vì có đơn vị cũ bị chia tách` : ''}.
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

/**
 * The focused indicator's trend. Its figures are rebuilt on every render of the commune's panel (the
 * province-wide view changes every few seconds): the chart gets a new option only when they changed.
 */
function CommuneTrend({ info, trend }: { info: IndicatorInfo; trend: TrendData }) {
  const key = JSON.stringify(trend);
  const option = useMemo(() => toEchartsOption(info, JSON.parse(key) as TrendData), [info, key]);
  return <EChart className="commune-trend" option={option} notMerge />;
}

/** The province-wide connection's view of a group (for the rank among communes). */
const OuterContext = createContext<LiveClient | null>(null);
function useOuterGroup(group: string) {
  const client = useContext(OuterContext);
  return useSyncExternalStore(
    (cb) => (client ? client.store.subscribe(groupKey(group), cb) : () => {}),
    () => client?.store.getGroup(group),
  );
}
