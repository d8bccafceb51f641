/** The versions of one item, newest first, with who, when and the diff; "Khôi phục" publishes an older one again. */
import { useCallback, useState } from 'react';
import type { ConfigKind, ConfigVersion } from '../../../contract/workspace.ts';
import { useLoad, useNow } from '../admin/hooks.ts';
import { ago } from '../admin/format.ts';
import { actionErrorText } from '../admin/errors.ts';
import { FormError } from '../admin/ui.tsx';
import { getHistory, rollback } from './api.ts';

const ACTION_VI: Record<ConfigVersion['action'], string> = {
  publish: 'Xuất bản',
  rollback: 'Khôi phục',
  file: 'Từ tệp cấu hình',
  create: 'Tạo mới',
  delete: 'Xóa',
};

export function HistoryList({
  kind,
  id,
  current,
  onRolledBack,
}: {
  kind: ConfigKind;
  id: string;
  current: number;
  onRolledBack: (version: number) => void;
}) {
  const history = useLoad(useCallback((s: AbortSignal) => getHistory(kind, id, s), [kind, id]));
  const now = useNow(10_000);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const restore = async (v: number) => {
    setBusy(true);
    setError(null);
    try {
      await rollback(kind, id, v);
      onRolledBack(v);
    } catch (err) {
      setError(`Không khôi phục được: ${actionErrorText(err)}`);
    }
    setBusy(false);
  };
  const versions = history.data ?? [];
  return (
    <section className="ws-history" data-testid="ws-history">
      <h3>Lịch sử phiên bản</h3>
      <FormError text={history.error ?? error} />
      {history.data && versions.length === 0 ? <p className="adm-muted">Chưa có phiên bản nào được ghi.</p> : null}
      <ol className="ws-history-list">
        {versions.map((v) => (
          <li key={v.version} data-testid={`ws-version-${v.version}`}>
            <div className="ws-history-line">
              <b>Phiên bản {v.version}</b> · {ACTION_VI[v.action] ?? v.action}
              {/* A file's version has no person behind it: the action already says where it came from. */}
              {v.action === 'file' ? '' : ` · ${v.actor.name}`} · {ago(v.at, now)}
              {v.version === current ? <span className="ws-current"> · đang dùng</span> : null}
            </div>
            <div className="ws-history-actions">
              {v.diff ? (
                <button
                  type="button"
                  className="adm-button adm-quiet"
                  onClick={() => setOpen(open === v.version ? null : v.version)}
                  aria-expanded={open === v.version}
                >
                  {open === v.version ? 'Ẩn thay đổi' : 'Xem thay đổi'}
                </button>
              ) : null}
              {v.version !== current ? (
                <button
                  type="button"
                  className="adm-button"
                  disabled={busy}
                  onClick={() => void restore(v.version)}
                  data-testid={`ws-restore-${v.version}`}
                >
                  Khôi phục
                </button>
              ) : null}
            </div>
            {open === v.version ? (
              <pre className="ws-diff" aria-label={`Thay đổi của phiên bản ${v.version}`}>
                {v.diff.split('\n').map((line, i) => (
                  <span
                    key={i}
                    className={
                      line.startsWith('+') && !line.startsWith('+++')
                        ? 'is-add'
                        : line.startsWith('-') && !line.startsWith('---')
                          ? 'is-del'
                          : ''
                    }
                  >
                    {line}
                    {'\n'}
                  </span>
                ))}
              </pre>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
