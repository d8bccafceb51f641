/**
 * What the tablet shows for a View (contract/meetings.ts): the groups; a group's KPI tiles; an
 * indicator's tile, trend, commune ranking and map; a commune's figures; communes or periods side by
 * side. The province's figures come from the page's connection; a commune's from a connection
 * subscribed with its `area`; rankings, the map and commune comparisons from the roll-up endpoint
 * (every commune's figure for the picked period) — from the frozen snapshot while the meeting is frozen.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { GroupInfo, IndicatorInfo, TabletPayload } from '../../../contract/http.ts';
import type { IndicatorValue } from '../../../contract/messages.ts';
import type { Note, View } from '../../../contract/meetings.ts';
import { ExportXlsxButton } from '../export/ExportXlsxButton.tsx';
import {
  compareLastYear,
  selectionLabelVi,
  selectionLastYear,
  seriesFromValues,
  type RollupAggregation,
  type RollupRow,
} from '../../../contract/rollup.ts';
import { competitionRanks } from '../../../contract/ranking.ts';
import { LiveContext, useAreaClient, useGroupView, useLive, useWantGroups } from '../live/react.ts';
import type { LiveClient } from '../live/client.ts';
import { EChart } from '../panels/trend-chart/EChart.tsx';
import { toEchartsOption, trendData, type TrendData } from '../panels/trend-chart/option.ts';
import { LegendBox } from '../map/LegendBox.tsx';
import { MapView } from '../map/MapView.tsx';
import { choroplethModel, communeFigures } from '../map/choropleth.ts';
import { attribution, licencesUrl, useGeo } from '../map/useGeo.ts';
import { formatNumber, formatSignedPercent, formatSignedPoints } from '../format/vi.ts';
import { kpiOf, periodShown } from './kpi.ts';
import { KpiTile } from './Kpi.tsx';
import { stepSelection } from './periods.ts';
import { loadRollup } from './api.ts';
import { useCachedGroups } from './useCachedGroups.ts';

export interface ScreenCtx {
  payload: TabletPayload;
  view: View | null;
  go: (view: View | null) => void;
  /** The picked period (the view's, else the default from the latest month). */
  period: string;
  /** Open and answered notes (the tiles' markers). */
  notes: readonly Note[];
  canWrite: boolean;
  meeting: string | null;
  /** The meeting's figures are frozen: rankings from the snapshot, nothing from the live endpoint. */
  frozen: boolean;
  onLive: (at: number) => void;
}

const aggOf = (info: IndicatorInfo) =>
  (['sum', 'avg', 'last', 'ratio'].includes(info.aggregation) ? info.aggregation : 'last') as RollupAggregation;

export function areaName(payload: TabletPayload, code: string | undefined): string {
  if (!code || code === payload.province.code) return payload.province.name;
  const c = payload.province.communes.find((x) => x.code === code);
  return c ? `${c.type} ${c.name}` : code;
}

export function TabletScreen({ ctx }: { ctx: ScreenCtx }) {
  const v = ctx.view;
  if (!v) return <GroupList ctx={ctx} />;
  const group = ctx.payload.groups.find((g) => g.id === v.group);
  if (!group) return <div className="tablet-wait">Nhóm chỉ tiêu không có trong phạm vi xem của tài khoản này.</div>;
  const info = v.indicator ? group.indicators.find((i) => i.id === v.indicator) : undefined;
  if (v.compare?.areas && info) return <CompareAreas ctx={ctx} info={info} areas={v.compare.areas} />;
  const area = v.area && v.area !== ctx.payload.province.code ? v.area : null;
  return (
    <AreaData ctx={ctx} group={group.id} area={area}>
      {(values) =>
        v.compare?.periods && info ? (
          <ComparePeriods ctx={ctx} info={info} values={values} periods={v.compare.periods} area={area} />
        ) : info ? (
          <IndicatorScreen ctx={ctx} group={group} info={info} values={values} area={area} />
        ) : (
          <GroupScreen ctx={ctx} group={group} values={values} area={area} />
        )
      }
    </AreaData>
  );
}

