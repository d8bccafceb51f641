/** Camera health at a glance: online / degraded / offline counts and the cameras needing attention. */
import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { EmptyBody, Frame } from '../common/Frame.tsx';
import { useCameras } from '../../live/alerts.ts';
import { useConnection } from '../../live/react.ts';
import { STATE_VI, cameraSummary } from './model.ts';
import '../alert-feed/alerts.css';

export default function CameraStatusPanel({ panel, index, payload }: PanelProps<'camera-status'>) {
  const cameras = useCameras();
  const conn = useConnection();
  const { counts, problems } = useMemo(() => cameraSummary(cameras), [cameras]);
  const communes = useMemo(() => new Map(payload.province.communes.map((c) => [c.code, c.name])), [payload]);
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={cameras.length ? 'ready' : 'loading'}
      title={panel.title ?? 'Tình trạng camera'}
      period={`${cameras.length} camera`}
      updated={conn.state === 'online' ? 'Trực tuyến' : 'Mất kết nối máy chủ'}
    >
      {cameras.length === 0 ? (
        <EmptyBody text="Đang tải danh sách camera" />
      ) : (
        <div className="cam-status" data-testid="camera-status">
          <div className="cam-counts">
            {(['online', 'degraded', 'offline'] as const).map((s) => (
              <div key={s} className={`cam-count cam-${s}`} data-testid={`cam-count-${s}`}>
                <span className="cam-count-n">{counts[s]}</span>
                <span className="cam-count-l">{STATE_VI[s]}</span>
              </div>
            ))}
          </div>
          <ul className="cam-problems">
            {problems.slice(0, 6).map((c) => (
              <li key={c.id} className={`cam-${c.status!.state}`}>
                <span className="cam-dot" aria-hidden="true" /> {c.name}
                <span className="cam-area"> · {communes.get(c.area) ?? c.area}</span>
              </li>
            ))}
            {counts.unknown ? <li className="cam-unknown">{counts.unknown} camera chưa báo trạng thái</li> : null}
          </ul>
        </div>
      )}
    </Frame>
  );
}
