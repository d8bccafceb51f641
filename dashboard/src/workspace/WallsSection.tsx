/**
 * "Lịch trình tường": for each wall, what each display shows — a playlist of pages with their dwell
 * times, or one pinned page — published like a page (If-Match, errors at the field, history).
 */
import { useCallback, useEffect, useState } from 'react';
import { WallSchema, type DisplayConfig, type ScreenConfig, type WallConfig } from '../../../contract/config.ts';
import type { ConfigIssue } from '../../../contract/workspace.ts';
import { Field, FormError, Notice } from '../admin/ui.tsx';
import { getItem, listItems, putItem, type Versioned } from './api.ts';
import { issueTextVi, issuesAt } from './draft.ts';
import { HistoryList } from './HistoryList.tsx';

export function wallIssues(w: WallConfig, pageIds: ReadonlySet<string>): ConfigIssue[] {
  const parsed = WallSchema.safeParse(w);
  const out: ConfigIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: issueTextVi(i) }));
  w.displays.forEach((d, i) => {
    if (d.pinned && !pageIds.has(d.pinned)) out.push({ path: `displays.${i}.pinned`, message: `Không có trang "${d.pinned}"` });
    d.playlist?.forEach((e, k) => {
      if (!pageIds.has(e.page)) out.push({ path: `displays.${i}.playlist.${k}.page`, message: `Không có trang "${e.page}"` });
    });
  });
  return out;
}

export function WallsSection() {
  const [walls, setWalls] = useState<Versioned<WallConfig>[] | null>(null);
  const [pages, setPages] = useState<ScreenConfig[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    Promise.all([listItems<WallConfig>('walls'), listItems<ScreenConfig>('pages')]).then(
      ([w, p]) => {
        if (!live) return;
        setWalls(w);
        setPages(p.map((x) => x.item));
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [reloads]);
  return (
    <div className="adm-section" data-testid="ws-walls">
      <div className="adm-section-head">
        <h2>Lịch trình tường màn hình</h2>
      </div>
      <FormError text={error} />
      {(walls ?? []).map((w) => (
        <WallEditor key={`${w.id}:${w.version}`} wall={w} pages={pages} onSaved={load} />
      ))}
    </div>
  );
}

function WallEditor({ wall, pages, onSaved }: { wall: Versioned<WallConfig>; pages: ScreenConfig[]; onSaved: () => void }) {
  const [draft, setDraft] = useState<WallConfig>(wall.item);
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pageIds = new Set(pages.map((p) => p.id));
  const setDisplay = (i: number, d: DisplayConfig) =>
    setDraft({ ...draft, displays: draft.displays.map((x, k) => (k === i ? d : x)) });
  const dirty = JSON.stringify(draft) !== JSON.stringify(wall.item);
  const save = async () => {
    const own = wallIssues(draft, pageIds);
    setIssues(own);
    if (own.length) return;
    setBusy(true);
    const r = await putItem('walls', wall.id, draft, wall.version);
    setBusy(false);
    if (r.ok) {
      setNotice(`Đã xuất bản lịch trình (phiên bản ${r.version}).`);
      onSaved();
    } else if (r.kind === 'invalid') setIssues(r.issues);
    else if (r.kind === 'conflict') {
      const latest = await getItem<WallConfig>('walls', wall.id).catch(() => null);
      setNotice(`Tường vừa được người khác sửa (phiên bản ${r.version}). ${latest ? 'Bấm “Tải lại” để xem bản mới.' : ''}`);
    } else setNotice(r.message);
  };
  return (
    <section className="ws-wall" data-testid={`ws-wall-${wall.id}`}>
      <h3>
        {draft.name} <span className="adm-muted">· phiên bản {wall.version}</span>
      </h3>
      <Notice text={notice} onClose={() => setNotice(null)} />
      {draft.displays.map((d, i) => (
        <div key={d.id} className="ws-display">
          <h4>{d.name}</h4>
          <label className="ws-check">
            <input
              type="checkbox"
              checked={!!d.pinned}
              onChange={(e) => {
                const { pinned: _p, playlist: _l, ...rest } = d;
                setDisplay(
                  i,
                  e.target.checked
                    ? { ...rest, pinned: d.playlist?.[0]?.page ?? pages[0]?.id ?? '' }
                    : { ...rest, playlist: [{ page: d.pinned ?? pages[0]?.id ?? '', dwellS: 60 }] },
                );
              }}
            />{' '}
            Ghim một trang
          </label>
          {d.pinned !== undefined ? (
            <Field id={`ws-d${i}-pinned`} label="Trang" error={issuesAt(issues, `displays.${i}.pinned`)}>
              {(p) => (
                <select {...p} value={d.pinned} onChange={(e) => setDisplay(i, { ...d, pinned: e.target.value })}>
                  {pages.map((pg) => (
                    <option key={pg.id} value={pg.id}>
                      {pg.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <>
              <FormError text={issuesAt(issues, `displays.${i}.playlist`)} />
              {(d.playlist ?? []).map((e, k) => (
                <div className="ws-row" key={k}>
                  <Field
                    id={`ws-d${i}-p${k}-page`}
                    label={`Trang ${k + 1}`}
                    error={issuesAt(issues, `displays.${i}.playlist.${k}.page`)}
                  >
                    {(p) => (
                      <select
                        {...p}
                        value={e.page}
                        onChange={(ev) =>
                          setDisplay(i, {
                            ...d,
                            playlist: d.playlist!.map((x, j) => (j === k ? { ...x, page: ev.target.value } : x)),
                          })
                        }
                      >
                        {pages.map((pg) => (
                          <option key={pg.id} value={pg.id}>
                            {pg.title}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field
                    id={`ws-d${i}-p${k}-dwell`}
                    label="Thời gian (giây)"
                    error={issuesAt(issues, `displays.${i}.playlist.${k}.dwellS`)}
                  >
                    {(p) => (
                      <input
                        {...p}
                        inputMode="numeric"
                        value={Number.isFinite(e.dwellS) ? e.dwellS : ''}
                        onChange={(ev) =>
                          setDisplay(i, {
                            ...d,
                            playlist: d.playlist!.map((x, j) => (j === k ? { ...x, dwellS: Number(ev.target.value || NaN) } : x)),
                          })
                        }
                      />
                    )}
                  </Field>
                  <button
                    type="button"
                    className="adm-button adm-quiet"
                    disabled={(d.playlist ?? []).length <= 1}
                    onClick={() => setDisplay(i, { ...d, playlist: d.playlist!.filter((_, j) => j !== k) })}
                  >
                    Bỏ
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="adm-button adm-quiet"
                onClick={() =>
                  setDisplay(i, { ...d, playlist: [...(d.playlist ?? []), { page: pages[0]?.id ?? '', dwellS: 60 }] })
                }
              >
                Thêm trang vào lịch
              </button>
            </>
          )}
        </div>
      ))}
      <div className="adm-dialog-actions">
        <button type="button" className="adm-button adm-quiet" disabled={!dirty || busy} onClick={() => setDraft(wall.item)}>
          Bỏ thay đổi
        </button>
        <button
          type="button"
          className="adm-button adm-primary"
          disabled={!dirty || busy}
          onClick={() => void save()}
          data-testid={`ws-wall-save-${wall.id}`}
        >
          Xuất bản lịch trình
        </button>
      </div>
      <HistoryList kind="walls" id={wall.id} current={wall.version} onRolledBack={onSaved} />
    </section>
  );
}