function GroupList({ ctx }: { ctx: ScreenCtx }) {
  return (
    <div className="t-screen-scroll">
      <h2 className="t-screen-title">Nhóm chỉ tiêu</h2>
      <div className="t-group-grid" data-testid="group-list">
        {ctx.payload.groups.map((g) => (
          <button
            key={g.id}
            type="button"
            className="t-group-card"
            data-testid={`group-${g.id}`}
            onClick={() => ctx.go({ group: g.id, ...(ctx.view?.period ? { period: ctx.view.period } : {}) })}
          >
            <span className="t-group-card-name">{g.name}</span>
            <span className="t-group-card-sub">{g.indicators.length} chỉ tiêu</span>
          </button>
        ))}
      </div>
    </div>
  );
}

/** The values of one group in one area: the page's connection for the province, a commune's own otherwise. */
function AreaData(p: { ctx: ScreenCtx; group: string; area: string | null; children: (values: IndicatorValue[]) => ReactNode }) {
  if (p.area) return <CommuneData {...p} area={p.area} />;
  return <ProvinceData {...p} />;
}

function ProvinceData(p: { ctx: ScreenCtx; group: string; children: (values: IndicatorValue[]) => ReactNode }) {
  useWantGroups([p.group]);
  const view = useGroupView(p.group);
  const code = p.ctx.payload.province.code;
  const values = useMemo(() => (view ? [...view.values.values()] : []), [view]);
  if (!view || (view.status === 'loading' && values.length === 0)) return <div className="tablet-wait">Đang tải số liệu…</div>;
  if (view.status === 'error' && values.length === 0) return <div className="tablet-wait">⚠ {view.error}</div>;
  return (
    <>{p.children(values.filter((x) => x.area === code || p.ctx.payload.province.communes.some((c) => c.code === x.area)))}</>
  );
}

/** The page's own (province) connection, for what a commune's screen shows of the whole province. */
const ProvinceLiveContext = createContext<LiveClient | null>(null);

/** The group's province values (every commune's too) from the page's connection, inside a commune's screen. */
function ProvinceValues(p: { ctx: ScreenCtx; group: string; children: (values: IndicatorValue[]) => ReactNode }) {
  const province = useContext(ProvinceLiveContext);
  if (!province) return <ProvinceData {...p} />;
  return (
    <LiveContext value={province}>
      <ProvinceData {...p} />
    </LiveContext>
  );
}

function CommuneData(p: { ctx: ScreenCtx; group: string; area: string; children: (values: IndicatorValue[]) => ReactNode }) {
  const province = useLive();
  const client = useAreaClient(p.area);
  const { meeting, frozen } = p.ctx;
  useEffect(() => client.setMeeting(frozen ? meeting : null), [client, frozen, meeting]);
  useCachedGroups(client, p.area, [p.group], frozen, p.ctx.onLive);
  return (
    <ProvinceLiveContext value={province}>
      <LiveContext value={client}>
        <CommuneValues {...p} />
      </LiveContext>
    </ProvinceLiveContext>
  );
}

function CommuneValues(p: { ctx: ScreenCtx; group: string; area: string; children: (values: IndicatorValue[]) => ReactNode }) {
  useWantGroups([p.group]);
  const view = useGroupView(p.group);
  const values = useMemo(() => (view ? [...view.values.values()].filter((v) => v.area === p.area) : []), [view, p.area]);
  if (!view || (view.status === 'loading' && values.length === 0))
    return <div className="tablet-wait">Đang tải số liệu của xã…</div>;
  if (view.status === 'error' && values.length === 0) return <div className="tablet-wait">⚠ {view.error}</div>;
  return <>{p.children(values)}</>;
}

