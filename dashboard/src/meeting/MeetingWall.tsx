/**
 * A wall display following a meeting: the meeting's view laid out for the wall (layout.ts), under a
 * band that names the meeting, the presenter and — while frozen — "Số liệu chốt lúc …". The figures come
 * through the meeting (`group:subscribe { meeting }`): frozen snapshots while frozen, live otherwise, one
 * connection per area shown, the last few areas kept open across views. Clients are rebuilt when the
 * meeting freezes or unfreezes, so every panel resubscribes and never mixes frozen and live figures.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ScreenPayload } from '../../../contract/http.ts';
import type { MeetingContext } from '../../../contract/meeting-pack.ts';
import type { MeetingState } from '../../../contract/meetings.ts';
import { minTypeDesignPx } from '../../../contract/wall.ts';
import { LiveClient } from '../live/client.ts';
import { Canvas } from '../walls/Canvas.tsx';
import { ConnectionState } from '../walls/Header.tsx';
import { getMeetingContext } from './api.ts';
import { AreaClients, KEEP_AREAS } from '../live/area-clients.ts';
import { frozenLabel, meetingLineParts, bandViewParts, type BandPart } from './labels.ts';
import { BandLine } from './BandLine.tsx';
import { viewLayout } from './layout.ts';
import { MeetingPanels } from './MeetingPanels.tsx';
import { preloadPeriodPanels } from './period/PeriodPanelHost.tsx';
import './meeting.css';

/**
 * One live client per area shown, for this meeting and this frozen moment (or live); areas shown
 * recently stay connected (live/area-clients.ts), so going back to one shows its figures at once.
 */
function useSectionClients(
  areas: readonly string[],
  screen: string,
  meeting: string,
  frozenAt: string | null,
  provinceCode: string,
) {
  // A new pool when the meeting freezes or unfreezes: frozen and live figures never share a client.
  const epoch = `${meeting}|${frozenAt ?? 'live'}`;
  const pool = useMemo(() => {
    const m = epoch.slice(0, epoch.lastIndexOf('|'));
    return new AreaClients(
      (area) => new LiveClient({ screen, meeting: m, ...(area !== provinceCode ? { area } : {}) }),
      KEEP_AREAS,
    );
  }, [screen, epoch, provinceCode]);
  const key = [...areas].sort().join(',');
  const clients = useMemo(() => pool.peek(key.split(',').filter(Boolean)), [pool, key]);
  useEffect(() => pool.use([...clients.keys()]), [pool, clients]);
  useEffect(() => () => pool.closeAll(), [pool]);
  return clients;
}

/** The band's height for this minimum type size: two lines at that size (design pixels). */
export const bandHeight = (minType: number | undefined) => Math.max(104, Math.ceil((minType ?? 40) * 2.5) + 20);

/** The band's height on a display's meeting canvas (its first page's design, the wall's minimum type). */
export function wallBandHeight(payload: ScreenPayload): number {
  const d = payload.display;
  return bandHeight(d ? minTypeDesignPx(d.minTypePx, payload.screen.design, d.display) : undefined);
}

export function MeetingBand({ state, title, height }: { state: MeetingState; title: BandPart[]; height: number }) {
  return (
    <header className="meeting-band" data-testid="meeting-band" style={{ height }}>
      <div className="meeting-band-line">
        <div className="meeting-band-title" data-testid="meeting-title">
          <BandLine parts={meetingLineParts(state.title, state.presenter.name)} />
        </div>
        {state.frozenAt ? (
          <div className="meeting-frozen" data-testid="meeting-frozen" role="status">
            {frozenLabel(state.frozenAt)}
          </div>
        ) : (
          <ConnectionState />
        )}
      </div>
      <h1 className="meeting-band-view" data-testid="meeting-view">
        <BandLine parts={title} />
      </h1>
    </header>
  );
}

export function MeetingWall({
  state,
  payload,
  screen,
  alertLayer,
}: {
  state: MeetingState;
  payload: ScreenPayload;
  screen: string;
  /** Receives the layer over the meeting's panels where the display's critical-alert takeover draws. */
  alertLayer?: (el: HTMLDivElement | null) => void;
}) {
  const [ctx, setCtx] = useState<MeetingContext | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    getMeetingContext(state.id, { signal: ctrl.signal })
      .then((c) => setCtx(c))
      .catch((err: Error) => !ctrl.signal.aborted && setProblem(err.message));
    return () => ctrl.abort();
  }, [state.id]);
  const design = payload.screen.design;
  const d = payload.display;
  const minType = d ? minTypeDesignPx(d.minTypePx, design, d.display) : undefined;
  const band = wallBandHeight(payload);
  const province = ctx?.province ?? payload.province;
  const groups = useMemo(() => ctx?.groups ?? [], [ctx]);
  const layout = useMemo(
    () => (state.view && ctx ? viewLayout(state.view, groups, province.code, 'wall') : null),
    [state.view, ctx, groups, province.code],
  );
  const areas = useMemo(() => layout?.sections.map((s) => s.area) ?? [], [layout]);
  const clients = useSectionClients(areas, screen, state.id, state.frozenAt, province.code);
  useEffect(preloadPeriodPanels, []);
  useEffect(() => {
    document.title = `${state.title} · ${province.name}`;
  }, [state.title, province.name]);
  const rollups = useMemo(
    () => ({ kind: 'meeting' as const, id: state.id, frozenAt: state.frozenAt }),
    [state.id, state.frozenAt],
  );
  const title = state.view
    ? bandViewParts(state.view, groups, province)
    : [{ text: 'Đang chờ người chủ trì chọn nội dung', shrink: 1 }];
  return (
    <Canvas design={design} minType={minType}>
      <div className="meeting-wall" data-testid="meeting-wall" data-meeting={state.id} data-version={state.version}>
        <MeetingBand state={state} title={title} height={band} />
        {problem ? <div className="meeting-message">Không tải được nội dung cuộc họp: {problem}</div> : null}
        {layout?.problem ? <div className="meeting-message">{layout.problem}</div> : null}
        {layout && !layout.problem ? (
          <MeetingPanels
            layout={layout}
            design={design}
            base={{ province, groups }}
            clientFor={(a) => clients.get(a)}
            top={band + 8}
            rollups={rollups}
          />
        ) : null}
      </div>
      {alertLayer ? <div className="wall-layer" data-testid="meeting-alert-layer" ref={alertLayer} /> : null}
    </Canvas>
  );
}
