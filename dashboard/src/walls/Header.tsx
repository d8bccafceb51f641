import { useConnection } from '../live/react.ts';
import { useNow } from '../live/clock.ts';
import { formatClockVi, formatConnectionVi } from '../format/vi.ts';

function Clock() {
  const now = useNow();
  return (
    <div className="clock" data-testid="clock">
      {formatClockVi(now)}
    </div>
  );
}

export function ConnectionState() {
  const c = useConnection();
  const text = c.state === 'offline' ? 'Mất kết nối máy chủ' : formatConnectionVi(c.state, c.offlineSince);
  return (
    <div className={`conn conn--${c.state}`} data-testid="connection-state" data-state={c.state}>
      <span className="conn-dot" aria-hidden="true" />
      {c.state === 'unauthorized' ? 'Bị từ chối kết nối' : text}
    </div>
  );
}

/** Over the wall while the server is lost: the figures stay, with the time they are as of. */
export function ConnectionBanner() {
  const c = useConnection();
  if (c.state !== 'offline' && c.state !== 'unauthorized') return null;
  return (
    <div className={`connection-banner connection-banner--${c.state}`} data-testid="connection-banner" role="alert">
      <span className="connection-banner-icon" aria-hidden="true">
        ⚠
      </span>
      <span>
        {formatConnectionVi(c.state, c.offlineSince)}
        <span className="connection-banner-sub">
          {c.state === 'unauthorized' ? 'Thiết bị chưa được ghép nối hoặc đã bị thu hồi' : 'Đang thử kết nối lại…'}
        </span>
      </span>
    </div>
  );
}

export function Header({ centerTitle, title, place }: { centerTitle: string; title: string; place?: string | null }) {
  return (
    <header className="wall-header">
      <div className="wall-titles">
        <div className="wall-center">{centerTitle}</div>
        <h1 className="wall-title">
          {title}
          {place ? (
            <span className="wall-place" data-testid="playlist-place">
              {' '}
              · {place}
            </span>
          ) : null}
        </h1>
      </div>
      <ConnectionBanner />
      <div className="wall-status">
        <Clock />
        <ConnectionState />
      </div>
    </header>
  );
}