function GroupScreen(p: { ctx: ScreenCtx; group: GroupInfo; values: IndicatorValue[]; area: string | null }) {
  const area = p.area ?? p.ctx.payload.province.code;
  const indicators = p.area ? p.group.indicators.filter((i) => i.communeLevel) : p.group.indicators;
  return (
    <div className="t-screen-scroll">
      <h2 className="t-screen-title">
        {p.group.name} · {areaName(p.ctx.payload, area)}
        <ExportXlsxButton
          buttonClassName="tablet-button"
          label="Xuất Excel"
          request={{ kind: 'table', group: p.group.id, area, ...exportPeriod(p.ctx.period) }}
        />
      </h2>
      {indicators.length === 0 ? (
        <div className="tablet-wait" data-testid="group-no-communes">
          Nhóm này chỉ có số liệu toàn tỉnh, không có số liệu theo xã, phường.
        </div>
      ) : null}
      <div className="tkpi-grid" data-testid="group-kpis">
        {indicators.map((info) => (
          <KpiTile
            key={info.id}
            name={info.name}
            model={kpiOf(
              info,
              area,
              p.values.filter((v) => v.indicator === info.id && v.area === area),
              p.ctx.period,
            )}
            // With the period its tile showed, as a commune pick does: in a meeting the wall then draws that
            // figure, not its own live tile (the year's running total beside the tablet's month).
            onOpen={() => p.ctx.go({ ...p.ctx.view!, indicator: info.id, period: p.ctx.period })}
            notes={p.ctx.notes}
            canWrite={p.ctx.canWrite}
            meeting={p.ctx.meeting}
          />
        ))}
      </div>
    </div>
  );
}

/** Every commune's figure for the period: the roll-up endpoint, or the frozen snapshot's own rows. */
function useCommuneRows(
  ctx: ScreenCtx,
  info: IndicatorInfo,
  provinceValues: readonly IndicatorValue[] | null,
): RollupRow[] | null {
  const { frozen } = ctx;
  // At the indicator's own cadence, as its tile (kpi.ts): a yearly figure ranks by its year.
  const period = periodShown(ctx.period, info, provinceValues);
  const key = `${info.id}|${period}`;
  // Rows of another indicator or period (the answer to a previous request) are never shown.
  const [answer, setAnswer] = useState<{ key: string; rows: RollupRow[] } | null>(null);
  useEffect(() => {
    if (frozen) return;
    const ctrl = new AbortController();
    loadRollup(info.id, period, ctrl.signal)
      .then((r) => setAnswer({ key, rows: r.body.rows.filter((x) => x.area !== ctx.payload.province.code) }))
      .catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) setAnswer({ key, rows: [] });
      });
    return () => ctrl.abort();
  }, [info.id, period, frozen, key, ctx.payload.province.code]);
  const rows = answer && answer.key === key ? answer.rows : null;
  const fromSnapshot = useMemo(() => {
    if (!frozen || !provinceValues) return null;
    const out: RollupRow[] = [];
    for (const c of ctx.payload.province.communes) {
      const mine = provinceValues.filter((v) => v.indicator === info.id && v.area === c.code);
      if (!mine.length) continue;
      const r = compareLastYear(seriesFromValues(mine), period, aggOf(info), info.unit);
      if (r.current && r.current.value !== null)
        out.push({ area: c.code, rollup: r.current, lastYear: r.lastYear?.value ?? null, change: r.change, points: r.points });
    }
    return out;
  }, [frozen, provinceValues, ctx.payload.province.communes, info, period]);
  return frozen ? fromSnapshot : rows;
}

/** The export takes reported periods only (a month, quarter, half-year or year); a roll-up exports its latest. */
function exportPeriod(period: string): { period?: string } {
  return /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/.test(period) ? { period } : {};
}

function changeText(r: RollupRow): string {
  if (r.change === null) return '';
  return r.points ? formatSignedPoints(r.change) : formatSignedPercent(r.change);
}

