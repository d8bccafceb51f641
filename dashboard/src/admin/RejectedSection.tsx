/** "Dữ liệu bị từ chối": the inputs ingest rejected, counted by source and reason, and the latest ones. */
import type { RejectedSummary } from '../../../contract/http.ts';
import { getRejected } from '../api/endpoints.ts';
import { ago } from './format.ts';
import { useLoad, useNow } from './hooks.ts';

const REJECTED_POLL_MS = 15_000;
const loadRejected = (signal: AbortSignal) => getRejected({ signal, cache: 'no-store' });
const nf = new Intl.NumberFormat('vi-VN');

export function RejectedSection() {
  const rejected = useLoad<RejectedSummary>(loadRejected, REJECTED_POLL_MS);
  const now = useNow(5000);
  const data = rejected.data;
  const counts = Object.entries(data?.counts ?? {}).sort((a, b) => b[1] - a[1]);
  return (
    <div className="adm-section admin-rejected" data-testid="admin-rejected">
      <div className="adm-section-head">
        <h2>Dữ liệu bị từ chối</h2>
      </div>
      {rejected.error ? (
        <p className="adm-form-error" role="alert">
          {rejected.error}
        </p>
      ) : null}
      {rejected.loading && !data ? <p className="adm-muted">Đang tải…</p> : null}
      {data && counts.length === 0 ? <p>Chưa có dữ liệu nào bị từ chối.</p> : null}
      {counts.length ? (
        <p className="admin-counts">
          {counts.map(([k, n]) => {
            const [source, reason] = k.split('|');
            return (
              <span key={k}>
                {source} · {reason}: <b>{nf.format(n)}</b>
              </span>
            );
          })}
        </p>
      ) : null}
      {data?.recent.length ? (
        <div className="adm-table-wrap">
          <table className="adm-table">
            <thead>
              <tr>
                <th scope="col">Lúc</th>
                <th scope="col">Nguồn</th>
                <th scope="col">Lý do</th>
                <th scope="col">Khóa</th>
                <th scope="col">Chi tiết</th>
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
        </div>
      ) : null}
    </div>
  );
}
