/**
 * "Danh mục chỉ tiêu": the indicator groups and their indicators (unit, period, reporting agency,
 * polarity, plan, due days, thresholds); a display name and traffic-light thresholds are editable per
 * indicator (PUT /api/config/indicators/:id with If-Match), each error at its field.
 */
import { useState } from 'react';
import { DEFAULT_DUE_AFTER_DAYS } from '../../../contract/period.ts';
import type { GroupInfo, IndicatorInfo } from '../../../contract/http.ts';
import { IndicatorDisplaySchema, type ConfigIssue, type IndicatorDisplay } from '../../../contract/workspace.ts';
import { thresholdIssues } from '../../../contract/thresholds.ts';
import { Field, FormError } from '../admin/ui.tsx';
import { asPeriodKind } from '../panels/common/values.ts';
import { getItem, putItem } from './api.ts';
import { issueTextVi, issuesAt } from './draft.ts';
import { ThresholdFields } from './PanelForm.tsx';

const PERIOD_VI: Record<string, string> = { month: 'Tháng', quarter: 'Quý', half_year: '6 tháng', year: 'Năm' };
const nf = new Intl.NumberFormat('vi-VN');

export function bandText(i: IndicatorInfo): string {
  const t = i.thresholds;
  if (!t) return '—';
  const unit = t.on === 'pctOfPlan' ? '% KH' : i.unit;
  return `tốt ${i.higherIsBetter ? '≥' : '≤'} ${nf.format(t.good)}, xấu ${i.higherIsBetter ? '<' : '>'} ${nf.format(t.bad)} ${unit}`;
}

/** The display settings' problems, at their paths (`name`, `thresholds.good`). */
export function displayIssues(d: IndicatorDisplay, info: IndicatorInfo): ConfigIssue[] {
  const parsed = IndicatorDisplaySchema.safeParse(d);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: issueTextVi(i) }));
  return d.thresholds
    ? thresholdIssues(d.thresholds, info).map((t) => ({ path: `thresholds.${t.field}`, message: t.message }))
    : [];
}

