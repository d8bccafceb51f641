/**
 * "Màn hình": every wall screen (alive or not, what it shows, last heartbeat, build, memory, a small
 * screenshot) with remote commands. Polls GET /api/screens; the screenshots are plain <img> requests that
 * the session cookie authenticates (no token in any address).
 */
import { useCallback, useState } from 'react';
import type { ScreenCommandRequest } from '../../../contract/messages.ts';
import type { ScreenState } from '../../../contract/http.ts';
import { getScreens, sendScreenCommand } from '../api/endpoints.ts';
import { actionErrorText, isAuthLost } from './errors.ts';
import { ago } from './format.ts';
import { goSignIn, useLoad, useNow } from './hooks.ts';
import { Notice } from './ui.tsx';

const SCREENS_POLL_MS = 5000;
const loadScreens = (signal: AbortSignal) => getScreens({ signal, cache: 'no-store' });
const mb = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** The screenshot's address; `t` changes with each new screenshot so the browser fetches it again. */
export const thumbnailUrl = (s: Pick<ScreenState, 'id' | 'thumbnailAt'>): string =>
  `/api/screens/${encodeURIComponent(s.id)}/thumbnail${s.thumbnailAt ? `?t=${encodeURIComponent(s.thumbnailAt)}` : ''}`;

export function ScreensSection() {
  const screens = useLoad(loadScreens, SCREENS_POLL_MS);
  const now = useNow();
  const [notice, setNotice] = useState<string | null>(null);
  const { refresh } = screens;

  const send = useCallback(
    async (screen: ScreenState, cmd: ScreenCommandRequest, label: string) => {
      try {
        await sendScreenCommand(screen.id, cmd, {});
        setNotice(`Đã gửi “${label}” tới ${screen.name}`);
      } catch (err) {
        if (isAuthLost(err)) goSignIn();
        setNotice(`Không gửi được lệnh: ${actionErrorText(err)}`);
      }
      setTimeout(refresh, 1500);
    },
    [refresh],
  );

  const list = screens.data ?? [];
  const alive = list.filter((s) => s.alive).length;
  return (
    <div className="adm-section" data-testid="section-screens">
      <div className="adm-section-head">
        <h2>Màn hình</h2>
        <div className="admin-summary" data-testid="admin-summary" aria-live="polite">
          {screens.data ? `${alive}/${list.length} màn hình đang hoạt động` : screens.error ? '' : 'Đang tải…'}
        </div>
      </div>
      {screens.error ? (
        <p className="adm-form-error" role="alert">
          {screens.error}
        </p>
      ) : null}
      <Notice text={notice} onClose={() => setNotice(null)} />
      {screens.data && list.length === 0 ? <p>Chưa có màn hình nào trong cấu hình.</p> : null}
      <div className="admin-screens">
        {list.map((s) => (
          <ScreenCard key={s.id} s={s} now={now} send={send} />
        ))}
      </div>
    </div>
  );
}

function ScreenCard({
  s,
  now,
  send,
}: {
  s: ScreenState;
  now: number;
  send: (s: ScreenState, c: ScreenCommandRequest, label: string) => void;
}) {
  const [page, setPage] = useState('');
  const shown = s.pages.find((p) => p.id === s.page)?.title ?? s.page ?? '—';
  const place = s.index < 0 ? 'trang theo yêu cầu' : s.count > 1 ? `trang ${s.index + 1}/${s.count}` : 'cố định';
  const takeover = s.takeover;
  return (
    <article className={`admin-card ${s.alive ? 'is-alive' : 'is-dead'}`} data-testid={`screen-${s.id}`} data-alive={s.alive}>
      <div className="admin-thumb">
        {s.thumbnailAt ? <img alt={`Ảnh chụp ${s.name}`} src={thumbnailUrl(s)} /> : <span>Chưa có ảnh chụp</span>}
      </div>
      <div className="admin-info">
        <h3 className="adm-card-title">
          <span className="admin-dot" aria-hidden="true" /> {s.name}
        </h3>
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
            {s.version ?? '—'} · {s.heapBytes !== null ? `${mb.format(s.heapBytes / 2 ** 20)} MB` : '—'}
          </dd>
          {takeover ? (
            <>
              <dt>Cảnh báo khẩn</dt>
              <dd>{takeover}</dd>
            </>
          ) : null}
        </dl>
        <div className="admin-actions adm-actions">
          <button type="button" className="adm-button" onClick={() => send(s, { type: 'reload' }, 'Tải lại')}>
            Tải lại
          </button>
          <button type="button" className="adm-button" onClick={() => send(s, { type: 'identify', durationS: 15 }, 'Nhận diện')}>
            Nhận diện
          </button>
          {s.kind === 'display' ? (
            s.paused ? (
              <button type="button" className="adm-button" onClick={() => send(s, { type: 'resume' }, 'Tiếp tục')}>
                Tiếp tục trình chiếu
              </button>
            ) : (
              <button type="button" className="adm-button" onClick={() => send(s, { type: 'pause' }, 'Tạm dừng')}>
                Tạm dừng trình chiếu
              </button>
            )
          ) : null}
          {takeover ? (
            <button
              type="button"
              className="adm-button admin-ack"
              onClick={() => send(s, { type: 'alert-ack', alertId: takeover }, 'Xác nhận cảnh báo')}
            >
              Xác nhận cảnh báo
            </button>
          ) : null}
          {s.kind === 'display' ? (
            <span className="admin-show">
              <select
                className="adm-input"
                value={page}
                onChange={(e) => setPage(e.target.value)}
                aria-label={`Trang cần hiển thị trên ${s.name}`}
              >
                <option value="">Chọn trang…</option>
                {s.pages.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="adm-button"
                disabled={!page}
                onClick={() => page && send(s, { type: 'show-page', page }, 'Chuyển trang')}
              >
                Hiển thị
              </button>
            </span>
          ) : null}
        </div>
      </div>
    </article>
  );
}
