/**
 * The staff desk: every wall screen (alive or not, what it shows, last heartbeat, build, memory, a small
 * screenshot) with remote commands, and the inputs ingest rejected. Opened as /admin?token=<staff token>
 * (remembered on this computer). Polls the REST API; nothing here is needed for the wall to run.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScreenCommandRequest } from '../../../contract/messages.ts';
import type { ScreenState } from '../../../contract/http.ts';
import type { RejectedSummary } from '../../../contract/http.ts';
import { ApiError, type ApiOptions } from '../api/client.ts';
import { getRejected, getScreens, sendScreenCommand } from '../api/endpoints.ts';
import { browserStorage, resolveToken } from '../live/token.ts';
import { formatDateVi, formatTimeVi } from '../format/vi.ts';

const SCREENS_POLL_MS = 5000;
const REJECTED_POLL_MS = 15_000;

function ago(iso: string | null, now: number): string {
  if (!iso) return 'chưa từng';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} giây trước`;
  if (s < 3600) return `${Math.floor(s / 60)} phút trước`;
  const d = new Date(iso);
  return `${formatTimeVi(d)}, ${formatDateVi(d)}`;
}

/** Loads with `load` every `everyMs` while mounted (and at once on refresh()). `load` must be stable. */
function usePoll<T>(
  load: (o: ApiOptions) => Promise<T>,
  token: string | null,
  everyMs: number,
): { data: T | null; error: string | null; refresh: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!token) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = async () => {
      try {
        setData(await load({ token, cache: 'no-store', signal: ctrl.signal }));
        setError(null);
      } catch (err) {
        if (ctrl.signal.aborted) return;
        if (!(err instanceof ApiError)) setError('Không liên lạc được máy chủ — đang thử lại');
        else if (err.status === 401) setError('Mã truy cập không phải của cán bộ trực (staff) hoặc đã bị thu hồi.');
        else setError(`Máy chủ trả lỗi ${err.status}`);
      }
      timer = setTimeout(run, everyMs);
    };
    void run();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [load, token, everyMs, tick]);
  return { data, error, refresh: useCallback(() => setTick((n) => n + 1), []) };
}

export default function AdminPage() {
  const token = useMemo(() => resolveToken('admin', window.location.search, browserStorage()), []);
  const screens = usePoll(getScreens, token, SCREENS_POLL_MS);
  const rejected = usePoll(getRejected, token, REJECTED_POLL_MS);
  const [now, setNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    document.title = 'Quản trị màn hình · Trung tâm điều hành';
  }, []);

  const send = useCallback(
    async (screen: ScreenState, cmd: ScreenCommandRequest, label: string) => {
      try {
        await sendScreenCommand(screen.id, cmd, { token });
        setNotice(`Đã gửi “${label}” tới ${screen.name}`);
      } catch (err) {
        setNotice(err instanceof ApiError ? `Không gửi được lệnh (${err.status})` : 'Không liên lạc được máy chủ');
      }
      setTimeout(() => screens.refresh(), 1500);
    },
    [token, screens],
  );

  if (!token) {
    return (
      <main className="admin" data-testid="admin-page">
        <h1>Quản trị màn hình</h1>
        <p className="admin-error">Thiếu mã truy cập: mở /admin?token=&lt;mã của cán bộ trực&gt;.</p>
      </main>
    );
  }
  const list = screens.data ?? [];
  const alive = list.filter((s) => s.alive).length;
  return (
    <main className="admin" data-testid="admin-page">
      <header className="admin-head">
        <h1>Quản trị màn hình</h1>
        <div className="admin-summary" data-testid="admin-summary">
          {screens.data ? `${alive}/${list.length} màn hình đang hoạt động` : 'Đang tải…'}
        </div>
      </header>
      {screens.error ? <p className="admin-error">{screens.error}</p> : null}
      {notice ? (
        <p className="admin-notice" role="status">
          {notice}
        </p>
      ) : null}
      <section className="admin-screens">
        {list.map((s) => (
          <ScreenCard key={s.id} s={s} now={now} token={token} send={send} />
        ))}
      </section>
      <Rejected data={rejected.data} error={rejected.error} now={now} />
    </main>
  );
}