export function CatalogSection({ groups, onSaved }: { groups: GroupInfo[]; onSaved: () => void }) {
  const [open, setOpen] = useState<string | null>(groups[0]?.id ?? null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const f = filter.trim().toLowerCase();
  const count = groups.reduce((n, g) => n + g.indicators.length, 0);
  return (
    <div className="adm-section" data-testid="ws-catalog">
      <div className="adm-section-head">
        <h2>Danh mục chỉ tiêu</h2>
        <div className="admin-summary">
          {groups.length} nhóm, {count} chỉ tiêu
        </div>
      </div>
      <Field id="ws-catalog-filter" label="Tìm chỉ tiêu">
        {(p) => (
          <input
            {...p}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="tên hoặc mã, ví dụ: thu ngân sách"
          />
        )}
      </Field>
      {groups.map((g) => {
        const list = g.indicators.filter((i) => !f || i.name.toLowerCase().includes(f) || i.id.includes(f));
        if (f && !list.length) return null;
        const isOpen = open === g.id || !!f;
        return (
          <section key={g.id} className="ws-group" data-testid={`ws-group-${g.id}`}>
            <h3>
              <button
                type="button"
                className="ws-group-toggle"
                aria-expanded={isOpen}
                onClick={() => setOpen(isOpen ? null : g.id)}
              >
                {isOpen ? '▾' : '▸'} {g.name}{' '}
                <span className="adm-muted">
                  · {g.indicators.length} chỉ tiêu · {g.reporter ?? g.owner}
                </span>
              </button>
            </h3>
            {isOpen ? (
              <div className="adm-table-wrap">
                <table className="adm-table ws-catalog-table">
                  <thead>
                    <tr>
                      <th scope="col">Chỉ tiêu</th>
                      <th scope="col">Đơn vị</th>
                      <th scope="col">Kỳ</th>
                      <th scope="col">Đơn vị báo cáo</th>
                      <th scope="col">Chiều tốt</th>
                      <th scope="col">Kế hoạch</th>
                      <th scope="col">Hạn (ngày)</th>
                      <th scope="col">Ngưỡng</th>
                      <th scope="col" />
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((i) => {
                      const kind = asPeriodKind(i.period);
                      return [
                        <tr key={i.id} data-testid={`ws-ind-${i.id}`}>
                          <td>
                            {i.name}
                            <div className="adm-muted">
                              <code>{i.id}</code>
                            </div>
                          </td>
                          <td>{i.unit}</td>
                          <td>{PERIOD_VI[i.period] ?? i.period}</td>
                          <td>{g.reporter ?? g.owner}</td>
                          <td>{i.neutral ? 'Trung tính' : i.higherIsBetter ? '▲ Càng cao càng tốt' : '▼ Càng thấp càng tốt'}</td>
                          <td>{i.hasPlan ? 'Có' : 'Không'}</td>
                          <td>{i.dueAfterDays ?? (kind ? DEFAULT_DUE_AFTER_DAYS[kind] : '—')}</td>
                          <td>{bandText(i)}</td>
                          <td>
                            <button
                              type="button"
                              className="adm-button adm-quiet"
                              onClick={() => setEditing(editing === i.id ? null : i.id)}
                              data-testid={`ws-edit-${i.id}`}
                            >
                              Sửa
                            </button>
                          </td>
                        </tr>,
                        editing === i.id ? (
                          <tr key={`${i.id}-edit`}>
                            <td colSpan={9}>
                              <IndicatorEditor
                                info={i}
                                onDone={(saved) => {
                                  setEditing(null);
                                  if (saved) onSaved();
                                }}
                              />
                            </td>
                          </tr>
                        ) : null,
                      ];
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

function IndicatorEditor({ info, onDone }: { info: IndicatorInfo; onDone: (saved: boolean) => void }) {
  const [d, setD] = useState<IndicatorDisplay>(() => ({
    name: info.name,
    ...(info.thresholds ? { thresholds: info.thresholds } : {}),
  }));
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const own = displayIssues(d, info);
    setIssues(own);
    if (own.length) return;
    setBusy(true);
    setError(null);
    try {
      const current = await getItem<IndicatorDisplay>('indicators', info.id);
      const r = await putItem('indicators', info.id, d, current.version);
      if (r.ok) return onDone(true);
      if (r.kind === 'invalid') setIssues(r.issues.map((i) => ({ ...i, path: i.path.replace(/^indicators\.\d+\./, '') })));
      else if (r.kind === 'conflict') setError('Chỉ tiêu vừa được người khác sửa. Đóng rồi mở lại để xem bản mới.');
      else setError(r.message);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ws-ind-editor" data-testid="ws-ind-editor">
      <Field id="ws-ind-name" label="Tên hiển thị" error={issuesAt(issues, 'name')}>
        {(p) => <input {...p} value={d.name ?? ''} onChange={(e) => setD({ ...d, name: e.target.value })} />}
      </Field>
      <ThresholdFields
        idPrefix="ws-ind-thresholds"
        value={d.thresholds}
        onChange={(t) => {
          const next = { ...d };
          if (t) next.thresholds = t;
          else delete next.thresholds;
          setD(next);
        }}
        error={(f) => issuesAt(issues, `thresholds.${f}`) ?? (f === 'on' ? issuesAt(issues, 'thresholds') : undefined)}
      />
      <FormError text={error ?? issuesAt(issues, '(root)')} />
      <div className="adm-dialog-actions">
        <button type="button" className="adm-button adm-quiet" onClick={() => onDone(false)} disabled={busy}>
          Hủy
        </button>
        <button
          type="button"
          className="adm-button adm-primary"
          onClick={() => void save()}
          disabled={busy}
          data-testid="ws-ind-save"
        >
          {busy ? 'Đang lưu…' : 'Lưu'}
        </button>
      </div>
    </div>
  );
}
