/**
 * "Nhật ký" (admins): who did what, when, from where — GET /api/audit with filters by actor, action and
 * Vietnam days, newest first, page by page. Names and details come from people and are shown as text.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { AuditPage } from '../../../contract/identity.ts';
import { getAudit, getDevices, getUsers } from './api.ts';
import {
  actorText,
  auditQuery,
  currentCursor,
  detailText,
  emptyFilters,
  firstPage,
  newerPage,
  olderPage,
  pageNumber,
  targetText,
  type AuditCursors,
  type AuditFilters,
  type Names,
} from './audit-model.ts';
import { formatAt } from './format.ts';
import { useLoad } from './hooks.ts';
import { AUDIT_ACTIONS, actionLabel, outcomeLabel } from './labels.ts';
import { Field } from './ui.tsx';

const loadAllDevices = (signal: AbortSignal) => getDevices(true, signal);

export function AuditSection() {
  const users = useLoad(getUsers);
  const devices = useLoad(loadAllDevices);
  const [draft, setDraft] = useState<AuditFilters>(emptyFilters);
  const [applied, setApplied] = useState<AuditFilters>(emptyFilters);
  const [cursors, setCursors] = useState<AuditCursors>(firstPage);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  const built = auditQuery(applied, currentCursor(cursors));
  const query = built.ok ? built.query : '';
  const load = useCallback((signal: AbortSignal): Promise<AuditPage> => getAudit(query, signal), [query]);
  const page = useLoad(load);

  const names: Names = useMemo(
    () => ({
      users: new Map((users.data ?? []).map((u) => [u.id, u.username])),
      devices: new Map((devices.data ?? []).map((d) => [d.id, d.name])),
    }),
    [users.data, devices.data],
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const check = auditQuery(draft, null);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setApplied(draft);
    setCursors(firstPage());
  };
  const clear = () => {
    setDraft(emptyFilters());
    setApplied(emptyFilters());
    setErrors({});
    setCursors(firstPage());
  };
  const set = (k: keyof AuditFilters, v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const entries = page.data?.entries ?? [];
  const nextBefore = page.data?.nextBefore ?? null;
  return (
    <div className="adm-section" data-testid="section-audit">
      <div className="adm-section-head">
        <h2>Nhật ký</h2>
        <button type="button" className="adm-button" onClick={page.refresh}>
          Làm mới
        </button>
      </div>
      <form className="adm-form adm-filters" onSubmit={apply} noValidate aria-label="Lọc nhật ký" data-testid="audit-filters">
        <div className="adm-form-grid">
          <Field id="audit-actor" label="Người thực hiện">
            {(p) => (
              <select {...p} className="adm-input" value={draft.actor} onChange={(e) => set('actor', e.target.value)}>
                <option value="">Tất cả</option>
                {users.data?.length ? (
                  <optgroup label="Người dùng">
                    {users.data.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name} ({u.username})
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {devices.data?.length ? (
                  <optgroup label="Thiết bị">
                    {devices.data.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            )}
          </Field>
          <Field id="audit-action" label="Hành động">
            {(p) => (
              <select {...p} className="adm-input" value={draft.action} onChange={(e) => set('action', e.target.value)}>
                <option value="">Tất cả</option>
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="audit-from" label="Từ ngày" error={errors.from}>
            {(p) => (
              <input {...p} className="adm-input" type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
            )}
          </Field>
          <Field id="audit-to" label="Đến hết ngày" error={errors.to}>
            {(p) => (
              <input {...p} className="adm-input" type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />
            )}
          </Field>
        </div>
        <div className="adm-form-actions">
          <button type="submit" className="adm-button adm-primary">
            Lọc
          </button>
          <button type="button" className="adm-button" onClick={clear}>
            Xóa bộ lọc
          </button>
        </div>
      </form>

      {page.error ? (
        <p className="adm-form-error" role="alert">
          {page.error}
        </p>
      ) : null}
      <p className="adm-muted" aria-live="polite">
        {page.loading ? 'Đang tải…' : page.data ? `Trang ${pageNumber(cursors)} · ${entries.length} mục` : ''}
      </p>
      {page.data && entries.length === 0 && !page.loading ? <p>Không có mục nào khớp bộ lọc.</p> : null}
      {entries.length ? (
        <div className="adm-table-wrap">
          <table className="adm-table adm-audit" data-testid="audit-table" aria-busy={page.loading}>
            <caption className="adm-sr">Nhật ký hoạt động, mới nhất trước (giờ Việt Nam)</caption>
            <thead>
              <tr>
                <th scope="col">Thời gian (giờ Việt Nam)</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Hành động</th>
                <th scope="col">Đối tượng</th>
                <th scope="col">Kết quả</th>
                <th scope="col">Địa chỉ IP</th>
                <th scope="col">Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const actor = actorText(e.actor, names);
                const detail = detailText(e.detail);
                return (
                  <tr key={e.id} data-testid="audit-row" data-action={e.action} data-outcome={e.outcome}>
                    <td className="adm-nowrap">{formatAt(e.at)}</td>
                    <td>
                      <div>{actor.main}</div>
                      {actor.sub ? <div className="adm-muted">{actor.sub}</div> : null}
                    </td>
                    <td>
                      <div>{actionLabel(e.action)}</div>
                      <code className="adm-muted">{e.action}</code>
                    </td>
                    <td>{targetText(e.target, names)}</td>
                    <td className={`adm-outcome is-${e.outcome}`}>{outcomeLabel(e.outcome)}</td>
                    <td>
                      <code>{e.ip ?? '—'}</code>
                    </td>
                    <td>
                      {detail ? (
                        <details>
                          <summary>Xem</summary>
                          <pre className="adm-detail">{detail}</pre>
                        </details>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="adm-pager">
        <button
          type="button"
          className="adm-button"
          disabled={pageNumber(cursors) <= 1}
          onClick={() => setCursors((c) => newerPage(c))}
        >
          ← Mới hơn
        </button>
        <button
          type="button"
          className="adm-button"
          disabled={!nextBefore || page.loading}
          onClick={() => nextBefore && setCursors((c) => olderPage(c, nextBefore))}
        >
          Cũ hơn →
        </button>
      </div>
    </div>
  );
}
