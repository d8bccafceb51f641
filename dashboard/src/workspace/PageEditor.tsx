/**
 * The page editor: pick a page (or start one) and the wall it is for, place and set up its panels on a
 * live preview at the wall's resolution, see legibility warnings, then publish. The draft is kept in the
 * browser (localStorage) until published, checked with the same schema as config/ at every change, and
 * published with If-Match: someone else's publish in between gives a conflict dialog (reload, or merge
 * my changes on top of theirs), never a silent overwrite. The screens a publish changes are listed first.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PanelConfig, ScreenConfig, WallConfig } from '../../../contract/config.ts';
import type { GroupInfo, ProvinceInfo, ScreenPayload } from '../../../contract/http.ts';
import { ConfigIdSchema, type ConfigIssue } from '../../../contract/workspace.ts';
import { displaySize, minTypePx } from '../../../contract/wall.ts';
import { KIND_LABEL_VI } from '../panels/registry.ts';
import { findIndicator } from '../panels/common/values.ts';
import { Field, FormError, Notice } from '../admin/ui.tsx';
import { getAffected, getItem, listItems, putItem, type AffectedScreen, type Versioned } from './api.ts';
import { draftIssues, issuesAt, mergeDrafts, pageChanges } from './draft.ts';
import { EditorCanvas } from './EditorCanvas.tsx';
import { firstFree, type Cell } from './grid.ts';
import { HistoryList } from './HistoryList.tsx';
import { panelOfKind } from './panel-defaults.ts';
import { PanelForm } from './PanelForm.tsx';
import {
  designToDisplay,
  panelWarningText,
  typeWarnings,
  warningsByPanel,
  warningsHeadText,
  type MeasuredPanel,
} from './type-size.ts';
import { Modal } from './Modal.tsx';

const DRAFT_KEY = (id: string) => `ioc-ws-draft:${id}`;

interface Loaded {
  /** null: a page not yet published. */
  base: Versioned<ScreenConfig> | null;
  draft: ScreenConfig;
}

type Dialog =
  | { kind: 'confirm'; affected: AffectedScreen[] | null; error: string | null }
  | { kind: 'conflict'; theirs: Versioned<ScreenConfig> }
  | null;

