/** The live alert feed: severity, kind, camera, commune, time, a thumbnail from our origin. Text as text. */
import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { EmptyBody, Frame } from '../common/Frame.tsx';
import { useAlerts, useCameras } from '../../live/alerts.ts';
import { useConnection } from '../../live/react.ts';
import { alertRows } from './model.ts';
import './alerts.css';

export default function AlertFeed({ panel, index, payload }: PanelProps<'alert-feed'>) {
  const alerts = useAlerts();
  const cameras = useCameras();
  const conn = useConnection();
  const rows = useMemo(() => {
    const camName = new Map(cameras.map((c) => [c.id, c.name]));
    const communes = new Map(payload.province.communes.map((c) => [c.code, c.name]));
    return alertRows(alerts, {
      minSeverity: panel.minSeverity,
      limit: panel.limit,
      cameraName: (id) => camName.get(id),
      communeName: (code) => (code ? communes.get(code) : undefined),
    });
  }, [alerts, cameras, payload, panel.minSeverity, panel.limit]);
  const active = alerts.filter((a) => a.state === 'active').length;
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={conn.state === 'online' || conn.lastDataAt ? 'ready' : 'loading'}
      title={panel.title ?? 'Cảnh báo camera và AI'}
      period={`${active} đang diễn ra`}
      updated={conn.state === 'online' ? 'Trực tuyến' : 'Mất kết nối máy chủ'}
    >
      {rows.length === 0 ? (
        <EmptyBody text="Không có cảnh báo" />
      ) : (
        <ol className="alert-feed" data-testid="alert-feed">
          {rows.map((r) => (
            <li
              key={r.id}
              className={`alert-row sev-${r.severity}${r.active ? ' alert-row--active' : ''}`}
              data-testid="alert-row"
              data-severity={r.severity}
            >
              <span className="alert-sev">{r.severityText}</span>
              {r.thumbnail ? (
                <img className="alert-thumb" src={r.thumbnail} alt="" loading="lazy" />
              ) : (
                <span className="alert-thumb alert-thumb--none" />
              )}
              <span className="alert-main">
                <span className="alert-kind">{r.kindText}</span>
                <span className="alert-where">
                  {r.camera}
                  {r.commune ? ` · ${r.commune}` : ''}
                </span>
                {r.detail ? <span className="alert-detail">{r.detail}</span> : null}
              </span>
              <span className="alert-time" title={r.clockSuspect ? 'Đồng hồ camera lệch' : undefined}>
                {r.time}
                {r.clockSuspect ? ' ⚠' : ''}
                {r.active ? null : <span className="alert-ended">đã kết thúc</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Frame>
  );
}
