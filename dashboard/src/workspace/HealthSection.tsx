/**
 * "Tình trạng dữ liệu": each reporting agency (figures past their deadline, from GET /api/compliance —
 * the same count the leaders' "Chấp hành chế độ báo cáo" page shows), each source and feed, then each
 * indicator group — last update, lag against the indicators' cadence, rejected inputs, state — with late
 * and silent ones first and marked (word and colour). Polls GET /api/health/data.
 */
import type { DataHealth, GroupHealth, SourceHealth } from '../../../contract/workspace.ts';
import type { GroupInfo } from '../../../contract/http.ts';
import { useLoad, useNow } from '../admin/hooks.ts';
import { ago } from '../admin/format.ts';
import { getAgencyCompliance, getDataHealth } from './api.ts';
import { agencyHealth, healthRank, overdueTextVi, periodTextVi, STATE_VI } from './health.ts';

const nf = new Intl.NumberFormat('vi-VN');
/** Feeds keep their product's name (what staff see on the camera system's own screens). */
const SOURCE_KIND_VI: Record<string, string> = {
  reporting: 'CSDL báo cáo',
  frigate: 'Frigate (camera AI)',
  hikvision: 'Hikvision',
  onvif: 'ONVIF',
  dahua: 'Dahua',
  webhook: 'Webhook đối tác',
};
const HEALTH_POLL_MS = 15_000;
const loadHealth = (s: AbortSignal) => getDataHealth(s);
const COMPLIANCE_POLL_MS = 60_000;
const loadCompliance = (s: AbortSignal) => getAgencyCompliance(s);

export function HealthSection({ groups }: { groups: readonly GroupInfo[] }) {
  const health = useLoad<DataHealth>(loadHealth, HEALTH_POLL_MS);
  const now = useNow(5000);
  const compliance = useLoad(loadCompliance, COMPLIANCE_POLL_MS);
  const agencies = compliance.data ? agencyHealth(compliance.data) : [];
  const h = health.data;
  const groupOf = (g: string) => groups.find((x) => x.id === g);
  const nameOf = (g: string) => groupOf(g)?.name ?? g;
  // The calendar's short name of the agency, else the first owner the catalog names, else the code.
  const agencyName = (g: GroupInfo | undefined) =>
    (g?.reporter && compliance.data?.rows.find((r) => r.key === g.reporter)?.name) ||
    g?.owner.split(';')[0]?.trim() ||
    g?.reporter ||
    '—';
  const sources = [...(h?.sources ?? [])].sort((a, b) => healthRank(a.state) - healthRank(b.state) || a.id.localeCompare(b.id));
  const gs = [...(h?.groups ?? [])].sort((a, b) => healthRank(a.state) - healthRank(b.state) || b.lagDays - a.lagDays);
  const bad = [...agencies, ...sources, ...gs].filter((x) => x.state === 'late' || x.state === 'silent').length;
  return (
    <div className="adm-section" data-testid="ws-health">
      <div className="adm-section-head">
        <h2>Tình trạng dữ liệu</h2>
        <div className="admin-summary" aria-live="polite">
          {h
            ? bad
              ? `${bad} đơn vị, nguồn hoặc nhóm chậm hay im lặng`
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
      <h3>Đơn vị báo cáo{compliance.data ? ` · ${periodTextVi(compliance.data.period)}` : ''}</h3>
      {compliance.error ? (
        <p className="adm-form-error" role="alert">
          Không tải được tình hình nộp số liệu: {compliance.error}
        </p>
      ) : null}
      {compliance.data ? (
        <>
          <p className="adm-hint">
            Số liệu đã quá hạn nộp mà chưa có, theo lịch báo cáo; như trang “Chấp hành chế độ báo cáo” lãnh đạo xem.{' '}
            <a href="/compliance">Xem chi tiết theo xã, phường</a>
          </p>
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="ws-health-agencies">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Quá hạn chưa nộp</th>
                  <th scope="col">Nộp muộn</th>
                  <th scope="col">Đến hạn</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {agencies.map((a) => (
                  <tr key={a.key} className={`ws-health-${a.state}`} data-state={a.state} data-agency={a.key}>
                    <td>
                      {a.name} <span className="adm-muted">({a.key})</span>
                    </td>
                    <td>{overdueTextVi(a)}</td>
                    <td>{nf.format(a.late)}</td>
                    <td>{nf.format(a.due)}</td>
                    <td className="ws-nowrap">
                      <span className={`ws-state ws-state-${a.state}`}>{STATE_VI[a.state]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
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
                    <td>{SOURCE_KIND_VI[s.kind] ?? s.kind}</td>
                    <td>{s.lastUpdateAt ? ago(s.lastUpdateAt, now) : 'chưa có'}</td>
                    <td>
                      {nf.format(s.rejected)}
                      {s.lastRejectedReason ? <span className="adm-muted"> · {s.lastRejectedReason}</span> : null}
                    </td>
                    <td className="ws-nowrap">
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
                  <th scope="col">Đơn vị báo cáo</th>
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
                    <td>{agencyName(groupOf(g.group))}</td>
                    <td className="ws-nowrap">{periodTextVi(g.latestPeriod)}</td>
                    <td className="ws-nowrap">{g.lastUpdateAt ? ago(g.lastUpdateAt, now) : 'chưa có'}</td>
                    <td className="ws-nowrap">{g.lagDays > 0 ? `${nf.format(g.lagDays)} ngày` : 'đúng hạn'}</td>
                    <td>{nf.format(g.rejected)}</td>
                    <td className="ws-nowrap">
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
