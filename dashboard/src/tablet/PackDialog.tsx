/**
 * "Gói tài liệu (PDF)": the views of the meeting (pack.ts), ticked by default, printed on the server
 * (POST /api/exports/pdf, A4 landscape, stamped with the meeting and "Số liệu tính đến …") and saved as
 * a download. Outside a meeting, the page on screen alone. The server checks scope and audits.
 */
import { useState } from 'react';
import type { TabletPayload } from '../../../contract/http.ts';
import type { View } from '../../../contract/meetings.ts';
import { apiSendForFile } from '../api/client.ts';
import { exportErrorText, saveFile } from '../export/download.ts';
import { viewTitle } from '../meeting/labels.ts';
import { picked, viewKey } from './pack.ts';

export function PackDialog(p: { views: readonly View[]; meeting: string | null; payload: TabletPayload; onClose: () => void }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(p.views.map(viewKey)));
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: string | null }>({
    busy: false,
    error: null,
    saved: null,
  });
  const views = picked(p.views, chosen);
  const run = async () => {
    setState({ busy: true, error: null, saved: null });
    try {
      const { blob, fileName } = await apiSendForFile('/api/exports/pdf', {
        views,
        ...(p.meeting ? { meeting: p.meeting } : {}),
      });
      const name = fileName ?? 'goi-tai-lieu.pdf';
      saveFile(blob, name);
      setState({ busy: false, error: null, saved: name });
    } catch (err) {
      setState({ busy: false, error: exportErrorText(err), saved: null });
    }
  };
  const toggle = (key: string) => {
    const next = new Set(chosen);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setChosen(next);
  };
  return (
    <div className="t-dialog-backdrop">
      <div className="t-dialog" role="dialog" aria-modal="true" aria-label="Gói tài liệu" data-testid="pack-dialog">
        <h2>{p.meeting ? 'Gói tài liệu cuộc họp (PDF)' : 'Xuất PDF trang này'}</h2>
        {p.views.length === 0 ? <p>Cuộc họp chưa trình bày nội dung nào.</p> : null}
        <ul className="t-pack-list">
          {p.views.map((v) => {
            const key = viewKey(v);
            return (
              <li key={key}>
                <label className="t-pack-item">
                  <input type="checkbox" checked={chosen.has(key)} onChange={() => toggle(key)} data-testid="pack-view" />
                  <span>{viewTitle(v, p.payload.groups, p.payload.province)}</span>
                </label>
              </li>
            );
          })}
        </ul>
        {state.busy ? <p role="status">Đang tạo tệp PDF, có thể mất vài chục giây…</p> : null}
        {state.saved ? (
          <p role="status" data-testid="pack-saved">
            Đã tải về: {state.saved}
          </p>
        ) : null}
        {state.error ? (
          <p role="alert" className="tone-bad">
            {state.error}
          </p>
        ) : null}
        <div className="t-dialog-actions">
          <button
            type="button"
            className="tablet-button tablet-button--primary"
            disabled={state.busy || views.length === 0}
            onClick={() => void run()}
            data-testid="pack-download"
          >
            Tải PDF ({views.length} trang)
          </button>
          <button type="button" className="tablet-button" onClick={p.onClose} data-testid="pack-close">
            Đóng
          </button>
        </div>
      </div>
    </div>
  );
}
