/**
 * /compliance, for a signed-in person on a tablet or a desk: which agencies and communes reported on
 * time, month by month. Tabs by agency / by commune, the month with ‹ › buttons, the on-time trend of
 * the last 12 months (the tapped line beside the whole), and every line worst first — tap one to see its
 * trend. Touch first: every target ≥ 44 px, nothing on hover. The server counts only what the person may
 * read (a commune official: their commune). The view is in the address (`?by=commune&period=2026-11`),
 * so a link opens it as it was. "Xuất Excel" downloads the month and tab on screen.
 */
import { useMemo, useState } from 'react';
import type { ComplianceBy } from '../../../contract/compliance.ts';
import { addPeriods, formatPeriod, parsePeriod, periodLabelVi } from '../../../contract/period.ts';
import { useRequireUser } from '../session/useSession.ts';
import { SignOutButton } from '../home/SignOutButton.tsx';
import { EChart } from '../panels/trend-chart/EChart.tsx';
import { formatUpdatedVi } from '../format/vi.ts';
import { ExportXlsxButton } from '../export/ExportXlsxButton.tsx';
import { useCompliance } from './useCompliance.ts';
import { complianceLine, complianceSummary, trendSeries } from './model.ts';
import { complianceChartOption } from './chart.ts';
import './compliance-page.css';

function initialView(): { by: ComplianceBy; period: string | undefined } {
  const q = new URLSearchParams(window.location.search);
  const period = q.get('period');
  return { by: q.get('by') === 'commune' ? 'commune' : 'agency', period: period && parsePeriod(period) ? period : undefined };
}

export default function CompliancePage() {
  const who = useRequireUser();
  if (who.state !== 'ready')
    return (
      <main className="cp cp-notice" data-testid="compliance-page">
        <h1>{who.state === 'error' ? 'Không liên lạc được máy chủ — đang thử lại' : 'Đang kiểm tra đăng nhập…'}</h1>
      </main>
    );
  return <ComplianceView />;
}

function ComplianceView() {
  const [view, setView] = useState(initialView);
  const [selected, setSelected] = useState<string | null>(null);
  const load = useCompliance({ by: view.by, period: view.period });
  const change = (next: { by: ComplianceBy; period: string | undefined }) => {
    setView(next);
    setSelected(null);
    const q = new URLSearchParams({ by: next.by, ...(next.period ? { period: next.period } : {}) });
    window.history.replaceState(null, '', `/compliance?${q.toString()}`);
  };
  const data = load.state === 'ready' ? load.data : null;
  const period = data ? parsePeriod(data.period) : view.period ? parsePeriod(view.period) : null;
  const step = (n: number) => period && change({ ...view, period: formatPeriod(addPeriods(period, n)) });
  const model = useMemo(() => {
    if (!data) return null;
    const row = data.rows.find((r) => r.key === selected) ?? null;
    const overall = trendSeries(data);
    const mine = row ? trendSeries(data, row) : null;
    return {
      summary: complianceSummary(data),
      lines: data.rows.map(complianceLine),
      option: complianceChartOption(overall.labels, overall.pct, row && mine ? { name: row.name, pct: mine.pct } : null),
    };
  }, [data, selected]);

  return (
    <main className="cp" data-testid="compliance-page">
      <header className="cp-head">
        <a className="cp-button" href="/">
          ‹ Trang chủ
        </a>
        <h1 className="cp-title">Chấp hành chế độ báo cáo</h1>
        {data ? (
          // What is on screen: the same month, the same tab, counted with the same scope by the server.
          <ExportXlsxButton
            className="cp-export"
            buttonClassName="cp-button"
            request={{ kind: 'compliance', by: data.by, period: data.period }}
          />
        ) : null}
        <SignOutButton className="cp-button" />
      </header>
      <nav className="cp-bar" aria-label="Chọn cách xem">
        <div className="cp-tabs" role="tablist">
          {(['agency', 'commune'] as const).map((by) => (
            <button
              key={by}
              type="button"
              role="tab"
              aria-selected={view.by === by}
              className={`cp-button cp-tab${view.by === by ? ' cp-tab--on' : ''}`}
              onClick={() => change({ ...view, by })}
            >
              {by === 'agency' ? 'Theo cơ quan' : 'Theo xã, phường'}
            </button>
          ))}
        </div>
        <div className="cp-period">
          <button type="button" className="cp-button" aria-label="Tháng trước" disabled={!period} onClick={() => step(-1)}>
            ‹
          </button>
          <span className="cp-period-label" data-testid="compliance-period">
            {period ? periodLabelVi(period) : '…'}
          </span>
          <button type="button" className="cp-button" aria-label="Tháng sau" disabled={!period} onClick={() => step(1)}>
            ›
          </button>
        </div>
      </nav>
      {load.state === 'error' ? (
        <p className="cp-error" role="alert">
          Không tải được tình hình báo cáo: {load.error}
        </p>
      ) : !model || !data ? (
        <p className="cp-muted">Đang tải…</p>
      ) : (
        <div className="cp-body">
          <section className="cp-summary">
            <div className="cp-headline" data-testid="compliance-headline">
              {model.summary.headline}
            </div>
            <div className="cp-muted">
              {model.summary.countText} · {formatUpdatedVi(data.asOf)}
              {load.state === 'ready' && load.error ? ' · mất kết nối, đang hiển thị lần tải trước' : ''}
            </div>
            <EChart className="cp-chart" option={model.option} notMerge />
          </section>
          <ol className="cp-rows">
            {model.lines.map((l) => (
              <li key={l.key}>
                <button
                  type="button"
                  className={`cp-row cp-row--${l.severity}${selected === l.key ? ' cp-row--on' : ''}`}
                  aria-pressed={selected === l.key}
                  aria-label={l.label}
                  onClick={() => setSelected(selected === l.key ? null : l.key)}
                >
                  <span className="cp-row-name">{l.name}</span>
                  <span className="cp-row-figures">{[l.missingText, l.lateText, l.delayText].filter(Boolean).join(' · ')}</span>
                  <span className="cp-row-rate">{l.rateText}</span>
                  <span className="cp-row-track" aria-hidden="true">
                    <span className="cp-row-bar" style={{ width: `${l.ratePct ?? 0}%` }} />
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </main>
  );
}
