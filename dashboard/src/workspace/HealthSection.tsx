/**
 * "Tình trạng dữ liệu": each reporting source and feed, then each indicator group — last update, lag
 * against the indicators' cadence, rejected inputs, state — with late and silent ones first and marked
 * (word and colour). Polls GET /api/health/data.
 */
import type { DataHealth, GroupHealth, SourceHealth } from '../../../contract/workspace.ts';
import type { GroupInfo } from '../../../contract/http.ts';
import { useLoad, useNow } from '../admin/hooks.ts';
import { ago } from '../admin/format.ts';
import { getDataHealth } from './api.ts';
import { healthRank, STATE_VI } from './health.ts';

const nf = new Intl.NumberFormat('vi-VN');
const HEALTH_POLL_MS = 15_000;
const loadHealth = (s: AbortSignal) => getDataHealth(s);

export function HealthSection({ groups }: { groups: readonly GroupInfo[] }) {
  const health = useLoad<DataHealth>(loadHealth, HEALTH_POLL_MS);
  const now = useNow(5000);
  const h = health.data;
  const nameOf = (g: string) => groups.find((x) => x.id === g)?.name ?? g;
  const sources = [...(h?.sources ?? [])].sort((a, b) => healthRank(a.state) - healthRank(b.state) || a.id.localeCompare(b.id));
  const gs = [...(h?.groups ?? [])].sort((a, b) => healthRank(a.state) - healthRank(b.state) || b.lagDays - a.lagDays);
  const bad = [...sources, ...gs].filter((x) => x.state === 'late' || x.state === 'silent').length;
  return (
    <div className="adm-section" data-testid="ws-health">
      <div className="adm-section-head">
        <h2>Tình trạng dữ liệu</h2>
        <div className="admin-summary" aria-live="polite">
          {h
            ? bad
              ? `${bad} nguồn hoặc nhóm chậm hay im lặng`
              : 'Mọi nguồn đều cập nhật đúng hạn'
            : health.error
              ? ''
              : 'Đang tải…'}
        </div>
      </div>
      {health.error ? (
        <p className="adm-form-error" role="alert">
          {health.error}
        </p>
      ) : null}
      {h ? (
        <>
          <h3>Nguồn số liệu và camera</h3>
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="ws-health-sources">
              <thead>
                <tr>
                  <th scope="col">Nguồn</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Cập nhật gần nhất</th>
                  <th scope="col">Bị từ chối</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s: SourceHealth) => (
                  <tr key={s.id} className={`ws-health-${s.state}`} data-state={s.state}>
                    <td>{s.id}</td>
                    <td>{s.kind}</td>
                    <td>{s.lastUpdateAt ? ago(s.lastUpdateAt, now) : 'chưa có'}</td>
                    <td>
                      {nf.format(s.rejected)}
                      {s.lastRejectedReason ? <span className="adm-muted"> · {s.lastRejectedReason}</span> : null}
                    </td>
                    <td>
                      <span className={`ws-state ws-state-${s.state}`}>{STATE_VI[s.state]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Nhóm chỉ tiêu</h3>
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="ws-health-groups">
              <thead>
                <tr>
                  <th scope="col">Nhóm</th>
                  <th scope="col">Kỳ mới nhất</th>
                  <th scope="col">Cập nhật gần nhất</th>
                  <th scope="col">Chậm</th>
                  <th scope="col">Bị từ chối</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {gs.map((g: GroupHealth) => (
                  <tr key={g.group} className={`ws-health-${g.state}`} data-state={g.state}>
                    <td>{nameOf(g.group)}</td>
                    <td>{g.latestPeriod ?? '—'}</td>
                    <td>{g.lastUpdateAt ? ago(g.lastUpdateAt, now) : 'chưa có'}</td>
                    <td>{g.lagDays > 0 ? `${nf.format(g.lagDays)} ngày` : 'đúng hạn'}</td>
                    <td>{nf.format(g.rejected)}</td>
                    <td>
                      <span className={`ws-state ws-state-${g.state}`}>{STATE_VI[g.state]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
