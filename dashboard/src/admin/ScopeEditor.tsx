/**
 * What a user may read: every indicator group or chosen ones (and the camera alerts), and every area, the
 * whole province or chosen communes. Edits a ScopeDraft (scope-model.ts); ids no list knows stay chosen.
 */
import { useId, useMemo, useState } from 'react';
import { ALERTS_GROUP } from '../../../contract/alerts.ts';
import type { GroupInfo, ProvinceInfo } from '../../../contract/http.ts';
import { ALERTS_GROUP_LABEL, matchesFilter, toggled, type AreaMode, type ScopeDraft } from './scope-model.ts';
import { Choices } from './ui.tsx';

export function ScopeEditor({
  draft,
  onChange,
  groups,
  province,
  errors,
}: {
  draft: ScopeDraft;
  onChange: (d: ScopeDraft) => void;
  groups: readonly GroupInfo[];
  province: ProvinceInfo;
  errors: { groups?: string | undefined; areas?: string | undefined };
}) {
  const uid = useId();
  const [filter, setFilter] = useState('');
  const groupOptions = useMemo(() => {
    const list = groups.map((g) => ({ id: g.id, label: g.name }));
    if (!list.some((g) => g.id === ALERTS_GROUP)) list.push({ id: ALERTS_GROUP, label: ALERTS_GROUP_LABEL });
    for (const id of draft.groups)
      if (!list.some((g) => g.id === id)) list.push({ id, label: `${id} (không còn trong danh mục)` });
    return list;
  }, [groups, draft.groups]);
  const communes = useMemo(() => {
    const list = province.communes.map((c) => ({ code: c.code, label: `${c.type} ${c.name}` }));
    for (const code of draft.communes)
      if (!list.some((c) => c.code === code)) list.push({ code, label: `${code} (không còn trong danh sách)` });
    return list;
  }, [province, draft.communes]);
  const shown = communes.filter((c) => matchesFilter(c.label, filter) || c.code.startsWith(filter.trim()));
  const chosen = new Set(draft.communes);
  const areaMode = (m: AreaMode) => onChange({ ...draft, areaMode: m });

  return (
    <div className="adm-scope" data-testid="scope-editor">
      <Choices id="user-groups" legend="Nhóm chỉ tiêu được xem" error={errors.groups}>
        <label className="adm-check">
          <input
            type="checkbox"
            checked={draft.allGroups}
            onChange={(e) => onChange({ ...draft, allGroups: e.target.checked })}
          />
          Tất cả các nhóm
        </label>
        {draft.allGroups ? null : (
          <div className="adm-check-grid">
            {groupOptions.map((g) => (
              <label className="adm-check" key={g.id}>
                <input
                  type="checkbox"
                  checked={draft.groups.includes(g.id)}
                  onChange={(e) => onChange({ ...draft, groups: toggled(draft.groups, g.id, e.target.checked) })}
                />
                {g.label}
              </label>
            ))}
          </div>
        )}
      </Choices>
      <Choices id="user-areas" legend="Địa bàn được xem" error={errors.areas}>
        <label className="adm-check">
          <input type="radio" name={`${uid}-areas`} checked={draft.areaMode === 'all'} onChange={() => areaMode('all')} />
          Mọi địa bàn
        </label>
        <label className="adm-check">
          <input
            type="radio"
            name={`${uid}-areas`}
            checked={draft.areaMode === 'province'}
            onChange={() => areaMode('province')}
          />
          Toàn tỉnh {province.name} (mọi xã, phường)
        </label>
        <label className="adm-check">
          <input
            type="radio"
            name={`${uid}-areas`}
            checked={draft.areaMode === 'communes'}
            onChange={() => areaMode('communes')}
          />
          Chỉ các xã, phường được chọn
        </label>
        {draft.areaMode === 'communes' ? (
          <div className="adm-communes">
            <div className="adm-communes-head">
              <label htmlFor={`${uid}-filter`}>Tìm xã, phường</label>
              <input
                id={`${uid}-filter`}
                className="adm-input"
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                autoComplete="off"
              />
              <span className="adm-muted" aria-live="polite">
                Đã chọn {chosen.size}
              </span>
              {chosen.size ? (
                <button type="button" className="adm-button adm-quiet" onClick={() => onChange({ ...draft, communes: [] })}>
                  Bỏ chọn tất cả
                </button>
              ) : null}
            </div>
            <div className="adm-check-grid adm-scroll" role="group" aria-label="Xã, phường">
              {shown.map((c) => (
                <label className="adm-check" key={c.code}>
                  <input
                    type="checkbox"
                    checked={chosen.has(c.code)}
                    onChange={(e) => onChange({ ...draft, communes: toggled(draft.communes, c.code, e.target.checked) })}
                  />
                  {c.label}
                </label>
              ))}
              {shown.length === 0 ? <p className="adm-muted">Không có xã, phường nào khớp.</p> : null}
            </div>
          </div>
        ) : null}
      </Choices>
    </div>
  );
}