function ScreenCard({
  s,
  now,
  token,
  send,
}: {
  s: ScreenState;
  now: number;
  token: string;
  send: (s: ScreenState, c: ScreenCommandRequest, label: string) => void;
}) {
  const [page, setPage] = useState('');
  const shown = s.pages.find((p) => p.id === s.page)?.title ?? s.page ?? '—';
  const place = s.index < 0 ? 'trang theo yêu cầu' : s.count > 1 ? `trang ${s.index + 1}/${s.count}` : 'cố định';
  return (
    <article className={`admin-card ${s.alive ? 'is-alive' : 'is-dead'}`} data-testid={`screen-${s.id}`} data-alive={s.alive}>
      <div className="admin-thumb">
        {s.thumbnailAt ? (
          <img
            alt={`Ảnh chụp ${s.name}`}
            src={`/api/screens/${encodeURIComponent(s.id)}/thumbnail?token=${encodeURIComponent(token)}&t=${encodeURIComponent(s.thumbnailAt)}`}
          />
        ) : (
          <span>Chưa có ảnh chụp</span>
        )}
      </div>
      <div className="admin-info">
        <h2>
          <span className="admin-dot" aria-hidden="true" /> {s.name}
        </h2>
        <div className="admin-id">
          {s.id}
          {s.wall ? ` · tường ${s.wall}` : ''}
        </div>
        <dl>
          <dt>Trạng thái</dt>
          <dd>{s.alive ? 'Đang hoạt động' : s.lastHeartbeatAt ? 'Mất tín hiệu' : 'Chưa kết nối'}</dd>
          <dt>Đang hiển thị</dt>
          <dd>
            {shown} ({place}
            {s.paused ? ', tạm dừng' : ''})
          </dd>
          <dt>Tín hiệu cuối</dt>
          <dd>{ago(s.lastHeartbeatAt, now)}</dd>
          <dt>Phiên bản · bộ nhớ</dt>
          <dd>
            {s.version ?? '—'} ·{' '}
            {s.heapBytes !== null
              ? `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(s.heapBytes / 2 ** 20)} MB`
              : '—'}
          </dd>
          {s.takeover ? (
            <>
              <dt>Cảnh báo khẩn</dt>
              <dd>{s.takeover}</dd>
            </>
          ) : null}
        </dl>
        <div className="admin-actions">
          <button type="button" onClick={() => send(s, { type: 'reload' }, 'Tải lại')}>
            Tải lại
          </button>
          <button type="button" onClick={() => send(s, { type: 'identify', durationS: 15 }, 'Nhận diện')}>
            Nhận diện
          </button>
          {s.kind === 'display' ? (
            s.paused ? (
              <button type="button" onClick={() => send(s, { type: 'resume' }, 'Tiếp tục')}>
                Tiếp tục trình chiếu
              </button>
            ) : (
              <button type="button" onClick={() => send(s, { type: 'pause' }, 'Tạm dừng')}>
                Tạm dừng trình chiếu
              </button>
            )
          ) : null}
          {s.takeover ? (
            <button
              type="button"
              className="admin-ack"
              onClick={() => send(s, { type: 'alert-ack', alertId: s.takeover! }, 'Xác nhận cảnh báo')}
            >
              Xác nhận cảnh báo
            </button>
          ) : null}
          {s.kind === 'display' ? (
            <span className="admin-show">
              <select value={page} onChange={(e) => setPage(e.target.value)} aria-label="Trang cần hiển thị">
                <option value="">Chọn trang…</option>
                {s.pages.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
              <button type="button" disabled={!page} onClick={() => page && send(s, { type: 'show-page', page }, 'Chuyển trang')}>
                Hiển thị
              </button>
            </span>
          ) : null}
        </div>
      </div>
    </article>
  );
}

function Rejected({ data, error, now }: { data: RejectedSummary | null; error: string | null; now: number }) {
  const counts = Object.entries(data?.counts ?? {}).sort((a, b) => b[1] - a[1]);
  return (
    <section className="admin-rejected" data-testid="admin-rejected">
      <h2>Dữ liệu bị từ chối</h2>
      {error ? <p className="admin-error">{error}</p> : null}
      {data && counts.length === 0 ? <p>Chưa có dữ liệu nào bị từ chối.</p> : null}
      {counts.length ? (
        <p className="admin-counts">
          {counts.map(([k, n]) => {
            const [source, reason] = k.split('|');
            return (
              <span key={k}>
                {source} · {reason}: <b>{new Intl.NumberFormat('vi-VN').format(n)}</b>
              </span>
            );
          })}
        </p>
      ) : null}
      {data?.recent.length ? (
        <table>
          <thead>
            <tr>
              <th>Lúc</th>
              <th>Nguồn</th>
              <th>Lý do</th>
              <th>Khóa</th>
              <th>Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {data.recent.slice(0, 100).map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>{ago(r.at, now)}</td>
                <td>{r.source}</td>
                <td>{r.reason}</td>
                <td>
                  <code>{r.key}</code>
                </td>
                <td>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
