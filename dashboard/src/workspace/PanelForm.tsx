/**
 * The selected panel's settings: kind, indicator(s) or group, area, period basis, thresholds, title,
 * text. Each field shows the draft's issue at its path (panels.<i>.<field>) beside it.
 */
import type { PanelConfig, PanelKind, PeriodBasis } from '../../../contract/config/screens.ts';
import type { ConfigIssue, ThresholdBand } from '../../../contract/workspace.ts';
import type { GroupInfo, ProvinceInfo } from '../../../contract/http.ts';
import { KIND_LABEL_VI } from '../panels/registry.ts';
import { Field } from '../admin/ui.tsx';
import { issuesAt } from './draft.ts';
import { PANEL_KINDS, panelOfKind } from './panel-defaults.ts';

type Patch = (next: PanelConfig) => void;

export function IndicatorSelect({
  groups,
  value,
  onChange,
  props,
}: {
  groups: readonly GroupInfo[];
  value: string;
  onChange: (id: string) => void;
  props: object;
}) {
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      {groups.map((g) => (
        <optgroup key={g.id} label={g.name}>
          {g.indicators.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} ({i.unit})
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** The number typed, or null for an empty box (the schema then says "Phải là một số" at the field). */
const num = (s: string): number => (s.trim() === '' ? (null as unknown as number) : Number(s.replace(',', '.')));

export function ThresholdFields({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: ThresholdBand | undefined;
  onChange: (t: ThresholdBand | undefined) => void;
  error: (field: 'on' | 'good' | 'bad') => string | undefined;
}) {
  return (
    <fieldset className="ws-thresholds">
      <legend>Ngưỡng cảnh báo</legend>
      <label className="ws-check">
        <input
          type="checkbox"
          data-testid={`${idPrefix}-enabled`}
          checked={!!value}
          onChange={(e) => onChange(e.target.checked ? { on: 'pctOfPlan', good: 100, bad: 80 } : undefined)}
        />{' '}
        Tô màu theo ngưỡng
      </label>
      {value ? (
        <>
          <Field id={`${idPrefix}-on`} label="So sánh" error={error('on')}>
            {(p) => (
              <select {...p} value={value.on} onChange={(e) => onChange({ ...value, on: e.target.value as ThresholdBand['on'] })}>
                <option value="pctOfPlan">% kế hoạch</option>
                <option value="value">Giá trị</option>
              </select>
            )}
          </Field>
          <div className="ws-row">
            <Field id={`${idPrefix}-good`} label="Ngưỡng tốt" error={error('good')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={value.good ?? ''}
                  onChange={(e) => onChange({ ...value, good: num(e.target.value) })}
                />
              )}
            </Field>
            <Field id={`${idPrefix}-bad`} label="Ngưỡng xấu" error={error('bad')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={value.bad ?? ''}
                  onChange={(e) => onChange({ ...value, bad: num(e.target.value) })}
                />
              )}
            </Field>
          </div>
        </>
      ) : null}
    </fieldset>
  );
}

export function PanelForm({
  panel,
  index,
  groups,
  province,
  issues,
  onChange,
  onRemove,
}: {
  panel: PanelConfig;
  index: number;
  groups: readonly GroupInfo[];
  province: ProvinceInfo;
  issues: readonly ConfigIssue[];
  onChange: Patch;
  onRemove: () => void;
}) {
  const at = (f: string) => issuesAt(issues, `panels.${index}.${f}`, true);
  const set = (patch: Record<string, unknown>) => {
    const next = { ...panel, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(patch)) if (patch[k] === undefined) delete next[k];
    onChange(next as PanelConfig);
  };
  const areaSelect = (label: string) => (
    <Field id="ws-f-area" label={label} error={at('area')}>
      {(p) => (
        <select
          {...p}
          value={'area' in panel ? (panel.area ?? '') : ''}
          onChange={(e) => set({ area: e.target.value || undefined })}
        >
          <option value="">Toàn tỉnh</option>
          {province.communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const basisSelect = (value: PeriodBasis) => (
    <Field id="ws-f-basis" label="Cách tính" error={at('basis')}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => set({ basis: e.target.value })}>
          <option value="period">Số trong kỳ</option>
          <option value="ytd">Lũy kế từ đầu năm</option>
        </select>
      )}
    </Field>
  );
  return (
    <div className="ws-form" data-testid="ws-panel-form">
      <h3>
        Bảng {index + 1}: {KIND_LABEL_VI[panel.kind]}
      </h3>
      {at('at') ? (
        <p className="adm-field-error" data-testid="ws-f-at-error">
          {at('at')}
        </p>
      ) : null}
      <Field id="ws-f-kind" label="Loại bảng">
        {(p) => (
          <select {...p} value={panel.kind} onChange={(e) => onChange(panelOfKind(e.target.value as PanelKind, panel, groups))}>
            {PANEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL_VI[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="ws-f-title" label="Tiêu đề (để trống: tên chỉ tiêu)" error={at('title')}>
        {(p) => <input {...p} value={panel.title ?? ''} onChange={(e) => set({ title: e.target.value || undefined })} />}
      </Field>
      {'indicator' in panel ? (
        <Field id="ws-f-indicator" label="Chỉ tiêu" error={at('indicator')}>
          {(p) => <IndicatorSelect groups={groups} value={panel.indicator} onChange={(id) => set({ indicator: id })} props={p} />}
        </Field>
      ) : null}
      {panel.kind === 'group-overview' ? (
        <Field id="ws-f-group" label="Nhóm chỉ tiêu" error={at('group')}>
          {(p) => (
            <select {...p} value={panel.group} onChange={(e) => set({ group: e.target.value })}>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {panel.kind === 'table' ? (
        <>
          {panel.indicators.map((id, k) => (
            <div className="ws-row" key={k}>
              <Field id={`ws-f-indicators-${k}`} label={`Cột ${k + 1}`} error={at(`indicators.${k}`)}>
                {(p) => (
                  <IndicatorSelect
                    groups={groups}
                    value={id}
                    onChange={(v) => set({ indicators: panel.indicators.map((x, j) => (j === k ? v : x)) })}
                    props={p}
                  />
                )}
              </Field>
              {panel.indicators.length > 1 ? (
                <button
                  type="button"
                  className="adm-button adm-quiet"
                  onClick={() => set({ indicators: panel.indicators.filter((_, j) => j !== k) })}
                >
                  Bỏ cột
                </button>
              ) : null}
            </div>
          ))}
          {panel.indicators.length < 6 ? (
            <button
              type="button"
              className="adm-button adm-quiet"
              onClick={() => set({ indicators: [...panel.indicators, panel.indicators[0]!] })}
            >
              Thêm cột
            </button>
          ) : null}
          <Field id="ws-f-by" label="Hàng" error={at('by')}>
            {(p) => (
              <select {...p} value={panel.by} onChange={(e) => set({ by: e.target.value })}>
                <option value="periods">Theo kỳ báo cáo</option>
                <option value="communes">Theo xã, phường</option>
              </select>
            )}
          </Field>
          {basisSelect(panel.basis)}
          {panel.by === 'periods' ? areaSelect('Địa bàn') : null}
        </>
      ) : null}
      {panel.kind === 'trend-chart' ? (
        <label className="ws-check">
          <input type="checkbox" checked={panel.cumulative} onChange={(e) => set({ cumulative: e.target.checked })} /> Lũy kế
          (thay vì số trong kỳ)
        </label>
      ) : null}
      {panel.kind === 'gauge' || panel.kind === 'map' || panel.kind === 'kpi-tile'
        ? areaSelect(panel.kind === 'map' ? 'Xã, phường tập trung' : 'Địa bàn')
        : null}
      {/* The tile's default is the headline's: lũy kế for a figure that adds up over the year. */}
      {panel.kind === 'kpi-tile' ? basisSelect(panel.basis ?? 'ytd') : null}
      {'limit' in panel ? (
        <Field id="ws-f-limit" label="Số dòng" error={at('limit')}>
          {(p) => (
            <input {...p} inputMode="numeric" value={panel.limit ?? ''} onChange={(e) => set({ limit: num(e.target.value) })} />
          )}
        </Field>
      ) : null}
      {panel.kind === 'note' ? (
        <Field id="ws-f-text" label="Nội dung (# tiêu đề, **đậm**, - danh sách)" error={at('text')}>
          {(p) => <textarea {...p} rows={6} value={panel.text} onChange={(e) => set({ text: e.target.value })} />}
        </Field>
      ) : null}
      {panel.kind === 'kpi-tile' || panel.kind === 'gauge' ? (
        <ThresholdFields
          idPrefix="ws-f-thresholds"
          value={panel.thresholds}
          onChange={(t) => set({ thresholds: t })}
          error={(f) =>
            issuesAt(issues, `panels.${index}.thresholds.${f}`) ??
            (f === 'on' ? issuesAt(issues, `panels.${index}.thresholds`) : undefined)
          }
        />
      ) : null}
      <p className="adm-hint">
        Vị trí: cột {panel.at.col + 1}, hàng {panel.at.row + 1}, rộng {panel.at.w}, cao {panel.at.h} ô. Kéo bảng trên trang để di
        chuyển, kéo góc để đổi kích thước; hoặc chọn bảng rồi dùng mũi tên (Shift + mũi tên: đổi kích thước).
      </p>
      <button type="button" className="adm-button adm-danger" data-testid="ws-remove-panel" onClick={onRemove}>
        Xóa bảng
      </button>
    </div>
  );
}
