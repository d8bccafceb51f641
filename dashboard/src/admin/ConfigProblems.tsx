/**
 * "Tệp cấu hình lỗi": configuration files edited by hand that do not load (GET /api/config/pages →
 * `invalid`). The wall keeps running on the previous version of each; staff see the file, the line and
 * what to fix. Shown above every section of the desk, and only when there is something to fix.
 */
import type { ConfigList } from '../../../contract/workspace.ts';
import { apiGet } from '../api/client.ts';
import { ago } from './format.ts';
import { useLoad, useNow } from './hooks.ts';

const PROBLEMS_POLL_MS = 15_000;
const loadProblems = (signal: AbortSignal) => apiGet<ConfigList>('/api/config/pages', { signal, cache: 'no-store' });

export function ConfigProblems() {
  const list = useLoad<ConfigList>(loadProblems, PROBLEMS_POLL_MS);
  const now = useNow(5000);
  const invalid = list.data?.invalid ?? [];
  if (invalid.length === 0) return null;
  return (
    <section className="adm-section adm-config-problems" role="alert" data-testid="admin-config-problems">
      <div className="adm-section-head">
        <h2>Tệp cấu hình lỗi</h2>
      </div>
      <p>Các tệp dưới đây đã được sửa trực tiếp nhưng không hợp lệ. Màn hình vẫn chạy theo phiên bản hợp lệ trước đó.</p>
      <ul>
        {invalid.map((p) => (
          <li key={p.file}>
            <code>{p.file}</code> <span className="adm-muted">({ago(p.at, now)})</span>
            <ul>
              {p.issues.map((i, n) => (
                <li key={n}>
                  {i.line ? `dòng ${i.line}` : 'tệp'}
                  {i.path ? (
                    <>
                      {' · '}
                      <code>{i.path}</code>
                    </>
                  ) : null}
                  : {i.message}
                  {i.hint ? <span className="adm-muted"> — gợi ý: {i.hint}</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