function IndicatorScreen(p: {
  ctx: ScreenCtx;
  group: GroupInfo;
  info: IndicatorInfo;
  values: IndicatorValue[];
  area: string | null;
}) {
  const { ctx, info } = p;
  const area = p.area ?? ctx.payload.province.code;
  const mine = useMemo(() => p.values.filter((v) => v.indicator === info.id && v.area === area), [p.values, info.id, area]);
  const model = kpiOf(info, area, mine, ctx.period);
  const trend = useMemo(() => trendData(info, mine, false), [info, mine]);
  const [picking, setPicking] = useState<string[] | null>(null);
  const view = ctx.view!;
  const compareWith = () => {
    const prev = stepSelection(ctx.period, -1);
    const ly = selectionLastYear(ctx.period);
    const periods = [ctx.period, ...(ly ? [ly] : []), ...(prev && prev !== ly ? [prev] : [])];
    ctx.go({ ...view, period: ctx.period, compare: { periods } });
  };
  const pane = {
    ctx,
    info,
    selected: p.area,
    picking,
    onPick: (code: string) => {
      if (picking) {
        setPicking(picking.includes(code) ? picking.filter((c) => c !== code) : [...picking, code].slice(0, 8));
      } else ctx.go({ ...view, area: code, period: ctx.period });
    },
  };
  return (
    <div className="t-indicator-screen">
      <div className="t-indicator-main t-screen-scroll">
        <KpiTile
          name={`${info.name} · ${areaName(ctx.payload, area)}`}
          model={model}
          big
          notes={ctx.notes}
          canWrite={ctx.canWrite}
          meeting={ctx.meeting}
          testId="kpi-main"
        />
        <div className="t-screen-actions">
          <button type="button" className="tablet-button" onClick={compareWith} data-testid="compare-periods">
            So sánh các kỳ
          </button>
          {info.communeLevel && ctx.payload.province.communes.length > 1 ? (
            <button
              type="button"
              className="tablet-button"
              onClick={() => setPicking(picking ? null : p.area ? [p.area] : [])}
              data-testid="compare-areas"
            >
              {picking ? 'Thôi so sánh' : 'So sánh xã, phường'}
            </button>
          ) : null}
          <ExportXlsxButton
            buttonClassName="tablet-button"
            label="Xuất Excel"
            request={{ kind: 'tile', group: view.group, indicator: info.id, area, ...exportPeriod(ctx.period) }}
          />
          {info.communeLevel ? (
            <ExportXlsxButton
              buttonClassName="tablet-button"
              label="Xuất Excel xếp hạng"
              request={{ kind: 'ranking', group: view.group, indicator: info.id, ...exportPeriod(ctx.period) }}
            />
          ) : null}
          {picking && picking.length >= 2 ? (
            <button
              type="button"
              className="tablet-button tablet-button--primary"
              onClick={() => ctx.go({ group: view.group, indicator: info.id, period: ctx.period, compare: { areas: picking } })}
              data-testid="compare-go"
            >
              Xem so sánh ({picking.length})
            </button>
          ) : null}
        </div>
        {trend ? <Trend info={info} trend={trend} /> : null}
      </div>
      {info.communeLevel ? (
        p.area ? (
          // A commune's screen ranks it among the others: the province's values (frozen, the ranking is
          // built from them; live, they say which period the tile shows), not the commune's own.
          <ProvinceValues ctx={ctx} group={view.group}>
            {(provinceValues) => <CommunePane {...pane} provinceValues={provinceValues} />}
          </ProvinceValues>
        ) : (
          <CommunePane {...pane} provinceValues={p.values} />
        )
      ) : null}
    </div>
  );
}