export function PageEditor({ groups, province }: { groups: GroupInfo[]; province: ProvinceInfo }) {
  const [pages, setPages] = useState<Versioned<ScreenConfig>[] | null>(null);
  const [walls, setWalls] = useState<Versioned<WallConfig>[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [pageId, setPageId] = useState<string | null>(null);
  const [wallId, setWallId] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [serverIssues, setServerIssues] = useState<ConfigIssue[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [measured, setMeasured] = useState<MeasuredPanel[]>([]);
  const [historyKey, setHistoryKey] = useState(0);
  const [creating, setCreating] = useState<{ id: string; title: string } | null>(null);

  const [listReloads, setListReloads] = useState(0);
  const reloadLists = useCallback(() => setListReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    Promise.all([listItems<ScreenConfig>('pages'), listItems<WallConfig>('walls')]).then(
      ([p, w]) => {
        if (!live) return;
        setPages(p);
        setWalls(w);
        setListError(null);
        setPageId((cur) => cur ?? p[0]?.id ?? null);
        setWallId((cur) => cur ?? w[0]?.id ?? null);
      },
      (err: unknown) =>
        live && setListError(`Không tải được danh sách trang: ${err instanceof Error ? err.message : String(err)}`),
    );
    return () => {
      live = false;
    };
  }, [listReloads]);

  // Open a page: its live version, and the draft kept in this browser if it was made on that version.
  const [opens, setOpens] = useState(0);
  const published = !!pageId && !!pages?.some((p) => p.id === pageId);
  useEffect(() => {
    if (!pageId || !published) return;
    let live = true;
    getItem<ScreenConfig>('pages', pageId).then(
      (base) => {
        if (!live) return;
        let draft = base.item;
        const kept = localStorage.getItem(DRAFT_KEY(pageId));
        if (kept) {
          const k = JSON.parse(kept) as { version: number; draft: ScreenConfig };
          if (k.version === base.version && JSON.stringify(k.draft) !== JSON.stringify(base.item)) {
            draft = k.draft;
            setNotice('Đã mở lại bản nháp chưa xuất bản của trang này.');
          } else localStorage.removeItem(DRAFT_KEY(pageId));
        }
        setLoaded({ base, draft });
        setSelected(null);
        setServerIssues([]);
      },
      (err: unknown) =>
        live && setListError(`Không mở được trang "${pageId}": ${err instanceof Error ? err.message : String(err)}`),
    );
    return () => {
      live = false;
    };
  }, [pageId, published, opens]);

  const draft = loaded?.draft ?? null;
  const setDraft = (next: ScreenConfig) => {
    setLoaded((l) => (l ? { ...l, draft: next } : l));
    setServerIssues([]);
    if (loaded?.base) localStorage.setItem(DRAFT_KEY(next.id), JSON.stringify({ version: loaded.base.version, draft: next }));
  };
  const dirty = !!loaded && (!loaded.base || JSON.stringify(loaded.base.item) !== JSON.stringify(loaded.draft));

  const indicatorOf = useCallback((id: string) => findIndicator(groups, id), [groups]);
  const communes = useMemo(() => new Set(province.communes.map((c) => c.code)), [province]);
  const issues = useMemo(() => {
    const own = draft ? draftIssues(draft, indicatorOf, communes) : [];
    return [...own, ...serverIssues.filter((s) => !own.some((o) => o.path === s.path))];
  }, [draft, indicatorOf, communes, serverIssues]);

  const wall = walls.find((w) => w.id === wallId)?.item ?? null;
  const display = wall ? displaySize(wall) : null;
  const minPx = wall && display ? minTypePx(wall.viewing, display) : null;
  const distanceM = wall ? wall.viewing.distanceM : null;
  // One line a panel (main text and foot together), under a sentence with the wall's minimum.
  const typeNotes = useMemo(() => {
    if (!draft || !display || !minPx || !distanceM) return null;
    const panels = warningsByPanel(typeWarnings(measured, designToDisplay(draft.design, display), minPx));
    if (!panels.length) return null;
    return {
      head: warningsHeadText(panels.length, minPx, distanceM),
      lines: panels.map((w) => ({
        index: w.index,
        main: w.main !== undefined,
        text: panelWarningText(w, `Bảng ${w.index + 1}`),
      })),
    };
  }, [draft, display, minPx, distanceM, measured]);
  const onMeasure = useCallback((m: MeasuredPanel[]) => {
    setMeasured((prev) => (JSON.stringify(prev) === JSON.stringify(m) ? prev : m));
  }, []);

  const payload: ScreenPayload | null = useMemo(
    () => (draft ? { screen: draft, province, groups } : null),
    [draft, province, groups],
  );
  const label = useCallback(
    (p: PanelConfig) => {
      const ind = 'indicator' in p ? p.indicator : 'indicators' in p ? p.indicators[0] : null;
      const name = p.title ?? (ind ? (indicatorOf(ind)?.name ?? ind) : null);
      return `${KIND_LABEL_VI[p.kind]}${name ? ` “${name}”` : ''}`;
    },
    [indicatorOf],
  );

  const place = (i: number, at: Cell) => {
    if (!draft) return;
    setDraft({ ...draft, panels: draft.panels.map((p, k) => (k === i ? { ...p, at } : p)) });
  };
  const addPanel = () => {
    if (!draft) return;
    const at = firstFree(
      draft.panels.map((p) => p.at),
      draft.grid,
      3,
      2,
    );
    if (!at) {
      setNotice('Trang đã kín chỗ: thu nhỏ hoặc xóa một bảng trước khi thêm.');
      return;
    }
    const panel = panelOfKind('kpi-tile', { at }, groups);
    setDraft({ ...draft, panels: [...draft.panels, panel] });
    setSelected(draft.panels.length);
  };
  const useWallGeometry = () => {
    if (!draft || !display) return;
    setDraft({ ...draft, design: { ...display } });
  };

  const startNew = () => setCreating({ id: '', title: '' });
  const idError =
    creating && creating.id
      ? ConfigIdSchema.safeParse(creating.id).success
        ? pages?.some((p) => p.id === creating.id)
          ? 'Đã có trang với mã này'
          : undefined
        : 'Chỉ chữ thường không dấu, số, "-" hoặc "_", bắt đầu bằng chữ'
      : undefined;
  const create = () => {
    if (!creating || !creating.id || idError) return;
    const design = display ? { ...display } : { width: 1920, height: 1080 };
    setLoaded({
      base: null,
      draft: { id: creating.id, title: creating.title || creating.id, design, grid: { columns: 12, rows: 6 }, panels: [] },
    });
    setPageId(creating.id);
    setCreating(null);
    setSelected(null);
  };

  const askPublish = async () => {
    if (!draft) return;
    if (issues.length) {
      setNotice(`Chưa xuất bản: bản nháp còn ${issues.length} lỗi (xem tại từng trường).`);
      const first = /^panels\.(\d+)/.exec(issues[0]!.path);
      if (first) setSelected(Number(first[1]));
      return;
    }
    setDialog({ kind: 'confirm', affected: null, error: null });
    if (loaded?.base) {
      try {
        setDialog({ kind: 'confirm', affected: await getAffected(draft.id), error: null });
      } catch {
        setDialog({ kind: 'confirm', affected: [], error: 'Không lấy được danh sách màn hình bị ảnh hưởng.' });
      }
    } else setDialog({ kind: 'confirm', affected: [], error: null });
  };

  const publish = async () => {
    if (!draft || !loaded) return;
    setBusy(true);
    const r = await putItem<ScreenConfig>('pages', draft.id, draft, loaded.base?.version ?? null);
    setBusy(false);
    if (r.ok) {
      localStorage.removeItem(DRAFT_KEY(draft.id));
      setLoaded({ base: { id: draft.id, version: r.version, item: draft }, draft });
      setDialog(null);
      setNotice(`Đã xuất bản trang “${draft.title}” (phiên bản ${r.version}). Các màn hình đang mở sẽ cập nhật ngay.`);
      setHistoryKey((n) => n + 1);
      reloadLists();
      return;
    }
    if (r.kind === 'conflict') {
      let theirs: Versioned<ScreenConfig> | null = r.item ? { id: draft.id, version: r.version, item: r.item } : null;
      if (!theirs) theirs = await getItem<ScreenConfig>('pages', draft.id).catch(() => null);
      if (theirs) setDialog({ kind: 'conflict', theirs });
      else setDialog({ kind: 'confirm', affected: [], error: r.message });
      return;
    }
    if (r.kind === 'invalid') {
      setServerIssues(r.issues);
      setDialog(null);
      setNotice(`Máy chủ từ chối bản nháp: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      return;
    }
    setDialog({ kind: 'confirm', affected: dialog?.kind === 'confirm' ? dialog.affected : [], error: r.message });
  };

  const reloadTheirs = (theirs: Versioned<ScreenConfig>) => {
    localStorage.removeItem(DRAFT_KEY(theirs.id));
    setLoaded({ base: theirs, draft: theirs.item });
    setDialog(null);
    setNotice('Đã tải lại phiên bản mới nhất; thay đổi của bạn đã bỏ.');
  };
  const mergeTheirs = (theirs: Versioned<ScreenConfig>) => {
    if (!loaded?.base || !draft) return;
    const m = mergeDrafts(loaded.base.item, draft, theirs.item, label);
    setLoaded({ base: theirs, draft: m.page });
    localStorage.setItem(DRAFT_KEY(theirs.id), JSON.stringify({ version: theirs.version, draft: m.page }));
    setDialog(null);
    setNotice(
      m.conflicts.length
        ? `Đã gộp ${m.applied} thay đổi lên phiên bản ${theirs.version}. Không gộp được (trùng chỗ với thay đổi của người khác): ${m.conflicts.join('; ')}. Kiểm tra rồi xuất bản lại.`
        : `Đã gộp ${m.applied} thay đổi của bạn lên phiên bản ${theirs.version}. Kiểm tra rồi xuất bản lại.`,
    );
  };

  const afterRollback = (version: number) => {
    setNotice(`Đã khôi phục trang về phiên bản ${version}.`);
    if (draft) localStorage.removeItem(DRAFT_KEY(draft.id));
    setOpens((n) => n + 1);
    setHistoryKey((n) => n + 1);
  };

  const sel = selected !== null && draft ? draft.panels[selected] : undefined;
  return (
    <div className="ws-editor" data-testid="ws-editor">
      <div className="ws-bar">
        <Field id="ws-page" label="Trang">
          {(p) => (
            <select {...p} value={pageId ?? ''} onChange={(e) => setPageId(e.target.value)}>
              {(pages ?? []).map((pg) => (
                <option key={pg.id} value={pg.id}>
                  {pg.item.title} ({pg.id})
                </option>
              ))}
              {pageId && !pages?.some((p2) => p2.id === pageId) ? (
                <option value={pageId}>{draft?.title ?? pageId} (mới)</option>
              ) : null}
            </select>
          )}
        </Field>
        <button type="button" className="adm-button adm-quiet" onClick={startNew} data-testid="ws-new-page">
          Trang mới
        </button>
        <Field id="ws-wall" label="Tường màn hình">
          {(p) => (
            <select {...p} value={wallId ?? ''} onChange={(e) => setWallId(e.target.value)}>
              {walls.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.item.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {display && draft && (display.width !== draft.design.width || display.height !== draft.design.height) ? (
          <button type="button" className="adm-button adm-quiet" onClick={useWallGeometry}>
            Dùng kích thước {display.width}×{display.height}
          </button>
        ) : null}
        <div className="ws-bar-actions">
          <button type="button" className="adm-button" onClick={addPanel} disabled={!draft} data-testid="ws-add-panel">
            Thêm bảng
          </button>
          <button
            type="button"
            className="adm-button adm-primary"
            onClick={() => void askPublish()}
            disabled={!draft || !dirty}
            data-testid="ws-publish"
          >
            Xuất bản
          </button>
        </div>
      </div>
      {creating ? (
        <div className="ws-create">
          <Field id="ws-new-id" label="Mã trang (tên tệp)" error={idError}>
            {(p) => (
              <input {...p} value={creating.id} onChange={(e) => setCreating({ ...creating, id: e.target.value.trim() })} />
            )}
          </Field>
          <Field id="ws-new-title" label="Tên trang">
            {(p) => <input {...p} value={creating.title} onChange={(e) => setCreating({ ...creating, title: e.target.value })} />}
          </Field>
          <button
            type="button"
            className="adm-button"
            onClick={create}
            disabled={!creating.id || !!idError}
            data-testid="ws-create"
          >
            Tạo
          </button>
          <button type="button" className="adm-button adm-quiet" onClick={() => setCreating(null)}>
            Hủy
          </button>
        </div>
      ) : null}
      <FormError text={listError} />
      <Notice text={notice} onClose={() => setNotice(null)} />
      {draft && payload ? (
        <div className="ws-work">
          <div className="ws-stage">
            <div className="ws-stage-head">
              <Field id="ws-title" label="Tên trang" error={issuesAt(issues, 'title')}>
                {(p) => <input {...p} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}
              </Field>
              <span className="adm-muted" data-testid="ws-state">
                {loaded?.base ? `Phiên bản ${loaded.base.version}` : 'Chưa xuất bản'}
                {dirty ? ' · có thay đổi chưa xuất bản' : ''} · {draft.design.width}×{draft.design.height} px, lưới{' '}
                {draft.grid.columns}×{draft.grid.rows}
              </span>
            </div>
            <FormError text={issuesAt(issues, 'panels') ?? issuesAt(issues, '(root)')} testId="ws-page-error" />
            <EditorCanvas
              page={draft}
              payload={payload}
              selected={selected}
              onSelect={setSelected}
              onPlace={place}
              onMeasure={onMeasure}
              maxHeightPx={430}
            />
            {typeNotes ? (
              <div className="ws-warnings" data-testid="ws-type-warnings">
                <p className="ws-warnings-head">⚠ {typeNotes.head}</p>
                <ul aria-label="Cảnh báo cỡ chữ">
                  {typeNotes.lines.map((l) => (
                    <li key={l.index} className={l.main ? 'is-main' : ''}>
                      {l.text}
                    </li>
                  ))}
                </ul>
              </div>
            ) : minPx ? (
              <p className="adm-muted">Mọi chữ trên trang đạt cỡ tối thiểu {minPx} px của tường này.</p>
            ) : null}
          </div>
          <aside className="ws-side">
            {sel && selected !== null ? (
              <PanelForm
                panel={sel}
                index={selected}
                groups={groups}
                province={province}
                issues={issues}
                onChange={(next) => setDraft({ ...draft, panels: draft.panels.map((p, k) => (k === selected ? next : p)) })}
                onRemove={() => {
                  setDraft({ ...draft, panels: draft.panels.filter((_, k) => k !== selected) });
                  setSelected(null);
                }}
              />
            ) : (
              <p className="adm-muted">Chọn một bảng trên trang để sửa, hoặc bấm “Thêm bảng”.</p>
            )}
            {loaded?.base ? (
              <HistoryList
                key={`${draft.id}:${historyKey}`}
                kind="pages"
                id={draft.id}
                current={loaded.base.version}
                onRolledBack={afterRollback}
              />
            ) : null}
          </aside>
        </div>
      ) : pages && pages.length === 0 && !creating ? (
        <p>Chưa có trang nào. Bấm “Trang mới” để bắt đầu.</p>
      ) : null}
      {dialog?.kind === 'confirm' && draft ? (
        <Modal title="Xuất bản trang" testId="ws-confirm" onClose={() => !busy && setDialog(null)}>
          {dialog.affected === null ? (
            <p className="adm-muted">Đang kiểm tra các màn hình sẽ thay đổi…</p>
          ) : dialog.affected.length ? (
            <>
              <p>Các màn hình sau sẽ hiển thị trang mới ngay khi xuất bản:</p>
              <ul data-testid="ws-affected">
                {dialog.affected.map((s) => (
                  <li key={s.id}>
                    {s.name} <span className="adm-muted">({s.id})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>Chưa màn hình nào đang hiển thị trang này.</p>
          )}
          <FormError text={dialog.error} />
          <div className="adm-dialog-actions">
            <button type="button" className="adm-button" onClick={() => setDialog(null)} disabled={busy}>
              Hủy
            </button>
            <button
              type="button"
              className="adm-button adm-primary"
              onClick={() => void publish()}
              disabled={busy || dialog.affected === null}
              data-testid="ws-confirm-publish"
            >
              {busy ? 'Đang xuất bản…' : 'Xuất bản'}
            </button>
          </div>
        </Modal>
      ) : null}
      {dialog?.kind === 'conflict' && loaded?.base && draft ? (
        <Modal title="Trang đã được người khác sửa" testId="ws-conflict" onClose={() => setDialog(null)}>
          <p>
            Trong lúc bạn sửa, trang đã được xuất bản phiên bản {dialog.theirs.version}. Thay đổi của bạn chưa được lưu. Những gì
            phiên bản đó đã đổi:
          </p>
          <ul className="ws-diff-list" data-testid="ws-conflict-diff">
            {pageChanges(loaded.base.item, dialog.theirs.item, label).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <p className="adm-hint">
            “Gộp” đặt lại các thay đổi của bạn lên phiên bản mới ở những chỗ không trùng; “Tải lại” bỏ thay đổi của bạn.
          </p>
          <div className="adm-dialog-actions">
            <button
              type="button"
              className="adm-button"
              onClick={() => reloadTheirs(dialog.theirs)}
              data-testid="ws-conflict-reload"
            >
              Tải lại
            </button>
            <button
              type="button"
              className="adm-button adm-primary"
              onClick={() => mergeTheirs(dialog.theirs)}
              data-testid="ws-conflict-merge"
            >
              Gộp
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