function Trend({ info, trend }: { info: IndicatorInfo; trend: TrendData }) {
  const key = JSON.stringify(trend);
  const option = useMemo(() => toEchartsOption(info, JSON.parse(key) as TrendData), [info, key]);
  return <EChart className="tablet-trend" option={option} notMerge />;
}

/**
 * The map and the ranking of communes. The map sits in a pane that never scrolls (the ranking scrolls
 * on its own beside or below it): a finger dragging over the map pans the map, and one scrolling the
 * list never lands on it — no drag-to-pan accidents.
 */
function CommunePane(p: {
  ctx: ScreenCtx;
  info: IndicatorInfo;
  provinceValues: readonly IndicatorValue[] | null;
  selected: string | null;
  picking: string[] | null;
  onPick: (code: string) => void;
}) {
  const { ctx, info } = p;
  const rows = useCommuneRows(ctx, info, p.provinceValues);
  const shown = periodShown(ctx.period, info, p.provinceValues);
  const codes = useMemo(() => ctx.payload.province.communes.map((c) => c.code), [ctx.payload]);
  const communes = useGeo('communes');
  const [legendOpen, setLegendOpen] = useState(true);
  const model = useMemo(() => {
    if (!rows) return null;
    const values: IndicatorValue[] = rows
      .filter((r) => r.rollup.value !== null)
      .map((r) => ({
        indicator: info.id,
        area: r.area,
        period: shown,
        value: r.rollup.value,
        plan: r.rollup.plan,
        status: r.rollup.status ?? 'official',
        updatedAt: r.rollup.updatedAt ?? '',
      }));
    return choroplethModel(info, communeFigures(info, values, codes, shown), codes);
  }, [rows, info, codes, shown]);
  const sorted = useMemo(() => {
    const list = (rows ?? []).filter((r) => r.rollup.value !== null);
    const dir = info.higherIsBetter ? -1 : 1;
    return list.sort((a, b) => dir * ((a.rollup.value ?? 0) - (b.rollup.value ?? 0)));
  }, [rows, info.higherIsBetter]);
  // Equal figures (as read) share a rank, as on the wall (contract/ranking.ts).
  const ranks = useMemo(() => competitionRanks(sorted, (r) => formatNumber(r.rollup.value!)), [sorted]);
  return (
    <div className="t-commune-pane">
      <section className="tablet-map" data-testid="tablet-map">
        {communes.state === 'ready' && model ? (
          <>
            <MapView
              communes={communes.data}
              view="province"
              layers={['choropleth', 'labels']}
              fills={model.fills}
              fillsKey={model.key}
              selected={p.selected}
              onSelect={(code) => code && codes.includes(code) && p.onPick(code)}
              focus={null}
              interactive
              labelPx={14}
              attribution={attribution.vi}
              licencesUrl={licencesUrl}
            />
            <div className="t-map-legend">
              <button
                type="button"
                className="t-legend-toggle"
                onClick={() => setLegendOpen(!legendOpen)}
                aria-expanded={legendOpen}
                data-testid="legend-toggle"
              >
                {legendOpen ? 'Ẩn chú giải' : 'Chú giải'}
              </button>
              {legendOpen ? <LegendBox legend={model.legend} /> : null}
            </div>
          </>
        ) : (
          <div className="tablet-wait">
            {communes.state === 'error' ? `Không tải được ranh giới: ${communes.message}` : 'Đang tải bản đồ…'}
          </div>
        )}
      </section>
      <section className="tablet-ranking t-screen-scroll" data-testid="ranking">
        <h3>
          Xếp hạng xã, phường · {selectionLabelVi(shown)}
          {ctx.frozen ? ' (số liệu chốt)' : ''}
        </h3>
        {rows && sorted.length ? (
          <div className="t-rank-count" data-testid="ranking-count">
            {sorted.length}/{codes.length} xã, phường có số liệu
          </div>
        ) : null}
        {rows === null ? <div className="tablet-wait">Đang tải…</div> : null}
        {rows && !sorted.length ? <div className="tablet-wait">Chưa có số liệu xã, phường cho kỳ này</div> : null}
        <ol>
          {sorted.map((r, i) => {
            const on = p.picking ? p.picking.includes(r.area) : p.selected === r.area;
            return (
              <li key={r.area}>
                <button
                  type="button"
                  className={`t-rank-row${on ? ' t-rank-row--on' : ''}`}
                  onClick={() => p.onPick(r.area)}
                  data-testid={`rank-${r.area}`}
                  aria-pressed={on}
                >
                  <span className="t-rank-n">{ranks[i]}</span>
                  <span className="t-rank-name">
                    {areaName(ctx.payload, r.area)}
                    {r.rollup.implausible ? (
                      <span className="t-rank-check" data-testid="rank-check">
                        ⚠ cần kiểm tra
                      </span>
                    ) : null}
                  </span>
                  <span className="t-rank-value">{formatNumber(r.rollup.value!)}</span>
                  <span className="t-rank-change">{changeText(r)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

function CompareAreas(p: { ctx: ScreenCtx; info: IndicatorInfo; areas: string[] }) {
  const { ctx, info } = p;
  useWantGroups([info.group]);
  const view = useGroupView(info.group);
  const provinceValues = useMemo(() => (view ? [...view.values.values()] : null), [view]);
  const rows = useCommuneRows(ctx, info, provinceValues);
  return (
    <div className="t-screen-scroll">
      <h2 className="t-screen-title">
        {info.name} · {selectionLabelVi(ctx.period)}
      </h2>
      <div className="t-compare-grid" data-testid="compare-areas-view">
        {p.areas.map((code) => {
          const r = rows?.find((x) => x.area === code);
          return (
            <section key={code} className="t-compare-col" data-testid={`compare-${code}`}>
              <h3>{areaName(ctx.payload, code)}</h3>
              <div className="tkpi-figure">
                <span className="tkpi-value">{r && r.rollup.value !== null ? formatNumber(r.rollup.value) : '—'}</span>{' '}
                <small>{info.unit}</small>
              </div>
              {r && !r.rollup.complete ? <div className="tkpi-incomplete">Chưa đủ số liệu</div> : null}
              {r && r.change !== null ? <div>{changeText(r)} so với cùng kỳ</div> : null}
              {r && r.rollup.pctOfPlan !== null ? <div>{formatNumber(r.rollup.pctOfPlan)}% kế hoạch</div> : null}
            </section>
          );
        })}
      </div>
      <button
        type="button"
        className="tablet-button"
        onClick={() => ctx.go({ group: info.group, indicator: info.id, period: ctx.period })}
        data-testid="compare-close"
      >
        Thôi so sánh
      </button>
    </div>
  );
}

function ComparePeriods(p: {
  ctx: ScreenCtx;
  info: IndicatorInfo;
  values: IndicatorValue[];
  periods: string[];
  area: string | null;
}) {
  const { ctx, info } = p;
  const area = p.area ?? ctx.payload.province.code;
  const mine = p.values.filter((v) => v.indicator === info.id && v.area === area);
  return (
    <div className="t-screen-scroll">
      <h2 className="t-screen-title">
        {info.name} · {areaName(ctx.payload, area)}
      </h2>
      <div className="t-compare-grid" data-testid="compare-periods-view">
        {p.periods.map((code) => (
          <KpiTile
            key={code}
            name={selectionLabelVi(code)}
            model={kpiOf(info, area, mine, code)}
            notes={ctx.notes}
            canWrite={ctx.canWrite}
            meeting={ctx.meeting}
          />
        ))}
      </div>
      <button
        type="button"
        className="tablet-button"
        onClick={() => {
          const { compare: _c, ...rest } = ctx.view!;
          ctx.go(rest);
        }}
        data-testid="compare-close"
      >
        Thôi so sánh
      </button>
    </div>
  );
}
